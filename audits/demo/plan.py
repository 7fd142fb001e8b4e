"""An audit's plan as the demo writes it: its days, objectives, criteria, agenda and distribution
(ISO 19011 6.3.2), from the audit's spec."""

import datetime

from .programmes import STANDARD

DAY = datetime.timedelta(days=1)


def days(spec, year, on):
    """(first day, last day, planned month); the current year's audits around `on`, the day of
    loading."""
    when = spec.when
    if isinstance(when, tuple):
        month, first, last = when
        return datetime.date(year, month, first), datetime.date(year, month, last), month
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if when == "reported":
        first = max(start, on - 35 * DAY)
        last = min(first + DAY, on)
    elif when == "in_progress":
        first = max(start, on - DAY)
        last = max(first, min(on + DAY, end))
    elif when == "planned":
        first = min(on + 21 * DAY, end)
        last = min(first + DAY, end)
    else:  # unscheduled: planned for December, dates not set yet
        return None, None, 12
    return first, last, first.month


def objectives(processes):
    names = ", ".join(f"„{process.name}”" for process in processes)
    noun = "procesów" if len(processes) > 1 else "procesu"
    return (
        f"Ocena zgodności {noun} {names} z wymaganiami normy {STANDARD} i dokumentacji SZJ "
        "oraz skuteczności ich realizacji; wskazanie możliwości doskonalenia."
    )


def criteria(spec):
    numbers = ", ".join(spec.clauses) or "4–10"
    return f"{STANDARD}, pkt {numbers}; {spec.documents}"


def agenda(first, last, units):
    if first is None:
        return ""
    lines = [f"{first:%d.%m.%Y} 9:00 — spotkanie otwierające ({units[0].name})"]
    day = first
    while day <= last:
        lines.append(f"{day:%d.%m.%Y} 9:30–14:00 — rozmowy, przegląd dokumentów i zapisów")
        day += DAY
    lines.append(f"{last:%d.%m.%Y} 14:00 — spotkanie zamykające, wstępne ustalenia")
    return "\n".join(lines)


def distribution(units):
    return "; ".join(
        ["Prezydent Miasta Zabrze", "Sekretarz Miasta", "Pełnomocnik ds. SZJ"]
        + [unit.name for unit in units]
    )
