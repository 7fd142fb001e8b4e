"""Charts drawn on the server as SVG: the one chart module of the portal.

A chart looks the same on a page (under the CSP: no script, no style attribute) and in a
WeasyPrint PDF, which does not apply the page's stylesheet inside an SVG: so colours, strokes
and font sizes are SVG presentation attributes (allowed by the CSP, read by both), set from
PALETTE by the templates in templates/charts/. Each template that shows a chart also gives its
numbers as text (a table or a description) for screen readers.

Two kinds share a Frame (the drawing area and its margins) and a Scale (numbers to pixels):
`measure_chart` (a process measure's values over time, a line with its target) and `bar_chart`
(horizontal bars in one or two series, e.g. a survey's index per group, this campaign against the
previous one).

A third, `heat_map`, is a table rather than a drawing: the likelihood × impact grid of the risks
(templates/charts/heat_map.html), an HTML table in the page and in the PDF alike, coloured by
CSS classes, since its numbers are its content.
"""

from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format

from qms.models.processes import risk_level

# The colours, shared by the page and the PDF (contrast 4.5:1 or more against white).
PALETTE = {
    "axis": "#4f5963",
    "grid": "#cfd6de",
    "text": "#1f2933",
    "primary": "#12355b",  # the site's navy: the current series, a measure's line
    "secondary": "#8a9bb0",  # the previous series, beside the current one
    "achieved": "#146c2e",
    "behind": "#a4161a",
}
FONT_SIZE = 13


def svg_number(number):
    """SVG coordinates use a decimal point whatever the language of the page."""
    return f"{number:.1f}"


@dataclass(frozen=True)
class Frame:
    """A chart's size and the margins around its plotting area (the labels go there)."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @property
    def plot_width(self):
        return self.width - self.left - self.right

    @property
    def plot_height(self):
        return self.height - self.top - self.bottom

    @property
    def right_edge(self):
        return self.width - self.right

    @property
    def axis_bottom(self):
        return self.top + self.plot_height

    def context(self):
        """What every chart template draws its frame with, as SVG numbers."""
        return {
            "width": str(self.width),
            "height": str(self.height),
            "left": str(self.left),
            "top": str(self.top),
            "right_edge": svg_number(self.right_edge),
            "axis_bottom": svg_number(self.axis_bottom),
            "colours": PALETTE,
            "font_size": str(FONT_SIZE),
        }


@dataclass(frozen=True)
class Scale:
    """A linear map from the numbers `low`..`high` to the pixels `start`..`end`."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, number):
        if self.high == self.low:
            return (self.start + self.end) / 2
        return self.start + (number - self.low) / (self.high - self.low) * (self.end - self.start)


MEASURE_FRAME = Frame(width=480, height=160, left=52, right=12, top=12, bottom=28)


def measure_chart(measure, values):
    """Where to draw the values of a measure (oldest first) and its target in a small SVG chart."""
    if not values:
        return None
    frame = MEASURE_FRAME
    numbers = [float(v.value) for v in values]
    target = float(measure.target)
    low, high = min([*numbers, target]), max([*numbers, target])
    margin = (high - low) * 0.1 or abs(high) * 0.1 or 1
    y = Scale(low - margin, high + margin, frame.axis_bottom, frame.top)
    step = frame.plot_width / (len(values) - 1) if len(values) > 1 else 0
    points = []
    for i, (value, number) in enumerate(zip(values, numbers, strict=True)):
        x = frame.left + (i * step if len(values) > 1 else frame.plot_width / 2)
        points.append(
            {
                "x": svg_number(x),
                "y": svg_number(y(number)),
                # The corner of the square that marks a value behind the target.
                "sx": svg_number(x - 4.5),
                "sy": svg_number(y(number) - 4.5),
                "achieved": value.meets_target,
            }
        )
    return {
        **frame.context(),
        "axis_x": svg_number(frame.left - 6),
        "label_y": svg_number(frame.height - 8),
        "target_y": svg_number(y(target)),
        "line": " ".join(f"{p['x']},{p['y']}" for p in points),
        "points": points,
        "high": floatformat(high, -2),
        "high_y": svg_number(y(high)),
        "low": floatformat(low, -2),
        "low_y": svg_number(y(low)),
        # The axis has room for a short month name and the year ("lis 2025", "Nov 2025"), in
        # the active language; the text beside the chart gives the full dates.
        "first": date_format(values[0].period_end, "M Y"),
        "last": date_format(values[-1].period_end, "M Y"),
        "first_day": date_format(values[0].period_end, "DATE_FORMAT"),
        "last_day": date_format(values[-1].period_end, "DATE_FORMAT"),
        "achieved": sum(p["achieved"] for p in points),
    }


