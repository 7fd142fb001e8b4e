"""What every quality record shares: timestamps, no hard delete, a change history, and bounds on
what may be typed into it."""

import contextlib
import datetime
import threading

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.db.models.signals import class_prepared
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import utils as history_utils
from simple_history.manager import HistoricalQuerySet
from simple_history.models import HistoricalRecords


class RecordDeletionError(Exception):
    """Quality records are archived or withdrawn, never deleted."""


class ArchiveOnlyQuerySet(models.QuerySet):
    def delete(self):
        raise RecordDeletionError(
            f"{self.model.__name__} is a quality record: archive or withdraw it instead."
        )


# How much free text a field takes: enough for what a clerk writes, little enough that every PDF
# of the records stays quick to typeset (see benchmark_pdf). Each text field names one of these as
# its max_length; the form, the model's validation and the database all enforce it.
LINE = 500  # a sentence or two: a checklist question, the requirement a finding is held to
NOTE = 1000  # a few lines: an address, a reason, a comment, what an auditor found
PROSE = 2000  # a paragraph: a purpose, a finding, a risk's treatment
LONG_PROSE = 5000  # a page: the quality policy, an audit's conclusions
# The text read out of one edition's file for the search: a few hundred pages. A longer file is
# indexed up to this point, and its page says so.
EDITION_TEXT = 500_000

# Fields computed from others (the search's words, the text read out of a file, whether staff see
# a document): never typed, so never a change worth a row in the history.
DERIVED_FIELDS = {"search_text", "search_title", "content", "content_state", "is_published"}

