"""What every quality record shares: timestamps, no hard delete, and a change history."""

import contextlib
import threading

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import utils as history_utils
from simple_history.models import HistoricalRecords


class RecordDeletionError(Exception):
    """Quality records are archived or withdrawn, never deleted."""


class ArchiveOnlyQuerySet(models.QuerySet):
    def delete(self):
        raise RecordDeletionError(
            f"{self.model.__name__} is a quality record: archive or withdraw it instead."
        )


class QualityRecord(models.Model):
    """Base of every quality record: timestamps for the public 'metryczka', and no hard delete."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ArchiveOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise RecordDeletionError(
            f"{type(self).__name__} is a quality record: archive or withdraw it instead."
        )


class HistoryRow(models.Model):
    """Base of every history model: a row of the change history is never deleted either."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise RecordDeletionError("The change history is kept: its rows are never deleted.")


class QualityHistory(HistoricalRecords):
    """The change history ("rejestr zmian") of a record: who changed what, and when.

    A row is written for each real change only: saving a record unchanged (a form sent again,
    the demo loaded twice) adds nothing. `updated_at` is never tracked: it is the row's own
    history_date again, and would make every save look like a change.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("bases", [HistoryRow])
        super().__init__(**kwargs)

    def finalize(self, sender, **kwargs):
        has_stamp = any(field.name == "updated_at" for field in sender._meta.fields)
        if sender is self.cls and has_stamp and "updated_at" not in self.excluded_fields:
            self.excluded_fields = [*self.excluded_fields, "updated_at"]
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
