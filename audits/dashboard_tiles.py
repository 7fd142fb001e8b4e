"""The internal audits' tiles of the dashboard (see qms.dashboard_tiles for the contract): this
year's programme carried out against planned, with a chart by month, the open nonconformities
and the overdue corrective actions. Three queries whatever the number of records."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qms.dashboard_tiles import Table, Tile, count_chart

from .filters import DONE
from .models import Audit, CorrectiveAction, Finding


def tiles(user, today):
    return [*_programme(user, today), *_nonconformities(user), *_overdue_actions(user, today)]


def _programme(user, today):
    """The audits of this year's programme, planned and carried out, by the month planned (the
    audits' list, filtered by the year and "carried out", shows them: staff who read every
    audit only)."""
    if not user.has_perm("audits.view_audit"):
        return []
    year = today.year
    months = list(
        Audit.objects.filter(programme__year=year)
        .order_by("planned_month")
        .values("planned_month")
        .annotate(planned=Count("pk"), done=Count("pk", filter=Q(status__in=DONE)))
    )
    planned = sum(month["planned"] for month in months)
    done = sum(month["done"] for month in months)
    rows = [
        (str(MONTHS[month["planned_month"]]), [month["planned"], month["done"]]) for month in months
    ]
    url = reverse("audits:audit_list")
    return [
        Tile(
            key="audits-done",
            group="audits",
            title=_("Internal audits %(year)s") % {"year": year},
            figure=_("%(done)s of %(planned)s") % {"done": done, "planned": planned},
            explanation=ngettext(
                "audit of this year's programme carried out (its report issued), of those planned.",
                "audits of this year's programme carried out (their reports issued), of those "
                "planned.",
                done,
            ),
            url=f"{url}?year={year}&done=on",
            link_text=_("The audits carried out"),
            links=[
                (
                    ngettext(
                        "%(n)s audit planned this year",
                        "%(n)s audits planned this year",
                        planned,
                    )
                    % {"n": planned},
                    f"{url}?year={year}",
                )
            ],
            order=0,
            chart=count_chart(rows, series=[_("planned"), _("carried out")]) if rows else None,
            chart_title=_("This year's internal audits by the month planned"),
            table=Table(
                caption=_("This year's internal audits by the month planned"),
                headings=[_("Month"), _("Planned"), _("Carried out")],
                rows=rows,
            ),
        ),
    ]


def _nonconformities(user):
    if not user.has_perm("audits.view_finding"):
        return []
    count = Finding.objects.visible_to(user).open_nonconformities().count()
    return [
        Tile(
            key="nonconformities-open",
            group="audits",
            title=_("Open nonconformities"),
            figure=str(count),
            explanation=ngettext(
                "nonconformity found by an internal audit has no corrective action yet, or "
                "one not yet verified effective.",
                "nonconformities found by internal audits have no corrective action yet, or "
                "one not yet verified effective.",
                count,
            ),
            url=reverse("audits:finding_list") + "?kind=nonconformity&open=on",
            link_text=_("The open nonconformities"),
            tone="warning" if count else "",
            order=1,
        )
    ]


def _overdue_actions(user, today):
    if not user.has_perm("audits.view_correctiveaction"):  # the register's permission
        return []
    count = CorrectiveAction.objects.overdue(today).count()
    return [
        Tile(
            key="actions-overdue",
            group="audits",
            title=_("Overdue corrective actions"),
            figure=str(count),
            explanation=ngettext(
                "corrective action is open (or found not effective) past its due date.",
                "corrective actions are open (or found not effective) past their due dates.",
                count,
            ),
            url=reverse("audits:action_register") + "?overdue=on",
            link_text=_("The overdue corrective actions"),
            tone="danger" if count else "",
            order=2,
        )
    ]
