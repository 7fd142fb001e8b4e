"""The coordinator's dashboard (/intranet/dashboard/): the quality system at a glance, in tiles.

Each installed app that has a `dashboard_tiles` module contributes its own tiles, and `gather()`
walks the apps (as the search's groups and the daily digest do), so that qms never imports
audits, certificates or surveys. The contract of such a module:

- a function `tiles(user, today)` returning a list of `Tile` (possibly empty);
- it returns only the tiles whose list `user` may open: the permission of the list view the tile
  links to decides (a tile is a count of that list's rows, so who cannot open the list does not
  get the count either);
- each tile's figure comes from the same QuerySet rule as the list its `url` opens with its
  filter query string, so following the link shows exactly that many rows;
- a module costs a fixed number of queries whatever the number of records (aggregates and
  counts, never a query per record);
- `group` is one of GROUPS' keys: where the page shows the tile. `order` sorts the tiles inside
  their group (then the app's order in INSTALLED_APPS).

A new topic (the management review's open and overdue actions, say) adds its tiles in a few
lines: a `dashboard_tiles.py` in its app with `tiles(user, today)`, or a function added to the
list `TILE_SOURCES` of this module for a topic that lives in qms.

This module holds qms's own tiles: the year's quality objectives by their computed status,
documents due for review, context entries due for review, and the management review's actions.
"""

from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import charts
from .models import (
    ContextIssue,
    Document,
    InterestedParty,
    ManagementReview,
    QualityObjective,
    ReviewAction,
    ReviewActionStatus,
    ReviewStatus,
)
from .models.objectives import ObjectiveStatus

# The page's sections, in order: key -> heading.
GROUPS = {
    "certification": gettext_lazy("Certification"),
    "audits": gettext_lazy("Audits and improvement"),
    "objectives": gettext_lazy("Objectives and satisfaction"),
    "documents": gettext_lazy("Documents and context"),
}


@dataclass(frozen=True)
class Table:
    """A chart's numbers for screen readers (and anyone who prefers them): a caption, the
    column headings (the first names the rows) and the rows, each a label and its values."""

    caption: str
    headings: list
    rows: list

    @property
    def labelled_rows(self):
        """Each row as (label, [(its column's heading, value)]): a cell's heading labels it where
        the table is stacked into cards on a phone."""
        return [
            (label, list(zip(self.headings[1:], values, strict=True)))
            for label, values in self.rows
        ]


@dataclass(frozen=True)
class Tile:
    """One figure of the dashboard.

    `key` is unique on the page (the tile's id is `tile-<key>`); `figure` is the number or short
    text shown large, `explanation` says what it counts; `url` opens the list of exactly those
    records and `link_text` names that list. `links` are further (text, url) pairs, each to the
    list of exactly what its text counts. `details` are further short lines (the next
    external audit's date, the previous campaign's index); `tone` ("", "warning" or "danger")
    marks a figure that needs attention. A tile with a chart gives `chart` (from qms.charts),
    its `chart_title` and its numbers as a `table`.
    """

    key: str
    group: str
    title: str
    figure: str
    explanation: str
    url: str = ""
    link_text: str = ""
    links: list = field(default_factory=list)
    details: list = field(default_factory=list)
    tone: str = ""
    order: int = 0
    chart: dict | None = None
    chart_title: str = ""
    table: Table | None = None


def gather(user, today):
    """Every tile `user` may see, as [(group key, heading, [tiles])], empty groups left out."""
    tiles = []
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, "dashboard_tiles"):
            module = import_module(f"{app.name}.dashboard_tiles")
            tiles.extend(module.tiles(user, today))
    for tile in tiles:
        if tile.group not in GROUPS:
            raise ValueError(f"The dashboard has no group {tile.group!r} (tile {tile.key!r}).")
    ordered = sorted(tiles, key=lambda tile: tile.order)  # stable: apps' order kept otherwise
    return [
        (key, title, [tile for tile in ordered if tile.group == key])
        for key, title in GROUPS.items()
        if any(tile.group == key for tile in ordered)
    ]


