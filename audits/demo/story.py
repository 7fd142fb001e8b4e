"""One demo audit's story, through audits.services in the order people work, then dated.

The services stamp "now" on every step; the story then moves the stamps back to the days it
describes (never later than now), so that an audit closed last year was also closed last year.
"""

import datetime

from django.utils import timezone

from audits import services
from audits.models import Answer, Audit, ChecklistItem, CorrectiveAction, Finding

from . import plan
from .evidence import EVIDENCE, NOT_APPLICABLE
from .specs import (
    CLOSED,
    IMPROVEMENT,
    IN_PROGRESS,
    MAJOR,
    MINOR,
    OBSERVATION,
    PLANNED,
    REPORTED,
    FromToday,
)

DAY = datetime.timedelta(days=1)


class AuditStory:
    """One audit's story, through the services, then dated."""

    def __init__(self, spec, programme, on, users, units, processes, templates):
        self.spec, self.programme, self.on = spec, programme, on
        self.users, self.templates = users, templates
        self.lead = users[spec.lead]
        self.auditors = [self.lead, *(users[name] for name in spec.team)]
        self.coordinator = users["coordinator"]
        self.processes = [processes[code] for code in spec.processes]
        self.process_by_code = processes
        self.units = [units[code] for code in spec.units]
        self.first, self.last, self.month = plan.days(spec, programme.year, on)

    # --- the story ----------------------------------------------------------------------

    def load(self):
        spec = self.spec
        audit = services.audit_create(
            audit=Audit(
                programme=self.programme,
                title=spec.title,
                planned_month=self.month,
                objectives=plan.objectives(self.processes),
                scope=spec.scope,
                criteria=plan.criteria(spec),
                lead_auditor=self.lead,
                auditees=spec.auditees,
                first_day=self.first,
                last_day=self.last,
                places=spec.places,
                agenda=plan.agenda(self.first, self.last, self.units),
                distribution=plan.distribution(self.units),
                conclusions=spec.conclusions if spec.status in (REPORTED, CLOSED) else "",
            ),
            processes=self.processes,
            units=self.units,
            team=[self.users[name] for name in spec.team],
        )
        self.audit = audit
        self.created = at(self.programme.approved_on + 7 * DAY, 11)
        self.item_stamps, self.finding_stamps, self.action_stamps = {}, {}, {}
        self.last_event = self.created
        if self.first is not None:
            self._prepare_checklist()
        if spec.status != PLANNED:
            services.audit_start(audit=audit, user=self.lead)
            self._answer_and_raise()
        if spec.status in (REPORTED, CLOSED):
            services.audit_report(audit=audit, user=self.lead)
            self.reported = at(min(self.last + 5 * DAY, self.on), 12)
            self.last_event = max(self.last_event, self.reported)
            for finding, finding_spec in self.findings:
                for action_spec in finding_spec.actions:
                    self._action(finding, action_spec)
        if spec.status == CLOSED:
            services.audit_close(audit=audit, user=self.coordinator, note=spec.closing_note)
            closed_day = timezone.localdate(max(self.last_event, self.reported)) + 3 * DAY
            self.closed = at(min(closed_day, self.on), 13)
        self._date_everything()

    def _prepare_checklist(self):
        """The starter questions of the audit's clauses, then the audit's own questions; which
        question each finding will be raised from (self.links: finding's index -> item)."""
        chosen = self.templates.for_audit(self.spec.clauses)
        if chosen:
            services.checklist_copy_templates(audit=self.audit, clauses=chosen)
        starters = list(self.audit.checklist.select_related("clause"))
        own = list(self.spec.questions)
        links, asked = {}, {}
        for index, finding in enumerate(self.spec.findings):
            same = [
                item
                for item in starters
                if item.clause
                and item.clause.number == finding.clause
                and item not in links.values()
            ]
            if finding.starter:
                same = [
                    item for item in same if finding.starter.casefold() in item.question.casefold()
                ]
            elif finding.kind == IMPROVEMENT or len(same) != 1:
                same = []
            if same:
                links[index] = same[0]
            elif finding.question:
                asked[finding.question] = index
                own.append((finding.clause, finding.question, None))
        start = max((item.order for item in starters), default=0) + 1
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                audit=self.audit, order=order, clause=self.templates.clause(number), question=text
            )
            for order, (number, text, _evidence) in enumerate(own, start=start)
        )
        self.own_evidence = {text: evidence for _number, text, evidence in own if evidence}
        self.items = list(self.audit.checklist.select_related("clause").order_by("order", "pk"))
        for item in self.items:
            if item.question in asked and item.pk not in {i.pk for i in links.values()}:
                links[asked[item.question]] = item
        self.links = links
        prepared = max(self.created, at(self.first - 7 * DAY, 9))
        for item in self.items:
            self.item_stamps[item.pk] = {"created_at": prepared, "updated_at": prepared}

    def _answer_and_raise(self):
        spec = self.spec
        answers = {item.pk: self._answer_for(item, n) for n, item in enumerate(self.items)}
        for index, item in self.links.items():
            finding = spec.findings[index]
            answer = {
                MAJOR: Answer.NONCONFORMITY,
                MINOR: Answer.NONCONFORMITY,
                OBSERVATION: Answer.OBSERVATION,
            }.get(finding.kind, Answer.CONFORMING)
            answers[item.pk] = (answer, finding.evidence, finding.day)
        # The audit in progress has answered the questions behind its findings and about half
        # of the others; the rest are still to check.
        to_answer = self.items
        if spec.status == IN_PROGRESS:
            half, behind = len(self.items) // 2, {item.pk for item in self.links.values()}
            to_answer = [item for n, item in enumerate(self.items) if n < half or item.pk in behind]
        for n, item in enumerate(to_answer):
            answer, evidence, day = answers[item.pk]
            auditor = self.auditors[n % len(self.auditors)]
            services.checklist_answer(
                item=item, answer=answer, evidence=evidence, seen_revision=0, user=auditor
            )
            moment = at(self._audit_day(day), 9 + n % 7, minute=(n * 17) % 60)
            self.item_stamps[item.pk].update(answered_at=moment, updated_at=moment)
            self.last_event = max(self.last_event, moment)
        self.findings = []
        for index, finding_spec in enumerate(spec.findings):
            raised_on = self._audit_day(finding_spec.day)
            finding = services.finding_raise(
                finding=Finding(
                    audit=self.audit,
                    kind=finding_spec.kind,
                    clause=self.templates.clause(finding_spec.clause),
                    process=self.process_by_code[finding_spec.process],
                    requirement=finding_spec.requirement,
                    description=finding_spec.description,
                    evidence=finding_spec.evidence,
                    checklist_item=self.links.get(index),
                    raised_on=raised_on,
                ),
                user=self.lead,
            )
            moment = at(raised_on, 15)
            self.finding_stamps[finding.pk] = {"created_at": moment, "updated_at": moment}
            self.last_event = max(self.last_event, moment)
            self.findings.append((finding, finding_spec))

    def _answer_for(self, item, n):
        """A conforming (or not applicable) answer with the evidence noted for its clause."""
        number = item.clause.number if item.clause else ""
        if item.question in self.own_evidence:
            return Answer.CONFORMING, self.own_evidence[item.question], n % 2
        context = {
            "process": self.processes[0].name,
            "unit": self.units[0].name,
            "n": 5 + (n * 3) % 11,
        }
        if any(number == p or number.startswith(p + ".") for p in self.spec.not_applicable):
            return Answer.NOT_APPLICABLE, NOT_APPLICABLE.format(**context), 0
        text = None
        while number and text is None:
            text = self.spec.evidence.get(number) or EVIDENCE.get(number)
            number = number.rpartition(".")[0]
        text = text or "Sprawdzono w procesie „{process}”; bez uwag."
        return Answer.CONFORMING, text.format(**context), n % 2

    def _audit_day(self, day):
        """The audit's `day`-th day (0: the first), within its days and not after today."""
        return min(self.first + day * DAY, self.last, self.on)

    def _action(self, finding, spec):
        raised = finding.raised_on
        responsible = self.users[spec.responsible] if spec.responsible else None
        if responsible is None:
            responsible = finding.process.owner or self.coordinator
        action = CorrectiveAction(
            finding=finding,
            correction=spec.correction,
            root_cause=spec.root_cause,
            action=spec.action,
            responsible=responsible,
            due_on=max(self._day(spec.due, raised), raised),
        )
        services.validate_due_date(action)
        action.save()
        # Past events: not before the finding, not after today, each after the one before.
        implemented = verified = closed = None
        if spec.implemented is not None:
            implemented = min(max(self._day(spec.implemented, raised), raised), self.on)
            services.action_implemented(action=action, user=responsible, on=implemented)
        if spec.verified is not None:
            verified = min(max(self._day(spec.verified, raised), implemented), self.on)
            services.action_verify(
                action=action,
                user=self.lead,
                on=verified,
                effective=spec.state != "not_effective",
                comment=spec.comment,
            )
        if spec.closed is not None:
            closed = min(max(self._day(spec.closed, raised), verified), self.on)
            services.action_close(action=action, user=self.coordinator)
        created = at(min(raised + 5 * DAY, implemented or self.on, self.on), 10)
        created = max(created, at(raised, 16))
        last = max([created, *(at(day, 14) for day in (implemented, verified, closed) if day)])
        stamps = {"created_at": created, "updated_at": last}
        if closed:
            stamps["closed_at"] = at(closed, 14)
        self.action_stamps[action.pk] = stamps
        self.last_event = max(self.last_event, last)

    def _day(self, value, raised):
        if isinstance(value, FromToday):
            return self.on + value.days * DAY
        return raised + value * DAY

    # --- dating -------------------------------------------------------------------------

    def _date_everything(self):
        audit_stamps = {"created_at": self.created, "updated_at": self.last_event}
        if self.spec.status in (REPORTED, CLOSED):
            audit_stamps["reported_at"] = self.reported
        if self.spec.status == CLOSED:
            audit_stamps["closed_at"] = self.closed
            audit_stamps["updated_at"] = max(self.last_event, self.closed)
        Audit.objects.filter(pk=self.audit.pk).update(**audit_stamps)
        for model, stamps in (
            (ChecklistItem, self.item_stamps),
            (Finding, self.finding_stamps),
            (CorrectiveAction, self.action_stamps),
        ):
            if not stamps:
                continue
            rows = list(model.objects.filter(pk__in=stamps))
            names = set()
            for row in rows:
                for name, value in stamps[row.pk].items():
                    setattr(row, name, value)
                    names.add(name)
            model.objects.bulk_update(rows, sorted(names))


def at(day, hour=10, minute=0):
    """An aware moment on `day` in the office's time zone, never later than now."""
    moment = datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )
    return min(moment, timezone.now())
