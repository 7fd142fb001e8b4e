"""The demo's instructions and forms, with the story of their editions."""

from .cards import (
    ALL_UNITS,
    FIRST,
    IN,
    READ,
    DocumentCard,
    approved,
    in_review,
)

INSTRUCTIONS = [
    DocumentCard(
        "IN-01",
        "Instrukcja kancelaryjna – obieg korespondencji",
        IN,
        "P-16",
        "WO",
        "owner",
        ALL_UNITS,
        [
            approved(80, FIRST),
            approved(18, "System EZD podstawowym sposobem dokumentowania przebiegu spraw."),
        ],
    ),
    DocumentCard(
        "IN-02",
        "Instrukcja użytkownika systemu EZD",
        IN,
        "P-15",
        "BI",
        "coordinator",
        ALL_UNITS,
        [
            approved(24, FIRST),
            approved(11, "Nowa wersja systemu EZD: podpis kwalifikowany i pieczęć elektroniczna."),
            in_review("Dekretacja zastępcza w czasie nieobecności pracownika."),
        ],
    ),
    DocumentCard(
        "IN-03",
        "Instrukcja przyjmowania wniosków w Biurze Obsługi Mieszkańców",
        IN,
        "P-04",
        "BOM",
        "owner",
        ["BOM"],
        [
            approved(36, FIRST),
            approved(15, "Przyjmowanie wniosków składanych przez ePUAP i e-Doręczenia."),
            approved(3, "Wnioski składane przez pełnomocnika; sprawdzanie tożsamości."),
            READ,
        ],
    ),
    DocumentCard(
        "IN-04",
        "Instrukcja wydawania praw jazdy",
        IN,
        "P-07",
        "WK",
        "coordinator",
        ["WK"],
        [
            approved(25, FIRST),
            approved(7, "Wymiana praw jazdy wydanych przed 19 stycznia 2013 r."),
        ],
    ),
    DocumentCard(
        "IN-05",
        "Instrukcja sporządzania aktów stanu cywilnego",
        IN,
        "P-08",
        "USC",
        "coordinator",
        ["USC"],
        [
            approved(50, FIRST),
            approved(27, "Sprostowanie i uzupełnienie aktu w systemie Rejestrów Państwowych."),
            approved(9, "Transkrypcja aktów zagranicznych; wzory pism do konsulatów."),
        ],
    ),
    DocumentCard(
        "IN-06",
        "Instrukcja kontroli wydatków budżetowych",
        IN,
        "P-14",
        "WF",
        "coordinator",
        ["WF", "BZP"],
        [
            approved(44, FIRST),
            approved(9, "Kontrola wstępna Skarbnika dla umów powyżej 50 000 zł."),
        ],
    ),
    DocumentCard(
        "IN-07",
        "Instrukcja wykonywania kopii zapasowych",
        IN,
        "P-15",
        "BI",
        "coordinator",
        ["BI"],
        [
            approved(30, FIRST),
            approved(6, "Kopie poza siedzibą Urzędu; test odtworzenia raz na kwartał."),
        ],
    ),
    DocumentCard(
        "IN-08",
        "Instrukcja postępowania w sprawie usunięcia drzew",
        IN,
        "P-10",
        "WOS",
        "coordinator",
        ["WOS", "BOM"],
        [approved(16, FIRST)],
    ),
    DocumentCard(
        "IN-09",
        "Instrukcja przyjmowania opłat w kasie Urzędu",
        IN,
        "P-14",
        "WF",
        "coordinator",
        ["WF", "BOM"],
        [
            approved(70, FIRST),
            approved(30, "Płatności kartą w kasie Urzędu."),
        ],
        withdrawal_reason=(
            "Kasa Urzędu została zlikwidowana; opłaty przyjmują terminale płatnicze w Biurze "
            "Obsługi Mieszkańców i oddział banku w budynku Urzędu."
        ),
    ),
    DocumentCard(
        "IN-10",
        "Instrukcja postępowania z drukami ścisłego zarachowania",
        IN,
        "P-07",
        "WK",
        "coordinator",
        ["WK"],
        [
            approved(20, FIRST),
            approved(8, "Ewidencja tablic rejestracyjnych w systemie magazynowym."),
        ],
    ),
]
