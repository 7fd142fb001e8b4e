"""The demo's organisation chart: units, and where the demo's people work."""

from qms.models import UnitKind

# (code, name, kind, head: a demo username or None)
UNITS = [
    ("BPI", "Biuro Pełnomocnika ds. ISO", UnitKind.OFFICE, None),
    ("WO", "Wydział Organizacyjny", UnitKind.DEPARTMENT, "owner"),
    ("BOM", "Biuro Obsługi Mieszkańców", UnitKind.OFFICE, None),
    ("WF", "Wydział Finansowy", UnitKind.DEPARTMENT, None),
    ("WPO", "Wydział Podatków i Opłat", UnitKind.DEPARTMENT, None),
    ("WAB", "Wydział Architektury i Budownictwa", UnitKind.DEPARTMENT, None),
    ("WK", "Wydział Komunikacji", UnitKind.DEPARTMENT, None),
    ("USC", "Urząd Stanu Cywilnego", UnitKind.DEPARTMENT, None),
    ("WOS", "Wydział Ochrony Środowiska", UnitKind.DEPARTMENT, None),
    ("BZP", "Biuro Zamówień Publicznych", UnitKind.OFFICE, None),
    ("BK", "Biuro Kadr", UnitKind.OFFICE, None),
    ("BI", "Biuro Informatyki", UnitKind.OFFICE, None),
    ("IOD", "Inspektor Ochrony Danych", UnitKind.POSITION, None),
]

# The person who approves what the representative's office prepares ("Zatwierdził" in the

# username -> (unit code, position)
STAFF = {
    "coordinator": ("BPI", "Główny specjalista ds. Systemu Zarządzania Jakością"),
    "owner": ("WO", "Naczelnik Wydziału Organizacyjnego"),
    "employee": ("BOM", "Podinspektor ds. obsługi mieszkańców"),
    "auditor": ("WF", "Inspektor, audytor wewnętrzny SZJ"),
    "sekretarz": ("WO", "Sekretarz Miasta"),
}
