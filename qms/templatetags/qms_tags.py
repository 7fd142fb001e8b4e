from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qms import charts

register = template.Library()


@register.simple_tag
def date_range(first, last):
    """'8–11 czerwca 2021', '30 czerwca – 2 lipca 2021' or a single day, in the active language.

    The shortened forms assume a DATE_FORMAT that starts with the day (as in qms/formats);
    "j E" is the day and the month's name in the active language, not a fixed numeric pattern.
    """
    if first is None or last is None:
        return ""
    if first == last:
        return date_format(first, "DATE_FORMAT")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{date_format(last, 'DATE_FORMAT')}"
    if first.year == last.year:
        return f"{date_format(first, 'j E')} – {date_format(last, 'DATE_FORMAT')}"
    return f"{date_format(first, 'DATE_FORMAT')} – {date_format(last, 'DATE_FORMAT')}"


@register.filter
def percent(share):
    """A share (0 to 1) as a percentage in the active language ("87,5 %"); "—" for None."""
    return charts.percent(share)


@register.filter
def points(difference):
    """A change of a share (-1 to 1) in percentage points, signed ("+3,2 p.p."); "—" for None."""
    if difference is None:
        return "—"
    sign = "+" if difference > 0 else "−" if difference < 0 else "±"
    return _("%(sign)s%(points)s pp") % {
        "sign": sign,
        "points": floatformat(abs(difference) * 100, -1),
    }


@register.filter
def mean(number):
    """A mean score on the 1-5 scale, to two decimals in the active language; "—" for None."""
    return "—" if number is None else floatformat(number, 2)


@register.simple_tag(takes_context=True)
def page_query(context, page, number):
    """The query string of the current address with `page` (a paginate() page) turned to page
    `number`: the filters and the other lists' pages stay as they are."""
    query = context["request"].GET.copy()
    query[getattr(page, "param", "page")] = number
    return f"?{query.urlencode()}"
