"""Form submissions already acted on: what makes a create form safe to send twice."""

import datetime
import uuid

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long a form's token is remembered: far longer than anyone leaves a form open.
KEPT_FOR = datetime.timedelta(days=2)


class AlreadySubmitted(Exception):
    """The same form was sent before; `url` is where its first sending led."""

    def __init__(self, url):
        super().__init__(url)
        self.url = url


class FormSubmission(models.Model):
    """The single-use token of one form as it was shown, once it has been sent and acted on.

    A double click, a reload that resends the POST, or two tabs sending the same form make one
    record: the token is claimed in the same transaction that saves the record, so a second
    sending waits for the first and then finds its token taken. Not a quality record: tokens are
    forgotten after KEPT_FOR.
    """

    token = models.UUIDField(_("token"), unique=True)
    # None for a resident's form (the survey), sent without signing in.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    result_url = models.CharField(_("result"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        ordering = ["-submitted_at"]

    def __str__(self):
        return str(self.token)

    @staticmethod
    def new_token():
        return uuid.uuid4()

    @classmethod
    def claim(cls, token, user):
        """Take `token` for this sending; AlreadySubmitted if it was taken before.

        Call inside the transaction that saves the record: a concurrent sending of the same
        token waits on the unique index until that transaction ends.
        """
        try:
            with transaction.atomic():
                claimed = cls.objects.create(token=token, user=user)
        except IntegrityError:
            earlier = cls.objects.filter(token=token, user=user).first()
            raise AlreadySubmitted(earlier.result_url if earlier else "") from None
        cls.forget_old()
        return claimed

    def done(self, url):
        self.result_url = url[:500]
        self.save(update_fields=["result_url"])

    @classmethod
    def forget_old(cls):
        cls.objects.filter(submitted_at__lt=timezone.now() - KEPT_FOR).delete()
