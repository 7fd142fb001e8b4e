"""N times the demo: the records of a city hall with many delegations, to measure the intranet on.

`manage.py generate_scale_data --factor N` leaves the database holding N times the demo's quality
system: the demo itself (`manage.py load_demo` first) and N-1 copies of it, copy k standing for a
delegation ("delegatura") of a large city: copy 2 is "D002", copy 100 "D100". Each copy has the
demo's kinds of records, with their relations kept inside the copy:

- accounts (in the demo accounts' groups, with Polish names drawn at random, usernames
  `d002.coordinator` ...) and their staff profiles;
- organisational units (`D002-WO`), process cards (`D002-P-03`) with their units, interactions,
  risks (likelihood and impact drawn again), measures and values (moved by up to 5 %);
- documents (`D002-PR-03`) with every edition (in force, superseded, scheduled, drafts) and the
  read confirmations; an edition's file is the demo edition's own file in storage, and its text
  is the demo edition's text (no file is read again);
- the context's issues and interested parties, the quality objectives, and the internal audits
  with their checklists, findings and corrective actions, numbered on in their year's programme
  (`AW/<year>/<nn>` without gaps: copy 2's audits of 2026 follow the demo's four).

Names and titles carry the copy's tag and place ("Wydział Komunikacji – D002 Bielany"). Neither
the survey's responses nor the certificates are copied: the survey's report is measured with
10,000 responses by `benchmark_survey_report`, and an office has one certificate.

Bulk inserts, 500 rows at a time; each copy in its own transaction, so a copy is there whole or
not at all, and a second run with the same N adds nothing (copy k is there when its units are).
The search's fields are filled as the services fill them (from the copied texts), and each record
gets its "created" row in the change history (qms.history.record_creations), dated as the demo
record it copies.
"""

import contextlib
import dataclasses
import random
import time
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from qms import history
from qms.demo.accounts import DEMO_ACCOUNTS
from qms.demo.catalogue import PROCESSES
from qms.models import (
    ContextIssue,
    Document,
    DocumentVersion,
    InterestedParty,
    MeasureValue,
    OrganisationalUnit,
    Process,
    ProcessMeasure,
    ProcessRisk,
    QualityObjective,
    ReadConfirmation,
    SearchIndexed,
    StaffProfile,
    VersionStatus,
)
from qms.search import index, vocabulary_kept_for_the_end

# (account, URL name, query string): every intranet list, as the demo account who uses it opens
# it: what benchmark_scale times and tests/test_scale_data.py counts the queries of.
PAGES = [
    ("coordinator", "intranet:home", ""),
    ("auditor", "intranet:home", ""),
    ("owner", "intranet:home", ""),
    ("employee", "intranet:home", ""),
    ("clerk", "intranet:home", ""),
    ("manager", "intranet:home", ""),
    ("coordinator", "intranet:document_list", ""),
    ("coordinator", "intranet:document_list", "q=procedura"),
    ("employee", "intranet:document_list", ""),
    ("coordinator", "intranet:document_reviews", ""),
    ("coordinator", "intranet:process_list", ""),
    ("coordinator", "intranet:process_map", ""),
    ("coordinator", "intranet:unit_list", ""),
    ("coordinator", "intranet:account_list", ""),
    ("coordinator", "intranet:objective_list", ""),
    ("coordinator", "intranet:context_register", ""),
    ("coordinator", "audits:audit_list", ""),
    ("employee", "audits:audit_list", ""),
    ("coordinator", "audits:action_register", ""),
    ("coordinator", "audits:programme_list", ""),
    ("coordinator", "audits:programme_coverage", ""),
    ("coordinator", "intranet:search", "q=audyt"),
    ("coordinator", "intranet:search", "q=wniosek"),
    ("employee", "intranet:search", "q=audyt"),
]

BATCH = 500
MAX_FACTOR = 999  # the tag has three digits

# A generated record: its code, username or name says which copy it belongs to.
CODE_TAG = r"^D[0-9]{3}-"
USERNAME_TAG = r"^d[0-9]{3}\."
NAME_TAG = r" – D[0-9]{3} "

