"""Load the quality system's demo records: accounts, the organisation, its representatives and
quality policy, units and staff, process cards, and (versions.py) the register of documents.

Only what is missing is added (see the package's docstring); the workflows go through
qms.services, so the demo obeys the same rules as a person on the intranet.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission, User

from qms import roles, services
from qms.models import (
    ContextIssue,
    InterestedParty,
    MeasureValue,
    Organisation,
    OrganisationalUnit,
    PolicyStatus,
    Process,
    ProcessMeasure,
    ProcessRisk,
    QualityObjective,
    QualityPolicy,
    Representative,
    ScopeExclusion,
    StaffProfile,
    today,
)

from . import context, versions
from . import objectives as objective_data
from .accounts import APPROVER, DEMO_ACCOUNTS, DEMO_PASSWORD
from .catalogue import PROCESSES
from .dates import at, months_before, period_ends
from .organisation import ORGANISATION, POLICIES, REPRESENTATIVES
from .risks import PLANS as RISK_PLANS
from .units import STAFF, UNITS


def load(report):
    on = today()
    users = load_accounts(report)
    load_organisation(report)
    load_representatives(report)
    load_policies(report, users["coordinator"])
    units = load_units(report, users)
    load_staff(report, users, units)
    processes = load_processes(report, users, units, on)
    versions.load_documents(report, users, units, processes, on)
    load_context(report, users["coordinator"], on)
    load_objectives(report, users, on)


def load_accounts(report):
    """The demo accounts and the approver; an account already there keeps its password, names
    and groups."""
    names = [username for username, *_rest in DEMO_ACCOUNTS] + [APPROVER[0]]
    users = User.objects.in_bulk(names, field_name="username")
    password = None
    for username, role, first, last in DEMO_ACCOUNTS:
        if username in users:
            report.keep(User)
            continue
        # One hash for all the accounts: the password is public anyway, and hashing it once per
        # account with the production hasher would take most of the load's time.
        password = password or make_password(DEMO_PASSWORD)
        user = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
            password=password,
        )
        user.groups.set([Group.objects.get(name=role)])
        users[username] = user
        report.add(User)
    username, first, last = APPROVER
    if username in users:
        report.keep(User)
    else:
        approver = User(
            username=username, first_name=first, last_name=last, email=f"{username}@example.org"
        )
        approver.set_unusable_password()
        approver.save()
        approver.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="qms", codename="approve_documentversion"
            )
        )
        users[username] = approver
        report.add(User)
    return users


def load_organisation(report):
    if Organisation.objects.filter(pk=1).exists():
        report.keep(Organisation)
    else:
        Organisation.objects.create(pk=1, **ORGANISATION)
        report.add(Organisation)


def load_representatives(report):
    present = set(Representative.objects.values_list("full_name", flat=True))
    for fields in REPRESENTATIVES:
        if fields["full_name"] in present:
            report.keep(Representative)
            continue
        representative = Representative(**fields)
        if fields["ended_on"] is None and Representative.objects.current() is None:
            services.representative_appoint(new=representative)
        else:
            # A past term; or the demo's current representative while someone else holds the
            # office, who stays current: appointing would end their term.
            representative.save()
        report.add(Representative)


def load_policies(report, user):
    present = set(QualityPolicy.objects.values_list("version", flat=True))
    added_in_force = None
    for fields in POLICIES:
        if fields["version"] in present:
            report.keep(QualityPolicy)
            continue
        in_force = QualityPolicy.objects.in_force()
        if in_force is None or in_force == added_in_force:
            policy = QualityPolicy.objects.create(**fields, status=PolicyStatus.DRAFT)
            services.policy_put_in_force(policy=policy, user=user)
            # The service stamps "now"; the demo's version came into force when it was approved.
            QualityPolicy.objects.filter(pk=policy.pk).update(
                put_in_force_at=at(fields["approved_on"])
            )
            added_in_force = policy
        else:
            # A version in force that the demo did not add this time stays in force.
            QualityPolicy.objects.create(**fields, status=PolicyStatus.SUPERSEDED)
        report.add(QualityPolicy)


def load_units(report, users):
    units = OrganisationalUnit.objects.in_bulk([code for code, *_rest in UNITS], field_name="code")
    for code, name, kind, head in UNITS:
        if code in units:
            report.keep(OrganisationalUnit)
            continue
        units[code] = OrganisationalUnit.objects.create(
            code=code, name=name, kind=kind, head=users[head] if head else None
        )
        report.add(OrganisationalUnit)
    return units


def load_staff(report, users, units):
    present = set(
        StaffProfile.objects.filter(user__username__in=STAFF).values_list(
            "user__username", flat=True
        )
    )
    for username, (unit, position) in STAFF.items():
        if username in present:
            report.keep(StaffProfile)
            continue
        StaffProfile.objects.create(user=users[username], unit=units[unit], position=position)
        report.add(StaffProfile)


def load_processes(report, users, units, on):
    processes = Process.objects.in_bulk([card.code for card in PROCESSES], field_name="code")
    added = set()
    for card in PROCESSES:
        if card.code in processes:
            report.keep(Process)
            continue
        processes[card.code] = add_process(card, users, units, on)
        added.add(card.code)
        report.add(Process)
    # Each card lists some interactions and the relation is symmetrical, so it holds them all.
    # Only between processes added now: a link to one already there would change that card
    # behind its change history's back.
    partners = {code: set() for code in added}
    for card in PROCESSES:
        for other in card.interacts_with:
            if card.code in added and other in added:
                partners[card.code].add(other)
                partners[other].add(card.code)
    for code in sorted(added):
        processes[code].interacts_with.add(*(processes[other] for other in sorted(partners[code])))
    return processes


def add_process(card, users, units, on):
    """The process with its units, risks, measures and their values."""
    process = Process.objects.create(
        code=card.code,
        name=card.name,
        kind=card.kind,
        owner=users[card.owner] if card.owner else None,
        purpose=card.purpose,
        scope=card.scope,
        inputs="\n".join(card.inputs),
        outputs="\n".join(card.outputs),
        customers="\n".join(card.customers),
        resources="\n".join(card.resources),
    )
    process.units.set([units[code] for code in card.units])
    for risk in card.risks:
        plan = RISK_PLANS.get((card.code, risk.description))
        added = ProcessRisk.objects.create(
            process=process,
            description=risk.description,
            kind=risk.kind,
            likelihood=risk.likelihood,
            impact=risk.impact,
            treatment=risk.treatment,
            review_on=months_before(on, -risk.review_in_months),
            treatment_owner=users[plan[0]] if plan else None,
            treatment_due=months_before(on, -plan[1]) if plan else None,
        )
        # Evaluated by the process's owner, else the coordinator's office; by neither when an
        # account already there lost the role that allows it (the plan stays without it).
        evaluator = next(
            (
                user
                for user in (process.owner, users["coordinator"])
                if user is not None and roles.can_edit_process(user, process)
            ),
            None,
        )
        if plan and plan[2] and evaluator is not None:
            effectiveness, note, months_ago = plan[2]
            services.risk_evaluate(
                added, evaluator, effectiveness, note, on=months_before(on, months_ago)
            )
    recorder = process.owner or users["coordinator"]
    for spec in card.measures:
        measure = ProcessMeasure.objects.create(
            process=process,
            name=spec.name,
            direction=spec.direction,
            target=Decimal(spec.target),
            unit=spec.unit,
            frequency=spec.frequency,
        )
        ends = period_ends(spec.frequency, len(spec.values), on)
        MeasureValue.objects.bulk_create(
            MeasureValue(
                measure=measure,
                period_end=period_end,
                value=Decimal(str(value)),
                recorded_by=recorder,
            )
            for period_end, value in zip(ends, spec.values, strict=True)
        )
    return process


def load_context(report, user, on):
    """The context register, the climate statement, the scope and its exclusion. An entry
    already there (the same issue, party or clause) is kept as it is."""
    processes = dict(Process.objects.values_list("code", "pk"))
    present = set(ContextIssue.objects.values_list("description", flat=True))
    for kind, category, description, response, code, months in context.ISSUES:
        if description in present:
            report.keep(ContextIssue)
            continue
        ContextIssue.objects.create(
            kind=kind,
            category=category,
            description=description,
            response=response,
            process_id=processes.get(code),
            reviewed_on=months_before(on, months),
            reviewed_by=user,
        )
        report.add(ContextIssue)
    present = set(InterestedParty.objects.values_list("name", flat=True))
    for name, requirements, monitoring, months in context.PARTIES:
        if name in present:
            report.keep(InterestedParty)
            continue
        InterestedParty.objects.create(
            name=name,
            requirements=requirements,
            monitoring=monitoring,
            reviewed_on=months_before(on, months),
            reviewed_by=user,
        )
        report.add(InterestedParty)
    present = set(ScopeExclusion.objects.values_list("clause", flat=True))
    for clause, title, justification in context.EXCLUSIONS:
        if clause in present:
            report.keep(ScopeExclusion)
            continue
        ScopeExclusion.objects.create(clause=clause, title=title, justification=justification)
        report.add(ScopeExclusion)
    # The office's own statements are left alone once it has written any of them.
    Organisation.objects.filter(
        pk=1, climate_change_relevant__isnull=True, climate_change_reasoning="", qms_scope=""
    ).update(**context.CLIMATE)


def load_objectives(report, users, on):
    """This year's objectives approved by the mayor, last year's evaluated too. A year some of
    whose objectives were there already is not approved again: a draft someone wrote on the demo
    site stays theirs to have approved."""
    for year, rows in (
        (on.year, objective_data.THIS_YEAR),
        (on.year - 1, objective_data.LAST_YEAR),
    ):
        present = set(QualityObjective.objects.of_year(year).values_list("title", flat=True))
        added = []
        for (
            title,
            plan,
            measure,
            direction,
            target,
            unit,
            baseline,
            who,
            resources,
            due,
            how,
            *end,
        ) in rows:
            if title in present:
                report.keep(QualityObjective)
                continue
            years_after, month, day = due
            objective = QualityObjective.objects.create(
                year=year,
                title=title,
                plan=plan,
                measure=(
                    ProcessMeasure.objects.filter(process__code=measure[0], name=measure[1]).first()
                    if measure
                    else None
                ),
                direction=direction,
                target=Decimal(target),
                unit=unit,
                baseline=Decimal(baseline),
                responsible=users[who],
                resources=resources,
                deadline=datetime.date(year + years_after, month, day),
                evaluation_method=how,
            )
            added.append((objective, end))
            report.add(QualityObjective)
        if not added or present:
            continue
        services.objectives_approve(year=year, user=users["manager"])
        # The service stamps "now"; the demo's objectives were approved in January.
        QualityObjective.objects.of_year(year).update(approved_at=at(datetime.date(year, 1, 20)))
        for objective, end in added:
            if end:
                objective.refresh_from_db()
                objective.achieved, objective.evaluation = end
                objective.evaluated_on = datetime.date(year + 1, 1, 25)
                services.objective_evaluate(objective=objective, user=users["coordinator"])


# --- The management review (9.3): loaded last (qms.demo.load_all), once every app's records
# are there for its inputs.


def load_reviews(report):
    """Last year's review, approved by the mayor, with its actions; this year's as a draft with
    its inputs gathered. A year that has a review already keeps it as it is."""
    from django.db.models import Q

    from qms.models import ManagementReview, ReviewAction, ReviewInput, ReviewStatus

    from . import reviews as review_data

    on = today()
    users = User.objects.in_bulk(
        [username for username, *_rest in DEMO_ACCOUNTS], field_name="username"
    )
    coordinator, manager = users["coordinator"], users["manager"]
    held = datetime.date(on.year - 1, 12, 12)
    if ManagementReview.objects.filter(held_on__year=held.year).exists():
        report.keep(ManagementReview)
    else:
        review = services.review_create(
            review=ManagementReview(
                held_on=held,
                period_start=datetime.date(held.year, 1, 1),
                period_end=held,
                chair=manager,
                participants=review_data.PARTICIPANTS,
                conclusions=review_data.CONCLUSIONS,
            ),
            user=coordinator,
        )
        report.add(ManagementReview)
        closing = []
        for kind, decision, who, state, note in review_data.LAST_YEARS_ACTIONS:
            # Due after today, or between the meeting and today: closed by then, or overdue.
            due = on + datetime.timedelta(days=75) if state == "open" else held + (on - held) // 2
            action = services.review_action_save(
                action=ReviewAction(
                    review=review, kind=kind, description=decision, owner=users[who], due_on=due
                ),
                user=coordinator,
            )
            report.add(ReviewAction)
            if state == "closed":
                closing.append((action, users[who], note))
        services.review_take_snapshot(review=review, user=coordinator, on=held)
        for item in review.inputs.all():
            item.commentary = review_data.COMMENTARY[item.section]
            services.review_comment(item=item, user=coordinator)
            report.add(ReviewInput)
        services.review_approve(review=review, user=manager)
        # The services stamp "now"; the demo's review was prepared and approved in December.
        ManagementReview.objects.filter(pk=review.pk).update(
            snapshot_taken_at=at(held - datetime.timedelta(days=3)),
            approved_at=at(held + datetime.timedelta(days=2)),
        )
        for action, who, note in closing:
            services.review_action_close(action=action, user=who, note=note, on=action.due_on)
    draft_held = on + datetime.timedelta(days=14)
    if ManagementReview.objects.filter(
        Q(held_on__year=draft_held.year) | Q(status=ReviewStatus.DRAFT)
    ).exists():
        report.keep(ManagementReview)
        return
    previous = (
        ManagementReview.objects.approved().filter(held_on__lt=on).order_by("-held_on").first()
    )
    start = (
        previous.held_on + datetime.timedelta(days=1)
        if previous
        else datetime.date(draft_held.year, 1, 1)
    )
    review = services.review_create(
        review=ManagementReview(
            held_on=draft_held,
            period_start=start,
            period_end=draft_held,
            chair=manager,
            participants=review_data.PARTICIPANTS,
        ),
        user=coordinator,
    )
    report.add(ManagementReview)
    services.review_take_snapshot(review=review, user=coordinator, on=on)
    report.add(ReviewInput)
