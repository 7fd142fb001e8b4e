"""The change history ("rejestr zmian") of quality records: which records have one, what changed.

Every quality record keeps its history with django-simple-history (qms.models.base.QualityHistory):
one row per change with who made it and when. This module names the records whose history can be
opened (a short slug per model, used in the URL), reads a record's history a page at a time with a
fixed number of queries, and gives the public pages the date of their last change.

Models are named by "app.Model" strings and looked up when asked for, so that qms does not import
the apps built on it.
"""

import dataclasses
import datetime

from django.apps import apps
from django.db import models
from django.db.models import Max, OuterRef, Q, Subquery, Value
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

RECORD_TYPES = {
    "organisation": "qms.Organisation",
    "representative": "qms.Representative",
    "policy": "qms.QualityPolicy",
    "context-issue": "qms.ContextIssue",
    "interested-party": "qms.InterestedParty",
    "scope-exclusion": "qms.ScopeExclusion",
    "objective": "qms.QualityObjective",
    # The management review (9.3)
    "management-review": "qms.ManagementReview",
    "review-input": "qms.ReviewInput",
    "review-action": "qms.ReviewAction",
    "unit": "qms.OrganisationalUnit",
    "staff-profile": "qms.StaffProfile",
    "user": "auth.User",
    "process": "qms.Process",
    "risk": "qms.ProcessRisk",
    "measure": "qms.ProcessMeasure",
    "value": "qms.MeasureValue",
    "document": "qms.Document",
    "version": "qms.DocumentVersion",
    "read-confirmation": "qms.ReadConfirmation",
    "body": "certificates.CertificationBody",
    "certificate": "certificates.Certificate",
    "external-audit": "certificates.ExternalAudit",
    "programme": "audits.AuditProgramme",
    "audit": "audits.Audit",
    "checklist-item": "audits.ChecklistItem",
    "finding": "audits.Finding",
    "action": "audits.CorrectiveAction",
    "questionnaire": "surveys.Questionnaire",
    "question-group": "surveys.QuestionGroup",
    "question": "surveys.Question",
    "survey": "surveys.Campaign",
    "survey-comment-action": "surveys.CommentAction",
}

# Never shown as a change: the creation stamp does not change, and a long text is cut short.
HIDDEN_FIELDS = {"id", "created_at"}
LONG_TEXT = 200


def record_model(record_type):
    """The model a URL's record type names, or None."""
    label = RECORD_TYPES.get(record_type)
    return apps.get_model(label) if label else None


def history_model(model):
    """The model's history model, or None if it keeps no history."""
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