# Districts of the largest Polish cities (Warszawa, Kraków, Łódź, Wrocław, Poznań, Gdańsk): the
# place each copy stands for, in turn.
PLACES = [
    "Bemowo", "Białołęka", "Bielany", "Mokotów", "Ochota", "Praga-Południe", "Praga-Północ",
    "Rembertów", "Targówek", "Ursus", "Ursynów", "Wawer", "Wesoła", "Wilanów", "Włochy", "Wola",
    "Żoliborz", "Krowodrza", "Nowa Huta", "Podgórze", "Grzegórzki", "Prądnik Czerwony",
    "Prądnik Biały", "Bronowice", "Zwierzyniec", "Dębniki", "Łagiewniki", "Swoszowice",
    "Bieżanów", "Czyżyny", "Mistrzejowice", "Bałuty", "Górna", "Polesie", "Widzew", "Fabryczna",
    "Krzyki", "Psie Pole", "Jeżyce", "Grunwald", "Nowe Miasto", "Wilda", "Wrzeszcz", "Oliwa",
    "Przymorze", "Zaspa", "Orunia", "Chełm",
]  # fmt: skip

WOMEN = (
    ["Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta",
     "Magdalena", "Joanna", "Aleksandra", "Monika", "Zofia", "Teresa", "Danuta", "Natalia",
     "Karolina", "Marta", "Beata", "Dorota"],
    ["Nowak", "Kowalska", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowska",
     "Zielińska", "Szymańska", "Woźniak", "Dąbrowska", "Kozłowska", "Jankowska", "Mazur",
     "Kwiatkowska", "Krawczyk", "Piotrowska", "Grabowska", "Nowakowska", "Pawłowska"],
)  # fmt: skip
MEN = (
    ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin", "Jakub",
     "Adam", "Łukasz", "Marek", "Grzegorz", "Mateusz", "Wojciech", "Stanisław", "Józef",
     "Dariusz", "Rafał", "Zbigniew"],
    ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
     "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
     "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski"],
)  # fmt: skip


class DemoMissing(Exception):
    """The copies are made from the demo: load it first."""


@dataclasses.dataclass
class Outcome:
    factor: int
    added: list  # the copies added (their numbers)
    rows: int  # the rows they hold
    seconds: float


def copy_tag(k):
    return f"D{k:03d}"


def copy_place(k):
    turn, at = divmod(k - 2, len(PLACES))
    return PLACES[at] + (f" {turn + 1}" if turn else "")


def present_copies():
    """The copies already in the database (their numbers), read from their units' codes."""
    codes = OrganisationalUnit.objects.filter(code__regex=CODE_TAG).values_list("code", flat=True)
    return {int(code[1:4]) for code in codes}


def generate(factor, *, progress=None):
    """Make the database hold `factor` times the demo: add the copies 2..factor not there yet."""
    if not 1 <= factor <= MAX_FACTOR:
        raise ValueError(f"The factor runs from 1 to {MAX_FACTOR}.")
    demo_users = [username for username, *_rest in DEMO_ACCOUNTS]
    demo_processes = [card.code for card in PROCESSES]
    if User.objects.filter(username__in=demo_users).count() < len(
        demo_users
    ) or Process.objects.filter(code__in=demo_processes).count() < len(demo_processes):
        raise DemoMissing("The demo is not loaded: run `manage.py load_demo` first.")
    started = time.perf_counter()
    missing = sorted(set(range(2, factor + 1)) - present_copies())
    rows = 0
    if missing:
        template = Template.read()
        for k in missing:
            with transaction.atomic():
                rows += Copy(template, k).make()
            if progress:
                progress(k, rows, time.perf_counter() - started)
    return Outcome(factor, missing, rows, time.perf_counter() - started)


# --- What is copied ------------------------------------------------------------------------------


