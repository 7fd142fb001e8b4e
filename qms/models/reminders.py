"""What the daily reminder digest has told whom (manage.py send_reminders)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# How long a sent reminder is remembered: longer than any notice's window (a certificate's 90
# days), and long enough to answer "was I told?" about the past year.
KEPT_FOR = datetime.timedelta(days=366)


class ReminderSent(models.Model):
    """One item of one person's digest on one day: a second run that day leaves it out.

    `key` names the item (`corrective-action:12`, `certificate:3:2027-05-31:90`). An item sent
    every day while it is due is looked up by person, day and key; a one-time notice by person and
    key. Not a quality record: rows are forgotten after KEPT_FOR.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE
    )
    day = models.DateField(_("day"))
    key = models.CharField(_("item"), max_length=200)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-day", "user", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day", "key"], name="qms_remindersent_unique_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.key}"

    @classmethod
    def forget_old(cls, on):
        cls.objects.filter(day__lt=on - KEPT_FOR).delete()