def person(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def tracked_models():
    return [model for model in apps.get_models() if history_model(model) is not None]


def record_creations(user=None):
    """Give every record that has no history yet its "created" row, dated when it was created.

    For records written with the history paused (the demo loader) or before it was kept. A few
    queries per model, whatever the number of records; records with a history are left alone,
    so running it again adds nothing.
    """
    added = 0
    for model in tracked_models():
        history = history_model(model)
        records = list(model._default_manager.exclude(pk__in=history._default_manager.values("id")))
        for record in records:
            record._history_date = _created(record)
        manager = getattr(model, model._meta.simple_history_manager_attribute)
        rows = manager.bulk_history_create(records, default_user=user)
        for field in history._history_m2m_fields:
            _snapshot_m2m(history, field, rows)
        added += len(records)
    return added


def _created(record):
    for name in ("created_at", "date_joined", "confirmed_at"):
        if getattr(record, name, None):
            return getattr(record, name)
    return timezone.now()


def _snapshot_m2m(history, field, rows):
    """The many-to-many field's rows as they are now, copied for the new history rows."""
    if not rows:
        return
    snapshot = getattr(history, field.name).model
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    row_of = {row.id: row for row in rows}
    links = through._default_manager.filter(**{f"{source}__in": list(row_of)})
    snapshot._default_manager.bulk_create(
        snapshot(
            history=row_of[getattr(link, f"{source}_id")],
            id=link.pk,
            **{f"{source}_id": getattr(link, f"{source}_id")},
            **{f"{target}_id": getattr(link, f"{target}_id")},
        )
        for link in links
    )


# --- The public pages' 'metryczka' ---------------------------------------------------------------


def last_changed(*records):
    """The newest change in the history of the given records (None ignored), in one query.

    Records saved before the history was kept have no rows in it; for them the record's own
    `updated_at` stands in.
    """
    by_model = {}
    for record in records:
        if record is not None and record.pk is not None:
            by_model.setdefault(type(record), []).append(record)
    newest = [
        history_model(model)
        ._default_manager.filter(id__in=[r.pk for r in rows])
        .order_by()
        .values("history_type")
        .annotate(newest=Max("history_date"))
        .values_list("history_type", "newest")
        for model, rows in by_model.items()
    ]
    if not newest:
        return None
    query = newest[0].union(*newest[1:], all=True) if len(newest) > 1 else newest[0]
    stamps = [stamp for _type, stamp in query if stamp]
    if not stamps:
        stamps = [r.updated_at for rows in by_model.values() for r in rows if r.updated_at]
    return max(stamps) if stamps else None


# --- A record's change history -----------------------------------------------------------------


@dataclasses.dataclass
class Change:
    label: str
    old: str
    new: str


@dataclasses.dataclass
class Entry:
    when: datetime.datetime
    who: str
    what: str
    record: str
    changes: list


@dataclasses.dataclass
class Source:
    """One history model's rows that belong to the record's register of changes."""

    model: type
    rows: Q
    label: object  # the history row -> the name of the record it is about, on a mixed page

    @property
    def history(self):
        return history_model(self.model)


def sources(record):
    """Where the record's changes are: its own history and, for a document, its versions'."""
    own = Source(type(record), Q(id=record.pk), lambda row: "")
    if record._meta.label == "qms.Document":
        own.label = lambda row: _("the document")
        version = apps.get_model("qms.DocumentVersion")
        return [
            own,
            Source(
                version,
                Q(document_id=record.pk),
                lambda row: _("edition %(revision)s") % {"revision": row.revision},
            ),
        ]
    return [own]


def timeline(record_sources):
    """Every history row of the sources, newest first, as (date, history id, source index)."""
    parts = [
        source.history._default_manager.filter(source.rows)
        .order_by()
        .annotate(source=Value(index, output_field=models.IntegerField()))
        .values_list("history_date", "history_id", "source")
        for index, source in enumerate(record_sources)
    ]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return query.order_by("-history_date", "-history_id")


def entries(record_sources, keys):
    """The page's history rows (keys from `timeline`) with what each one changed.

    A constant number of queries whatever the page holds: per source, its rows with their
    predecessors' ids, the predecessors, one per tracked many-to-many field; then one per kind
    of related record the changes name.
    """
    described = {}
    names = _Names()
    for index, source, ids, rows, previous in _page_rows(record_sources, keys):
        history = source.history
        m2m_fields = list(history._history_m2m_fields)
        m2m = {field.name: _m2m_snapshot(history, field, [*ids, *previous]) for field in m2m_fields}
        fields = [field for field in history.tracked_fields if field.name not in HIDDEN_FIELDS]
        for row in rows:
            before = previous.get(row.prev_id)
            changes = []
            if before is not None and row.history_type == "~":
                for field in fields:
                    old, new = getattr(before, field.attname), getattr(row, field.attname)
                    if old != new:
                        changes.append((field, names.want(field, old), names.want(field, new)))
                for field in m2m_fields:
                    old = m2m[field.name].get(before.history_id, set())
                    new = m2m[field.name].get(row.history_id, set())
                    if old != new:
                        changes.append((field, names.want(field, old), names.want(field, new)))
            described[index, row.history_id] = (source, row, before, changes)
    names.fetch()
    return [
        _entry(*described[kind, history_id], names)
        for _date, history_id, kind in keys
        if (kind, history_id) in described
    ]


def _page_rows(record_sources, keys):
    """For each source with rows on the page (keys from `timeline`): its index, the source, the
    history ids, the rows with their predecessors' ids, and the predecessors by id."""
    for index, source in enumerate(record_sources):
        ids = [history_id for _date, history_id, kind in keys if kind == index]
        if not ids:
            continue
        history = source.history
        rows = list(_with_predecessor(history, ids))
        previous = history._default_manager.in_bulk([row.prev_id for row in rows if row.prev_id])
        yield index, source, ids, rows, previous


def _with_predecessor(history, ids):
    earlier = history._default_manager.filter(id=OuterRef("id")).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
    )
    return (
        history._default_manager.filter(history_id__in=ids)
        .select_related("history_user")
        .annotate(
            prev_id=Subquery(
                earlier.order_by("-history_date", "-history_id").values("history_id")[:1]
            )
        )
    )


def _m2m_snapshot(history, field, history_ids):
    """history id -> the set of related ids the many-to-many field held in that row."""
    through = getattr(history, field.name).model
    target = field.m2m_reverse_field_name()
    snapshot = {}
    rows = through._default_manager.filter(history_id__in=history_ids).values_list(
        "history_id", target
    )
    for history_id, related_id in rows:
        snapshot.setdefault(history_id, set()).add(related_id)
    return snapshot


