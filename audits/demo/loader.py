"""Add the demo's audit programmes and audits that are missing, each audit with its whole story.

The checklists copy the starter questions (migration audits/0002) of a few clauses per audit; a
clause that is not there is skipped, and each audit adds questions of its own, so the demo also
loads without them.
"""

import datetime
import importlib
from collections import Counter

from django.apps import apps
from django.contrib.auth.models import Group, User

from audits.models import Audit, AuditProgramme, Clause, QuestionTemplate
from qms import roles
from qms.models import OrganisationalUnit, Process, StaffProfile, today

from . import audits_last_year, audits_this_year, audits_two_years_ago
from .programmes import APPROVED_BY, PROGRAMMES, SECOND_AUDITOR
from .story import AuditStory, at

DAY = datetime.timedelta(days=1)

AUDITS = [
    *audits_two_years_ago.AUDITS,
    *audits_last_year.AUDITS,
    *audits_this_year.AUDITS,
]

# The starter questions copied into one audit: clauses are taken in the audit's order while the
# total stays within this (a checklist of 8–20 questions with the audit's own).
MAX_TEMPLATE_QUESTIONS = 14


def load(report):
    _ensure_starter_checklist()
    on = today()
    users = User.objects.in_bulk(field_name="username")
    units = OrganisationalUnit.objects.in_bulk(field_name="code")
    processes = Process.objects.in_bulk(field_name="code")
    users[SECOND_AUDITOR[0]] = _second_auditor(report, units)
    programmes = _load_programmes(report, on)
    present = set(Audit.objects.values_list("programme__year", "title"))
    templates = TemplateIndex()
    for spec in AUDITS:
        programme = programmes[on.year + spec.year]
        if (programme.year, spec.title) in present:
            report.keep(Audit)
            continue
        AuditStory(spec, programme, on, users, units, processes, templates).load()
        report.add(Audit)


def _ensure_starter_checklist():
    """The clauses and starter questions of migration 0002, put back if the tables were emptied
    (transactional tests flush every table, migration data included). Clauses that are there are
    left as they are, like every other record."""
    if Clause.objects.exists():
        return
    starter = importlib.import_module("audits.migrations.0002_starter_checklist")
    starter.add_clauses_and_questions(apps, None)


def _second_auditor(report, units):
    username, first, last, unit, position = SECOND_AUDITOR
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=first, last_name=last)
        user.email = f"{username}@example.org"
        user.set_unusable_password()
        user.save()
        user.groups.set([Group.objects.get(name=roles.AUDITOR)])
        report.add(User)
    else:
        report.keep(User)
    if StaffProfile.objects.filter(user=user).exists():
        report.keep(StaffProfile)
    else:
        StaffProfile.objects.create(user=user, unit=units[unit], position=position)
        report.add(StaffProfile)
    return user


def _load_programmes(report, on):
    programmes = AuditProgramme.objects.in_bulk(
        [on.year + offset for offset in PROGRAMMES], field_name="year"
    )
    for offset, objectives in PROGRAMMES.items():
        year = on.year + offset
        if year in programmes:
            report.keep(AuditProgramme)
            continue
        approved_on = datetime.date(year - 1, 12, 15)
        programme = AuditProgramme.objects.create(
            year=year, objectives=objectives, approved_on=approved_on, approved_by=APPROVED_BY
        )
        AuditProgramme.objects.filter(pk=programme.pk).update(
            created_at=at(approved_on - 14 * DAY), updated_at=at(approved_on, 12)
        )
        programmes[year] = programme
        report.add(AuditProgramme)
    return programmes


class TemplateIndex:
    """The clauses and how many active starter questions each has, read once."""

    def __init__(self):
        self.clauses = {clause.number: clause for clause in Clause.objects.all()}
        self.counts = Counter(
            QuestionTemplate.objects.filter(is_active=True).values_list("clause_id", flat=True)
        )

    def clause(self, number):
        """The clause by number, else its nearest parent there (8.5.1 → 8.5 → 8), else None."""
        while number:
            if number in self.clauses:
                return self.clauses[number]
            number = number.rpartition(".")[0]
        return None

    def for_audit(self, numbers):
        """The clauses whose questions an audit copies: each number with its sub-clauses, in
        the given order, while the questions stay within MAX_TEMPLATE_QUESTIONS."""
        chosen, total = [], 0
        for number in numbers:
            group = [
                clause
                for key, clause in self.clauses.items()
                if (key == number or key.startswith(number + ".")) and self.counts[clause.pk]
            ]
            size = sum(self.counts[clause.pk] for clause in group)
            if group and total + size <= MAX_TEMPLATE_QUESTIONS:
                chosen.extend(group)
                total += size
        return chosen