# A bar chart: a label column on the left, rows of one bar per series.
BAR_WIDTH = 640
BAR_LABEL_WIDTH = 250
BAR_HEIGHT = 11
BAR_GAP = 3
ROW_PADDING = 10
LEGEND_LINE = 20
# A label longer than this is cut (with "…") in the chart; the table beside it has it whole.
LABEL_CHARACTERS = 28


def percent(share, digits=1):
    """A share (0 to 1) as a percentage in the active language: "87,5 %" in Polish."""
    if share is None:
        return "—"
    return f"{floatformat(share * 100, -digits)}\N{NO-BREAK SPACE}%"


def _cut(label):
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(rows, *, series, maximum=1.0, ticks=(0, 0.25, 0.5, 0.75, 1.0), shown=percent):
    """Horizontal bars for `rows` of (label, [value of each series, or None]) on a scale of 0
    to `maximum`; `series` names each series (for the legend). `shown` writes a value as text
    at the end of its bar (by default a share as a percentage). Returns what
    templates/charts/bar_chart.html draws, or None without any value."""
    if not rows or all(value is None for _label, values in rows for value in values):
        return None
    bars_per_row = len(series)
    row_height = bars_per_row * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + 2 * ROW_PADDING
    # Below the bars: the ticks' labels, and the legend (a line a series) when there are two.
    legend = bars_per_row if bars_per_row > 1 else 0
    bottom = 26 + LEGEND_LINE * legend
    # Room on the right for the value written past the longest bar ("100 %").
    frame = Frame(
        width=BAR_WIDTH,
        height=len(rows) * row_height + 8 + bottom,
        left=BAR_LABEL_WIDTH,
        right=56,
        top=8,
        bottom=bottom,
    )
    x = Scale(0, maximum, frame.left, frame.right_edge)
    drawn = []
    for number, (label, values) in enumerate(rows):
        top = frame.top + number * row_height
        bars = []
        for index, value in enumerate(values):
            y = top + ROW_PADDING + index * (BAR_HEIGHT + BAR_GAP)
            if value is None:
                bars.append(None)
                continue
            end = x(min(max(value, 0), maximum))
            bars.append(
                {
                    "x": str(frame.left),
                    "y": svg_number(y),
                    "width": svg_number(end - frame.left),
                    "height": str(BAR_HEIGHT),
                    "text_x": svg_number(end + 4),
                    "text_y": svg_number(y + BAR_HEIGHT / 2),
                    "text": shown(value),
                    "colour": PALETTE["primary"] if index == 0 else PALETTE["secondary"],
                }
            )
        drawn.append(
            {
                "label": _cut(label),
                "label_y": svg_number(top + row_height / 2),
                "bars": [bar for bar in bars if bar],
            }
        )
    return {
        **frame.context(),
        "label_x": svg_number(frame.left - 8),
        "tick_y": svg_number(frame.axis_bottom + 16),
        "ticks": [{"x": svg_number(x(tick)), "text": shown(tick)} for tick in ticks],
        "rows": drawn,
        "series": [
            {
                "name": name,
                "colour": PALETTE["primary"] if i == 0 else PALETTE["secondary"],
                "y": svg_number(frame.height - LEGEND_LINE * (legend - i) + 2),
                "text_y": svg_number(frame.height - LEGEND_LINE * (legend - i) + 7),
            }
            for i, name in enumerate(series)
        ]
        if bars_per_row > 1
        else [],
        "legend_x": str(frame.left),
        "legend_text_x": str(frame.left + 16),
    }


# --- The risks' heat map --------------------------------------------------------------------

SCALE_POINTS = range(1, 6)


def heat_map(counts, *, chosen=None):
    """The likelihood × impact grid of `counts` ({(likelihood, impact): number of risks}, as
    ProcessRiskQuerySet.heat_map gives them per kind): a row a likelihood, 5 at the top as
    risk matrices are drawn, a column an impact from 1; each cell with its count, its rating
    and the level that rating falls in (its colour), and whether it is the cell `chosen`
    (likelihood, impact) the list below shows. For templates/charts/heat_map.html."""
    rows = []
    for likelihood in reversed(SCALE_POINTS):
        cells = []
        for impact in SCALE_POINTS:
            rating = likelihood * impact
            cells.append(
                {
                    "likelihood": likelihood,
                    "impact": impact,
                    "count": counts.get((likelihood, impact), 0),
                    "rating": rating,
                    "level": risk_level(rating),
                    "chosen": chosen == (likelihood, impact),
                }
            )
        rows.append({"likelihood": likelihood, "cells": cells})
    return {"rows": rows, "impacts": list(SCALE_POINTS), "total": sum(counts.values())}
