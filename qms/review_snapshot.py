"""The snapshot of a management review's inputs (clause 9.3.2): how it is gathered from every
app and shown, and the cells its parts are made of.

Each app with something to report has a `review_inputs` module whose INPUTS lists (section,
function) pairs: `function(review, on)` returns one *part* of that section, or None. `gather()`
walks the installed apps as qms/search_groups.py does, so that qms never imports audits, surveys
or certificates; qms/review_inputs.py holds qms's own parts.

A part is plain JSON, so that it renders the same forever (ReviewInput.data keeps it):

    {"title": label key,
     "figures": [[label key, cell], ...],
     "table": {"columns": [label key, ...], "rows": [[cell, ...], ...], "more": n},
     "chart": {"kind": "share" | "count", "rows": [[text, number], ...]},
     "quotes": [[label key, text], ...],
     "hint": label key}

Labels are keys, translated when shown (LABELS of every module), values come from the snapshot.
A cell is a number, a text, None, or {"d": "2026-03-31"} (a date), {"p": 0.87} (a share shown
as a percentage), {"c": choices key, "v": value} (a choice shown by its label from CHOICES).

Each function reads a bounded number of rows in a fixed number of queries: a table holds at most
TABLE_ROWS rows and says how many more there were.
"""

import datetime
from importlib import import_module

from django.apps import apps
from django.template.defaultfilters import floatformat
from django.utils import formats
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

from . import charts
from .models import ReviewSection

TABLE_ROWS = 50


# --- Cells -----------------------------------------------------------------------------------


def day(value):
    return {"d": value.isoformat()} if value else None


def share(value):
    return {"p": round(float(value), 4)} if value is not None else None


def choice(key, value):
    return {"c": key, "v": value}


def first_rows(queryset):
    """The first TABLE_ROWS rows of `queryset`: a section's table lists those, and `table`
    says how many more there were (its `total`)."""
    return list(queryset.all()[:TABLE_ROWS])


def table(columns, rows, total=None):
    """A table of at most TABLE_ROWS `rows`; `total` the number there were in all."""
    rows = list(rows)
    total = len(rows) if total is None else total
    return {"columns": columns, "rows": rows[:TABLE_ROWS], "more": max(total - TABLE_ROWS, 0)}


def person(user):
    return (user.get_full_name() or user.get_username()) if user else None


# --- Gathering -------------------------------------------------------------------------------


def _modules():
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, "review_inputs"):
            yield import_module(f"{app.name}.review_inputs")


def gather(review, on):
    """Every section's data for `review` on the day `on`: {section: {"parts": [...]}}, each
    section's parts in INSTALLED_APPS order (qms's first)."""
    data = {section: {"parts": []} for section in ReviewSection.values}
    for module in _modules():
        for section, function in module.INPUTS:
            part = function(review, on)
            if part is not None:
                data[section]["parts"].append(part)
    return data


def labels():
    """The labels and choices of every app's review_inputs module."""
    names, choices = {}, {}
    for module in _modules():
        names.update(getattr(module, "LABELS", {}))
        choices.update(getattr(module, "CHOICES", {}))
    return names, choices


# --- Showing ---------------------------------------------------------------------------------


def _number(value):
    if isinstance(value, float):
        return floatformat(value, -2)
    return formats.localize(value)


def show_cell(cell, choices):
    """A cell as text in the active language."""
    if cell is None or cell == "":
        return "–"
    if isinstance(cell, dict):
        if "d" in cell:
            try:
                return formats.date_format(
                    datetime.date.fromisoformat(cell["d"]), "SHORT_DATE_FORMAT"
                )
            except (TypeError, ValueError):
                return str(cell["d"])
        if "p" in cell:
            return charts.percent(cell["p"])
        if "c" in cell:
            options = choices.get(cell["c"])
            return str(dict(options.choices).get(cell["v"], cell["v"])) if options else cell["v"]
        return "–"
    if isinstance(cell, bool):
        return str(_("yes") if cell else _("no"))
    if isinstance(cell, int | float):
        return _number(cell)
    return str(cell)


def _count_chart(rows):
    top = max((value for _label, value in rows if value is not None), default=0) or 1
    half = top / 2
    return charts.bar_chart(
        [(label, [value]) for label, value in rows],
        series=[""],
        maximum=top,
        ticks=(0, half, top),
        shown=lambda value: floatformat(value, -1),
    )


def present(data, names=None, choices=None):
    """A section's frozen data as what the page and the minutes show: each part with its title,
    figures, table, chart and quotes as text in the active language."""
    if names is None:
        names, choices = labels()

    def label(key):
        return str(names.get(key, key))

    parts = []
    for part in (data or {}).get("parts", []):
        shown = {
            "title": label(part.get("title", "")),
            "figures": [(label(k), show_cell(v, choices)) for k, v in part.get("figures", [])],
            "quotes": [(label(k), text) for k, text in part.get("quotes", []) if text],
            "hint": label(part["hint"]) if part.get("hint") else "",
        }
        if part.get("table") and part["table"].get("rows"):
            columns = [label(k) for k in part["table"]["columns"]]
            shown["table"] = {
                "columns": columns,
                # Each cell with its column's name (a phone shows the rows as cards).
                "rows": [
                    [(name, show_cell(c, choices)) for name, c in zip(columns, row, strict=False)]
                    for row in part["table"]["rows"]
                ],
                "more": part["table"].get("more", 0),
            }
        chart = part.get("chart")
        if chart and chart.get("rows"):
            rows = [(str(text), value) for text, value in chart["rows"]]
            drawn = (
                charts.bar_chart([(t, [v]) for t, v in rows], series=[""])
                if chart.get("kind") == "share"
                else _count_chart(rows)
            )
            if drawn:
                shown["chart"] = drawn
                shown["chart_text"] = "; ".join(
                    f"{t}: {show_cell({'p': v} if chart.get('kind') == 'share' else v, choices)}"
                    for t, v in rows
                )
        parts.append(shown)
    return parts
