"""Charts drawn on the server as SVG, so that a chart looks the same on a page (under the CSP,
with no script) and in a WeasyPrint PDF; each template gives the numbers as text beside it."""

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format

CHART = {"width": 480, "height": 160, "left": 52, "right": 12, "top": 12, "bottom": 28}


def _svg_number(number):
    """SVG coordinates use a decimal point whatever the language of the page."""
    return f"{number:.1f}"


def measure_chart(measure, values):
    """Where to draw the values of a measure (oldest first) and its target in a small SVG chart."""
    if not values:
        return None
    numbers = [float(v.value) for v in values]
    target = float(measure.target)
    low, high = min([*numbers, target]), max([*numbers, target])
    margin = (high - low) * 0.1 or abs(high) * 0.1 or 1
    bottom, top = low - margin, high + margin
    width = CHART["width"] - CHART["left"] - CHART["right"]
    height = CHART["height"] - CHART["top"] - CHART["bottom"]

    def y(number):
        return CHART["top"] + (top - number) / (top - bottom) * height

    step = width / (len(values) - 1) if len(values) > 1 else 0
    points = []
    for i, (value, number) in enumerate(zip(values, numbers, strict=True)):
        x = CHART["left"] + (i * step if len(values) > 1 else width / 2)
        points.append(
            {
                "x": _svg_number(x),
                "y": _svg_number(y(number)),
                # The corner of the square that marks a value behind the target.
                "sx": _svg_number(x - 4.5),
                "sy": _svg_number(y(number) - 4.5),
                "achieved": value.meets_target,
            }
        )
    return {
        **{key: str(size) for key, size in CHART.items()},
        "axis_x": _svg_number(CHART["left"] - 6),
        "axis_bottom": _svg_number(CHART["top"] + height),
        "right_edge": _svg_number(CHART["width"] - CHART["right"]),
        "label_y": _svg_number(CHART["height"] - 8),
        "target_y": _svg_number(y(target)),
        "line": " ".join(f"{p['x']},{p['y']}" for p in points),
        "points": points,
        "high": floatformat(high, -2),
        "high_y": _svg_number(y(high)),
        "low": floatformat(low, -2),
        "low_y": _svg_number(y(low)),
        # The axis has room for a short month name and the year ("lis 2025", "Nov 2025"), in
        # the active language; the text beside the chart gives the full dates.
        "first": date_format(values[0].period_end, "M Y"),
        "last": date_format(values[-1].period_end, "M Y"),
        "first_day": date_format(values[0].period_end, "DATE_FORMAT"),
        "last_day": date_format(values[-1].period_end, "DATE_FORMAT"),
        "achieved": sum(p["achieved"] for p in points),
    }