# The dates a quality record may carry. The office has been certified since 2008; a date outside
# these years is a slip of the keyboard (year 0001, 9999-12-31), and date arithmetic on it would
# overflow.
EARLIEST_DATE = datetime.date(1990, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def _date_bound_validators():
    # The bound is written as an ISO date: unambiguous in every language.
    return [
        MinValueValidator(EARLIEST_DATE, message=_("Enter a date from %(limit_value)s on.")),
        MaxValueValidator(LATEST_DATE, message=_("Enter a date no later than %(limit_value)s.")),
    ]


def bound_fields(sender, **kwargs):
    """Hold every quality record's text and dates within the bounds above, in the database too.

    For each concrete QualityRecord: a text field's max_length becomes a check constraint, and a
    date field gets validators (forms and full_clean) and a check constraint for EARLIEST_DATE to
    LATEST_DATE. Written once here, so that a new record or field cannot be left unbounded
    (tests/test_records.py checks that every text field has a max_length).
    """
    if not issubclass(sender, QualityRecord) or sender._meta.abstract:
        return
    meta = sender._meta
    checks = []
    for field in meta.local_fields:
        name = f"{meta.app_label}_{meta.model_name}_{field.name}"
        if isinstance(field, models.TextField) and field.max_length:
            checks.append(
                models.CheckConstraint(
                    condition=LessThanOrEqual(Length(field.name), field.max_length),
                    name=f"{name}_length",
                )
            )
        elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            field._validators = [*field._validators, *_date_bound_validators()]
            in_bounds = models.Q(**{f"{field.name}__range": (EARLIEST_DATE, LATEST_DATE)})
            if field.null:
                in_bounds |= models.Q(**{f"{field.name}__isnull": True})
            checks.append(models.CheckConstraint(condition=in_bounds, name=f"{name}_in_bounds"))
    # The migrations read the constraints from `original_attrs`.
    meta.constraints = [*meta.constraints, *checks]
    meta.original_attrs["constraints"] = meta.constraints


class_prepared.connect(bound_fields)


def refuse_beyond(queryset, limit, message):
    """A ValidationError when `queryset` (a record's children) already holds `limit` rows: a
    record holds a bounded number of risks, questions or findings, so its page and PDF stay
    readable and quick."""
    if queryset.count() >= limit:
        raise ValidationError(message % {"limit": limit}, code="too_many")


class KeptRecord(models.Model):
    """A row never deleted, alone or in bulk. The base of every QualityRecord; used alone for rows
    written once and never changed (a resident's survey answers), which have no change to keep
    a history of."""

    objects = ArchiveOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise RecordDeletionError(
            f"{type(self).__name__} is a quality record: archive or withdraw it instead."
        )


class QualityRecord(KeptRecord):
    """Base of every quality record: timestamps for the public 'metryczka', no hard delete, and
    (tests/test_history.py checks it) a change history."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True


class SearchIndexed(models.Model):
    """A record the intranet's search finds: the words of `search_parts()` in every form, kept
    in `search_text` on each save (qms.search)."""

    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from qms.search import index  # qms.search reads the vocabulary's model

        self.search_text = index(*self.search_parts())
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def search_parts(self):
        """The texts to find the record by, its code or number first."""
        raise NotImplementedError


class HistoryRow(models.Model):
    """Base of every history model: a row of the change history is never deleted either."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise RecordDeletionError("The change history is kept: its rows are never deleted.")


class KeptHistoryQuerySet(HistoricalQuerySet):
    """The change history's rows are never deleted, one by one or in bulk."""

    def delete(self):
        raise RecordDeletionError("The change history is kept: its rows are never deleted.")


class QualityHistory(HistoricalRecords):
    """The change history ("rejestr zmian") of a record: who changed what, and when.

    A row is written for each real change only: saving a record unchanged (a form sent again,
    the demo loaded twice) adds nothing. `updated_at` is never tracked: it is the row's own
    history_date again, and would make every save look like a change.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("bases", [HistoryRow])
        kwargs.setdefault("historical_queryset", KeptHistoryQuerySet)
        super().__init__(**kwargs)

    def finalize(self, sender, **kwargs):
        has_stamp = any(field.name == "updated_at" for field in sender._meta.fields)
        if sender is self.cls and has_stamp and "updated_at" not in self.excluded_fields:
            self.excluded_fields = [*self.excluded_fields, "updated_at"]
        if sender is self.cls:
            derived = {field.name for field in sender._meta.fields} & DERIVED_FIELDS
            self.excluded_fields = [
                *self.excluded_fields,
                *sorted(derived - {*self.excluded_fields}),
            ]
        super().finalize(sender, **kwargs)

    pause = threading.local()

    def post_save(self, instance, created, using=None, **kwargs):
        if history_paused():
            return
        if not created and not kwargs.get("raw"):
            update_fields = kwargs.get("update_fields")
            tracked = {field.attname for field in self.fields_included(instance)}
            if update_fields is not None and not tracked.intersection(update_fields):
                return  # e.g. a sign-in stamping last_login: nothing tracked changed
            if self.is_unchanged(instance):
                return
        super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        # Only changes made from the tracked side, and only when something was really added
        # or removed (Django also signals an add() of rows already there).
        if history_paused() or reverse or (action in ("post_add", "post_remove") and not pk_set):
            return
        super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)

    def is_unchanged(self, instance):
        """Whether the tracked fields are as the newest history row has them (one query)."""
        if hasattr(instance, "skip_history_when_saving"):
            return False  # simple_history skips the row anyway; no need to look
        fields = self.fields_included(instance)
        latest = (
            getattr(instance, self.manager_name)
            .values(*[field.attname for field in fields])
            .first()
        )
        if latest is None:
            return False
        return all(
            _same(field, latest[field.attname], getattr(instance, field.attname))
            for field in fields
        )


def history_paused():
    return getattr(QualityHistory.pause, "active", False)


@contextlib.contextmanager
def pause_history():
    """Write no history rows in this block (the demo loader writes its own afterwards)."""
    QualityHistory.pause.active = True
    try:
        yield
    finally:
        QualityHistory.pause.active = False


def bulk_create_with_history(objs, model):
    """bulk_create, with a "created" row in the history for each record (unless paused)."""
    if history_paused():
        return model._default_manager.bulk_create(objs)
    return history_utils.bulk_create_with_history(objs, model)


def _same(field, stored, current):
    try:
        return field.to_python(stored) == field.to_python(current)
    except ValidationError:  # a value the field cannot parse is a change worth recording
        return stored == current


def today():
    return timezone.localdate()
