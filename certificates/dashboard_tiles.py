"""The certificate's tile of the dashboard (see qms.dashboard_tiles for the contract): the days
left on the certificate in force and the next external audit. Two queries at most."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qms.dashboard_tiles import Tile

from .models import Certificate, ExternalAudit

# Fewer days left than this, and the recertification audit is due to be planned (as on the home).
PLAN_RECERTIFICATION_DAYS = 180


def tiles(user, today):
    """The certificate is public: whoever reads the dashboard gets its tile, linking to the
    certificates' list for who keeps or audits them, else to the residents' page of it; the
    next external audit only for who reads the external audits' list."""
    certificate = Certificate.objects.current(today)
    details, links = [], []
    if user.has_perm("certificates.view_externalaudit"):
        audit = (
            ExternalAudit.objects.published()
            .filter(first_day__gte=today)
            .order_by("first_day", "pk")
            .first()
        )
        if audit is None:
            details.append(_("No external audit is planned."))
        else:
            details.append(
                _("Next external audit: %(kind)s, %(date)s.")
                % {"kind": audit.get_kind_display(), "date": date_format(audit.first_day)}
            )
        links.append((_("External audits"), reverse("certificates:externalaudit_list")))
    if user.has_perm("certificates.view_certificate"):
        url, link_text = reverse("certificates:certificate_list"), _("Certificates")
    elif certificate is not None:
        url = reverse("public:certificate_detail", args=[certificate.pk])
        link_text = _("The certificate on the public page")
    else:
        url, link_text = reverse("public:quality_page"), _("The public Quality management page")
    if certificate is None:
        return [
            Tile(
                key="certificate",
                group="certification",
                title=_("Certificate"),
                figure="—",
                explanation=_("No certificate is valid today."),
                url=url,
                link_text=link_text,
                links=links,
                details=details,
                tone="danger",
            )
        ]
    days = (certificate.valid_until - today).days
    return [
        Tile(
            key="certificate",
            group="certification",
            title=_("Certificate %(number)s") % {"number": certificate.number},
            figure=str(days),
            explanation=ngettext(
                "day left until the certificate in force expires on %(date)s.",
                "days left until the certificate in force expires on %(date)s.",
                days,
            )
            % {"date": date_format(certificate.valid_until)},
            url=url,
            link_text=link_text,
            links=links,
            details=details,
            tone="warning" if days < PLAN_RECERTIFICATION_DAYS else "",
        )
    ]