def count_chart(rows, *, series):
    """A bar chart of counts (whole numbers) for `rows` of (label, [count of each series]), on a
    scale from 0 to the largest count, ticks at whole numbers."""
    largest = max((value for _label, values in rows for value in values), default=0)
    maximum = max(largest, 1)
    step = max(1, -(-maximum // 4))  # four or five ticks at most
    maximum = -(-maximum // step) * step
    return charts.bar_chart(
        rows,
        series=series,
        maximum=maximum,
        ticks=range(0, maximum + 1, step),
        shown=lambda value: str(int(value)),
    )


# qms's own tiles -------------------------------------------------------------------------


def objective_tiles(user, today):
    """This year's objectives `user` may read, by their computed status (one query)."""
    if not user.has_perm("qms.view_qualityobjective"):
        return []
    objectives = QualityObjective.objects.visible_to(user).of_year(today.year).with_progress()
    counts = Counter(objective.status(today) for objective in objectives)
    total = sum(counts.values())
    statuses = list(ObjectiveStatus)
    rows = [(str(status.label), [counts[status]]) for status in statuses]
    behind = counts[ObjectiveStatus.AT_RISK] + counts[ObjectiveStatus.MISSED]
    return [
        Tile(
            key="objectives",
            group="objectives",
            title=_("Quality objectives %(year)s") % {"year": today.year},
            figure=str(total),
            explanation=ngettext(
                "objective this year that you may read, by its status computed from its "
                "measure's latest value.",
                "objectives this year that you may read, by their status computed from their "
                "measures' latest values.",
                total,
            ),
            url=reverse("intranet:objective_list"),
            link_text=_("This year's quality objectives"),
            details=[
                ngettext("%(n)s at risk or missed.", "%(n)s at risk or missed.", behind)
                % {"n": behind}
            ],
            tone="warning" if behind else "",
            chart=count_chart(rows, series=[_("objectives")]) if total else None,
            chart_title=_("This year's quality objectives by status"),
            table=Table(
                caption=_("This year's quality objectives by status"),
                headings=[_("Status"), _("Objectives")],
                rows=[(label, values) for label, values in rows],
            ),
        )
    ]


def document_tiles(user, today):
    """Documents in force past their review date (the page of reviews due lists them)."""
    if not user.has_perm("qms.view_document_history"):  # the reviews page's register
        return []
    due = Document.objects.review_due(today).count()
    return [
        Tile(
            key="documents-review",
            group="documents",
            title=_("Documents due for review"),
            figure=str(due),
            explanation=ngettext(
                "document in force is past the review date of its edition in force.",
                "documents in force are past the review date of their editions in force.",
                due,
            ),
            url=reverse("intranet:document_reviews"),
            link_text=_("Reviews due"),
            tone="warning" if due else "",
        )
    ]


def context_tiles(user, today):
    """Issues and interested parties not reviewed for a year (one query)."""
    if not user.has_perm("qms.view_contextissue"):
        return []
    due = (
        ContextIssue.objects.review_due(today)
        .order_by()
        .values("pk")
        .union(InterestedParty.objects.review_due(today).order_by().values("pk"), all=True)
        .count()
    )
    return [
        Tile(
            key="context-review",
            group="documents",
            title=_("Context entries due for review"),
            figure=str(due),
            explanation=ngettext(
                "issue or interested party in the context register was not reviewed within "
                "the last year.",
                "issues and interested parties in the context register were not reviewed "
                "within the last year.",
                due,
            ),
            url=reverse("intranet:context_register") + "?review_due=on",
            link_text=_("Context of the organisation: reviews due"),
            tone="warning" if due else "",
            order=1,
        )
    ]


def review_tiles(user, today):
    """The actions decided at management reviews still open, those past their deadline, and the
    latest approved review (two queries)."""
    if not user.has_perm("qms.view_reviewaction"):
        return []
    register = reverse("intranet:review_action_list")
    counts = ReviewAction.objects.in_register(user).aggregate(
        open=Count("pk", filter=Q(status=ReviewActionStatus.OPEN)),
        overdue=Count(
            "pk",
            filter=Q(
                status=ReviewActionStatus.OPEN,
                review__status=ReviewStatus.APPROVED,
                due_on__lt=today,
            ),
        ),
    )
    latest = (
        ManagementReview.objects.visible_to(user)
        .filter(status=ReviewStatus.APPROVED)
        .order_by("-held_on", "-pk")
        .first()
    )
    details = [
        _("Latest approved review: %(number)s of %(date)s.")
        % {"number": latest.number, "date": date_format(latest.held_on, "SHORT_DATE_FORMAT")}
        if latest
        else _("No management review has been approved in the portal yet.")
    ]
    return [
        Tile(
            key="review-actions",
            group="audits",
            title=_("Management review actions"),
            figure=str(counts["open"]),
            explanation=ngettext(
                "action decided at a management review is still open.",
                "actions decided at management reviews are still open.",
                counts["open"],
            ),
            url=f"{register}?status=open",
            link_text=_("Open review actions"),
            links=[
                (
                    ngettext(
                        "%(n)s past its deadline", "%(n)s past their deadline", counts["overdue"]
                    )
                    % {"n": counts["overdue"]},
                    f"{register}?status=overdue",
                ),
                *([(_("The latest minutes"), latest.get_absolute_url())] if latest else []),
            ],
            details=details,
            tone="danger" if counts["overdue"] else "",
            order=5,
        )
    ]


# The topics of qms with tiles; another topic of qms adds its function here.
TILE_SOURCES = [objective_tiles, document_tiles, context_tiles, review_tiles]


def tiles(user, today):
    return [tile for source in TILE_SOURCES for tile in source(user, today)]
