"""The certified office, its ISO representatives and its quality policy.

Facts from the Zabrze city hall's public "Zarządzanie Jakością" page are kept exactly (the
representative's contact, the publication details); the rest is invented, and the site then shows
a "dane demonstracyjne" notice (`is_demo`).
"""

import datetime

D = datetime.date

ORGANISATION = {
    "name": "Urząd Miejski w Zabrzu",
    "address": "ul. Powstańców Śląskich 5–7\n41-800 Zabrze",
    "email": "um@um.zabrze.pl",
    "phone": "(32) 373 33 00",
    "website": "https://miastozabrze.pl/",
    # The public pages' 'metryczka'
    "content_prepared_by": "Małgorzata Giela, Pełnomocnik Prezydenta Miasta ds. ISO",
    "content_responsible": "Pełnomocnik Prezydenta Miasta ds. ISO",
    "content_published_by": "Biuro Pełnomocnika ds. ISO",
    "content_produced_on": D(2021, 6, 14),
    "content_published_on": D(2021, 6, 21),
    # The accessibility statement; the building and the procedure are invented for the demo.
    "accessibility_status": "partially_compliant",
    "accessibility_site_published_on": D(2021, 6, 21),
    "accessibility_site_updated_on": D(2026, 3, 2),
    "accessibility_prepared_on": D(2021, 6, 21),
    "accessibility_reviewed_on": D(2026, 3, 31),
    "accessibility_nonconformities": (
        "Skany papierowych certyfikatów są obrazami dokumentów wydanych przez jednostkę "
        "certyfikującą i mogą być nieczytelne dla czytników ekranu. Ich treść jest podana "
        "jako tekst na stronie certyfikatu i w jego podsumowaniu PDF, które jest dokumentem "
        "dostępnym."
    ),
    "accessibility_exclusions": (
        "Skany certyfikatów z lat 2008–2018, opublikowane przed 23 września 2018 r. "
        "(art. 3 ust. 2 ustawy o dostępności cyfrowej)."
    ),
    "accessibility_contact": "Biuro Pełnomocnika ds. ISO",
    "accessibility_email": "um@um.zabrze.pl",
    "accessibility_phone": "(32) 373 33 00",
    "accessibility_procedure": (
        "Skargę kieruje się do Prezydenta Miasta Zabrze: Urząd Miejski w Zabrzu, "
        "ul. Powstańców Śląskich 5–7, 41-800 Zabrze, albo przez elektroniczną skrzynkę "
        "podawczą urzędu na platformie ePUAP."
    ),
    "accessibility_architecture": "\n\n".join(
        [
            (
                "Urząd mieści się przy ul. Powstańców Śląskich 5–7. Do głównego wejścia od "
                "ulicy prowadzi podjazd dla wózków; drzwi otwierają się automatycznie."
            ),
            (
                "Winda obsługuje wszystkie kondygnacje. Na parterze jest toaleta dostosowana "
                "do potrzeb osób z niepełnosprawnościami, a przy stanowiskach obsługi klientów "
                "pętla indukcyjna."
            ),
            (
                "Przed budynkiem wyznaczono miejsca parkingowe dla osób z niepełnosprawnościami."
                " Do budynku można wejść z psem asystującym."
            ),
        ]
    ),
    "accessibility_communication": "\n\n".join(
        [
            (
                "Z urzędem można się kontaktować pisemnie, pocztą elektroniczną, przez ePUAP, "
                "telefonicznie oraz SMS-em."
            ),
            (
                "Chęć skorzystania z pomocy tłumacza polskiego języka migowego należy zgłosić "
                "co najmniej 3 dni robocze przed wizytą."
            ),
        ]
    ),
    "accessibility_apps": "",
    "is_demo": True,
}

# Oldest first; the one without an end of term is the current representative.
REPRESENTATIVES = [
    {
        "full_name": "Anna Przykładowa",
        "title": "Pełnomocnik Prezydenta Miasta ds. ISO",
        "email": "pelnomocnik.iso@example.org",
        "phone": "(32) 373 33 99",
        "appointed_on": D(2008, 1, 2),
        "appointed_by": "Prezydent Miasta Zabrze",
        "ended_on": D(2016, 12, 31),
    },
    {
        "full_name": "Małgorzata Giela",
        "title": "Pełnomocnik Prezydenta Miasta ds. ISO",
        "email": "sekretariat_wru@um.zabrze.pl",
        "phone": "(32) 373 33 70",
        "appointed_on": D(2017, 1, 2),
        "appointed_by": "Prezydent Miasta Zabrze",
        "ended_on": None,
    },
]

POLICY_V1 = "\n\n".join(
    [
        (
            "Urząd Miejski w Zabrzu służy mieszkańcom, przedsiębiorcom i wszystkim, którzy "
            "załatwiają u nas sprawy. Chcemy robić to rzetelnie, w terminie i zgodnie z "
            "prawem."
        ),
        ("Wdrażamy system zarządzania jakością zgodny z normą ISO 9001 i stale go doskonalimy."),
    ]
)

POLICY_V2 = "\n\n".join(
    [
        (
            "Urząd Miejski w Zabrzu działa dla mieszkańców, przedsiębiorców i wszystkich "
            "osób, które załatwiają u nas swoje sprawy. Naszym celem jest obsługa rzetelna, "
            "życzliwa i terminowa, prowadzona zgodnie z prawem i z poszanowaniem każdego "
            "klienta."
        ),
        (
            "Aby to osiągnąć: znamy i nadzorujemy procesy, w których realizujemy zadania "
            "miasta; słuchamy opinii mieszkańców i reagujemy na ich potrzeby; oceniamy ryzyka"
            " i szanse, zanim podejmiemy decyzje; dbamy o kompetencje pracowników i warunki "
            "ich pracy."
        ),
        (
            "Kierownictwo Urzędu zapewnia zasoby potrzebne do realizacji tej polityki i co "
            "roku sprawdza, czy wyznaczone cele jakościowe zostały osiągnięte. Każdy "
            "pracownik zna tę politykę i stosuje ją w codziennej pracy."
        ),
        (
            "Utrzymujemy i stale doskonalimy System Zarządzania Jakością zgodny z wymaganiami"
            " normy PN-EN ISO 9001:2015-10."
        ),
    ]
)

# Oldest first: each was put in force in turn, and the last one is in force.
POLICIES = [
    {
        "version": 1,
        "text": POLICY_V1,
        "approved_on": D(2008, 1, 15),
        "approved_by": "Prezydent Miasta Zabrze",
    },
    {
        "version": 2,
        "text": POLICY_V2,
        "approved_on": D(2018, 3, 1),
        "approved_by": "Prezydent Miasta Zabrze",
    },
]
