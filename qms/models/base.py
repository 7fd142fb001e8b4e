"""What every quality record shares: timestamps and no hard delete."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


def today():
    return timezone.localdate()