# In the order they are made: each model's relations point to models made before it (or to
# records that are not copied: groups, clauses, the audit programmes).
def copied_models():
    from audits.models import Audit, ChecklistItem, CorrectiveAction, Finding

    return [
        User, OrganisationalUnit, StaffProfile, Process, ProcessRisk, ProcessMeasure,
        MeasureValue, Document, DocumentVersion, ReadConfirmation, ContextIssue, InterestedParty,
        QualityObjective, Audit, ChecklistItem, Finding, CorrectiveAction,
    ]  # fmt: skip


def demo_rows(model, chosen):
    """The records of the demo (and of anyone's own work: everything not generated) to copy."""
    from audits.models import Audit, ChecklistItem, CorrectiveAction, Finding

    manager = model._base_manager
    parent = {
        StaffProfile: ("user", User),
        ProcessRisk: ("process", Process),
        ProcessMeasure: ("process", Process),
        MeasureValue: ("measure", ProcessMeasure),
        DocumentVersion: ("document", Document),
        ReadConfirmation: ("version", DocumentVersion),
        ChecklistItem: ("audit", Audit),
        Finding: ("audit", Audit),
        CorrectiveAction: ("finding", Finding),
    }
    if model is User:
        rows = manager.exclude(username__regex=USERNAME_TAG).filter(is_superuser=False)
    elif model in (OrganisationalUnit, Process, Document):
        rows = manager.exclude(code__regex=CODE_TAG)
    elif model in parent:
        field, parent_model = parent[model]
        rows = manager.filter(**{f"{field}__in": [r.pk for r in chosen[parent_model]]})
    else:
        field = {
            ContextIssue: "description",
            InterestedParty: "name",
            QualityObjective: "title",
            Audit: "title",
        }[model]
        rows = manager.exclude(**{f"{field}__regex": NAME_TAG})
    return list(rows.order_by("pk"))


@dataclasses.dataclass
class Template:
    """The demo's records to copy, read once for all the copies."""

    rows: dict  # model -> its records
    links: dict  # (model, many-to-many field) -> [(source pk, target pk)]
    searched: dict  # document pk -> the texts of its editions the search reads

    @staticmethod
    def searched_texts(versions):
        """Each document's published summaries of changes, then the text of its editions staff
        may read (services.document_refresh_search_text)."""
        published = {VersionStatus.IN_FORCE, VersionStatus.SCHEDULED, VersionStatus.SUPERSEDED}
        readable = {VersionStatus.IN_FORCE, VersionStatus.SCHEDULED}
        summaries, contents = {}, {}
        for version in versions:
            if version.status in published:
                summaries.setdefault(version.document_id, []).append(version.change_summary)
            if version.status in readable:
                contents.setdefault(version.document_id, []).append(version.content)
        return lambda pk: [*summaries.get(pk, []), *contents.get(pk, [])]

    @classmethod
    def read(cls):
        rows, links = {}, {}
        for model in copied_models():
            rows[model] = demo_rows(model, rows)
            pks = [r.pk for r in rows[model]]
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                links[model, field.name] = list(
                    through._default_manager.filter(**{f"{source}_id__in": pks})
                    .order_by("pk")
                    .values_list(f"{source}_id", f"{target}_id")
                )
        texts = cls.searched_texts(rows[DocumentVersion])
        searched = {document.pk: texts(document.pk) for document in rows[Document]}
        return cls(rows, links, searched)


