from django import template
from django.utils.formats import date_format

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
