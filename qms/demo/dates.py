"""Dates counted from the day the demo is loaded."""

import datetime

from django.utils import timezone

from qms.models import Frequency


def at(day, hour=10):
    """An aware moment on `day`, in the office's time zone."""
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def months_before(day, months):
    """The same day of the month `months` months earlier (later if negative), at most the 28th."""
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, min(day.day, 28))


_MONTHS_PER_PERIOD = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
}


def period_ends(frequency, count, day):
    """The last `count` periods (calendar months, quarters, half-years, years) ended before
    `day`, oldest first, as their last days."""
    step = _MONTHS_PER_PERIOD[frequency]
    index = day.year * 12 + day.month - 2  # the last month that has ended
    while (index % 12 + 1) % step:
        index -= 1
    ends = []
    for _ in range(count):
        following = index + 1
        ends.append(
            datetime.date(following // 12, following % 12 + 1, 1) - datetime.timedelta(days=1)
        )
        index -= step
    return ends[::-1]