class _Names:
    """Names of the related records the changes mention, fetched in one query per model."""

    def __init__(self):
        self.wanted = {}
        self.found = {}

    def want(self, field, value):
        if field.is_relation and value not in (None, ""):
            ids = value if isinstance(value, set) else {value}
            self.wanted.setdefault(field.related_model, set()).update(ids)
        return value

    def fetch(self):
        for model, ids in self.wanted.items():
            self.found[model] = model._default_manager.in_bulk(ids)

    def name(self, model, pk):
        record = self.found.get(model, {}).get(pk)
        if record is None:
            return f"#{pk}"
        return person(record) if record._meta.label == "auth.User" else str(record)


def _entry(source, row, before, changes, names):
    if row.history_type == "+":
        what = pgettext("change history", "created")
    elif row.history_type == "-":
        what = pgettext("change history", "removed")
    elif before is None:
        # The record was there before its history was kept: this is its first known state.
        what = pgettext("change history", "first recorded state")
    elif any(f.name == "status" and new == "withdrawn" for f, _old, new in changes):
        what = pgettext("change history", "withdrawn")
    else:
        what = pgettext("change history", "changed")
    return Entry(
        when=row.history_date,
        who=person(row.history_user) or _("system"),
        what=what,
        record=source.label(row),
        changes=[
            Change(
                label=capfirst(field.verbose_name),
                old=_display(field, old, names),
                new=_display(field, new, names),
            )
            for field, old, new in changes
        ],
    )


def _display(field, value, names):
    """The value as the record's pages show it: choice labels, names, dates, yes and no."""
    if isinstance(value, set):
        shown = sorted(names.name(field.related_model, pk) for pk in value)
        return "; ".join(shown) or "—"
    if value is None or value == "":
        return "—"
    if field.is_relation:
        return names.name(field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return Truncator(formats.localize(value)).chars(LONG_TEXT)


# --- The public register of changes ("rejestr zmian") of the residents' pages --------------------


@dataclasses.dataclass
class PublicSource(Source):
    """A source of the public register: `rows` keeps only the history of the time a record was
    on the public pages; `url` (history row -> address) leads to the page that shows it."""

    url: object = None

    def address(self, row):
        return self.url(row) if self.url else ""


@dataclasses.dataclass
class PublicEntry:
    when: datetime.datetime
    what: str
    record: str
    url: str
    fields: list


def public_sources():
    """The records the public pages are built from (as the pages' 'metryczka' reads their last
    change), each named by what it is, never by a person: the representative is "the ISO
    representative" whoever held the post."""
    return [
        PublicSource(
            apps.get_model("qms.Organisation"),
            Q(),
            lambda row: _("the office's details and accessibility statement"),
        ),
        PublicSource(
            apps.get_model("qms.Representative"),
            Q(is_current=True),
            lambda row: _("the ISO representative"),
        ),
        PublicSource(
            apps.get_model("qms.QualityPolicy"),
            Q(status="in_force"),
            lambda row: _("the quality policy, version %(version)s") % {"version": row.version},
        ),
        PublicSource(
            apps.get_model("certificates.Certificate"),
            Q(),
            lambda row: _("certificate %(number)s") % {"number": row.number},
            url=lambda row: reverse("public:certificate_detail", args=[row.id]),
        ),
        PublicSource(
            apps.get_model("certificates.ExternalAudit"),
            Q(is_archived=False),
            lambda row: (
                _("the external audit of %(date)s")
                % {"date": formats.date_format(row.first_day, "DATE_FORMAT")}
            ),
        ),
    ]


def public_entries(record_sources, keys):
    """The page's history rows (keys from `timeline`) as residents may read them: when, which
    record, and which fields changed. Never who made the change, nor the values (an old value
    may name a person the pages no longer show). Two queries per source on the page."""
    described = {}
    for index, source, _ids, rows, previous in _page_rows(record_sources, keys):
        fields = [f for f in source.history.tracked_fields if f.name not in HIDDEN_FIELDS]
        for row in rows:
            before = previous.get(row.prev_id)
            changed = []
            if before is not None and row.history_type == "~":
                changed = [
                    field
                    for field in fields
                    if getattr(before, field.attname) != getattr(row, field.attname)
                ]
            described[index, row.history_id] = PublicEntry(
                when=row.history_date,
                what=_public_what(row, before, changed),
                record=source.label(row),
                url=source.address(row),
                fields=[capfirst(field.verbose_name) for field in changed],
            )
    return [
        described[kind, history_id]
        for _date, history_id, kind in keys
        if (kind, history_id) in described
    ]


def _public_what(row, before, changed):
    if row.history_type == "+":
        return pgettext("change history", "created")
    if row.history_type == "-":
        return pgettext("change history", "removed")
    if before is None:
        return pgettext("change history", "first recorded state")
    if any(field.name == "status" for field in changed) and row.status == "withdrawn":
        return pgettext("change history", "withdrawn")
    return pgettext("change history", "changed")