class Copy:
    """Copy k of the template, written in bulk with its relations pointing inside the copy."""

    def __init__(self, template, k):
        self.template = template
        self.k = k
        self.tag = copy_tag(k)
        self.place = copy_place(k)
        self.random = random.Random(k)  # the same copy has the same values on every machine
        self.made = {}  # model -> {template pk: new record}

    def make(self):
        from audits.models import Audit

        rows = 0
        with stamps_kept(copied_models()), vocabulary_kept_for_the_end():
            self.next_sequence = dict(
                Audit.objects.values("programme")
                .annotate(last=Max("sequence"))
                .values_list("programme", "last")
            )
            for model in copied_models():
                rows += self.copy_model(model)
        self.history_rows = history.record_creations()
        return rows

    def copy_model(self, model):
        originals = self.template.rows[model]
        clones = [self.clone(model, original) for original in originals]
        if issubclass(model, SearchIndexed):
            for clone in clones:
                clone.search_text = index(*clone.search_parts())
        model._base_manager.bulk_create(clones, batch_size=BATCH)
        self.made[model] = {o.pk: c for o, c in zip(originals, clones, strict=True)}
        rows = len(clones)
        for field in model._meta.local_many_to_many:
            rows += self.copy_links(model, field)
        return rows

    def clone(self, model, original):
        clone = model()
        for field in model._meta.concrete_fields:
            if field.primary_key:
                continue
            value = getattr(original, field.attname)
            if field.is_relation and value is not None and field.related_model in self.made:
                setattr(clone, field.name, self.made[field.related_model][value])
            else:
                setattr(clone, field.attname, value)
        vary = getattr(self, f"vary_{model._meta.model_name}", None)
        if vary:
            vary(clone, original)
        return clone

    def copy_links(self, model, field):
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        mine = self.made[model]
        theirs = self.made.get(field.related_model)
        links = [
            through(
                **{
                    f"{source}_id": mine[a].pk,
                    f"{target}_id": theirs[b].pk if theirs is not None else b,
                }
            )
            for a, b in self.template.links[model, field.name]
        ]
        through._default_manager.bulk_create(links, batch_size=BATCH)
        return len(links)

    # --- What makes a copy its own ------------------------------------------------------------

    def code(self, code):
        return f"{self.tag}-{code}"

    def named(self, text, limit):
        suffix = f" – {self.tag} {self.place}"
        return text[: limit - len(suffix)] + suffix

    def vary_user(self, user, original):
        first_names, last_names = self.random.choice([WOMEN, MEN])
        user.username = f"{self.tag.lower()}.{user.username}"
        user.first_name = self.random.choice(first_names)
        user.last_name = self.random.choice(last_names)
        user.email = f"{user.username}@example.org"

    def vary_organisationalunit(self, unit, original):
        unit.code = self.code(unit.code)
        unit.name = self.named(unit.name, 200)

    def vary_process(self, process, original):
        process.code = self.code(process.code)
        process.name = self.named(process.name, 200)

    def vary_processrisk(self, risk, original):
        risk.likelihood = self.random.randint(1, 5)
        risk.impact = self.random.randint(1, 5)

    def vary_measurevalue(self, value, original):
        moved = value.value * Decimal(self.random.uniform(0.95, 1.05))
        if value.value <= 100 < moved:  # a share stays a share
            moved = Decimal(100)
        value.value = moved.quantize(Decimal("0.01"))

    def vary_document(self, document, original):
        document.code = self.code(document.code)
        document.title = self.named(document.title, 300)
        # As services.document_refresh_search_text keeps them, from the copied editions.
        document.search_title = index(document.code, document.title)
        document.search_text = index(
            document.code, document.title, *self.template.searched[original.pk]
        )

    def vary_contextissue(self, issue, original):
        issue.description = self.named(issue.description, 1000)

    def vary_interestedparty(self, party, original):
        party.name = self.named(party.name, 200)

    def vary_qualityobjective(self, objective, original):
        objective.title = self.named(objective.title, 200)

    def vary_audit(self, audit, original):
        sequence = self.next_sequence.get(audit.programme_id, 0) + 1
        self.next_sequence[audit.programme_id] = sequence
        year = audit.number.split("/")[1]
        audit.sequence = sequence
        audit.number = f"AW/{year}/{sequence:02d}"
        audit.title = self.named(audit.title, 200)


@contextlib.contextmanager
def stamps_kept(models):
    """Bulk inserts keep the copied records' own created and changed times (and a confirmation's
    date) instead of stamping them all with now: the demo's dates are spread over years."""
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


__all__ = ["DemoMissing", "Outcome", "copy_place", "copy_tag", "generate", "present_copies"]
