"""The demo's forms and templates, with the story of their editions."""

from .cards import (
    ALL_UNITS,
    FIRST,
    FO,
    READ,
    DocumentCard,
    approved,
    draft,
    in_review,
)


def scheduled(days_ahead, summary):
    """Approved a few days before loading, in force from `days_ahead` days after it."""
    return ("scheduled", days_ahead, summary)


FORMS = [
    DocumentCard(
        "F-01",
        "Karta zmian dokumentu",
        FO,
        "P-16",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(45, FIRST),
            approved(11, "Kolumny na numer wydania i podpis zatwierdzającego."),
        ],
    ),
    DocumentCard(
        "F-02",
        "Plan audytu wewnętrznego",
        FO,
        "P-02",
        "BPI",
        "coordinator",
        ["BPI"],
        [
            approved(40, FIRST),
            approved(15, "Pole na audyt zdalny i kryteria audytu."),
        ],
    ),
    DocumentCard(
        "F-03",
        "Raport z audytu wewnętrznego",
        FO,
        "P-02",
        "BPI",
        "coordinator",
        ["BPI"],
        [
            approved(40, FIRST),
            approved(7, "Nowe rodzaje ustaleń; liczba ustaleń według rodzaju w podsumowaniu."),
        ],
    ),
    DocumentCard(
        "F-04",
        "Karta niezgodności i działań korygujących",
        FO,
        "P-02",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(50, FIRST),
            approved(5, "Pola na przyczynę źródłową i ocenę skuteczności działań."),
        ],
    ),
    DocumentCard(
        "F-05",
        "Ankieta badania satysfakcji mieszkańców",
        FO,
        "P-04",
        "BOM",
        "owner",
        ["BOM"],
        [
            approved(30, FIRST),
            approved(2, "Pytanie o obsługę elektroniczną; skala ocen 1–5."),
            draft("Projekt: wersje ankiety po ukraińsku i po angielsku."),
        ],
    ),
    DocumentCard(
        "F-06",
        "Rejestr skarg i wniosków",
        FO,
        "P-11",
        "WO",
        "owner",
        ["WO"],
        [
            approved(48, FIRST),
            approved(6, "Kolumny na petycje i termin odpowiedzi."),
        ],
    ),
    DocumentCard(
        "F-07",
        "Karta ryzyka procesu",
        FO,
        "P-03",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(38, FIRST),
            approved(9, "Ocena ryzyka rezydualnego po działaniach."),
        ],
    ),
    DocumentCard(
        "F-08",
        "Karta usługi – wzór",
        FO,
        "P-04",
        "BOM",
        "owner",
        ALL_UNITS,
        [
            approved(26, FIRST),
            approved(4, "Informacja o dostępności i o składaniu wniosku przez ePUAP."),
        ],
    ),
    DocumentCard(
        "F-09",
        "Karta procesu – wzór",
        FO,
        "P-01",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(40, FIRST),
            approved(8, "Pola: ryzyka i szanse, mierniki, procesy powiązane."),
        ],
    ),
    DocumentCard(
        "F-10",
        "Karta oceny dostawcy",
        FO,
        "P-13",
        "BZP",
        "coordinator",
        ["BZP"],
        [in_review("Pierwsze wydanie karty oceny dostawców i wykonawców.")],
    ),
    # Its second edition is approved and comes into force a few days after loading: until then
    # the first one stays in force, and the employee, who read it, reads the new one after.
    DocumentCard(
        "F-11",
        "Wniosek o wydanie zaświadczenia – wzór",
        FO,
        "P-04",
        "BOM",
        "owner",
        ["BOM"],
        [
            approved(14, FIRST),
            READ,
            scheduled(
                5,
                "Klauzula informacyjna według nowego wzoru; pole na adres do doręczeń "
                "elektronicznych.",
            ),
        ],
    ),
]
