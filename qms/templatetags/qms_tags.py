from django import template
from django.utils.formats import date_format

register = template.Library()


@register.simple_tag
def date_range(first, last):
    """'8–11 czerwca 2021', '30 czerwca – 2 lipca 2021' or a single day, in the active language."""
    if first is None or last is None:
        return ""
    if first == last:
        return date_format(first, "j E Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{date_format(last, 'j E Y')}"
    if first.year == last.year:
        return f"{date_format(first, 'j E')} – {date_format(last, 'j E Y')}"
    return f"{date_format(first, 'j E Y')} – {date_format(last, 'j E Y')}"
