"""The demo's quality book, policy, objectives, process map and procedures, with the story of
their editions."""

from .cards import (
    ALL_UNITS,
    FIRST,
    PR,
    QB,
    READ,
    DocumentCard,
    abandoned,
    approved,
    draft,
    in_review,
    returned,
)

DOCUMENTS = [
    DocumentCard(
        "KJ",
        "Księga Jakości",
        QB,
        "P-01",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(96, "Pierwsze wydanie Księgi Jakości według normy PN-EN ISO 9001:2015-10."),
            approved(
                58,
                "Aktualizacja mapy procesów i opisu kontekstu organizacji po zmianie regulaminu "
                "organizacyjnego.",
            ),
            approved(
                29,
                "Nowy rozdział o zarządzaniu ryzykiem i szansami; zmiana nazwy Biura "
                "Pełnomocnika ds. ISO.",
            ),
            READ,
            approved(
                4,
                "Wnioski z przeglądu zarządzania; nowe cele jakościowe; aktualny wykaz procedur "
                "systemu zarządzania jakością.",
            ),
            draft("Projekt: opis portalu SZJ i elektronicznego nadzoru nad dokumentacją."),
        ],
    ),
    DocumentCard(
        "PJ",
        "Polityka jakości",
        QB,
        "P-01",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(100, "Pierwsze wydanie polityki jakości."),
            approved(
                32,
                "Nowa treść polityki jakości zatwierdzona przez Prezydenta Miasta: ryzyka i "
                "szanse, kompetencje pracowników, głos mieszkańców.",
            ),
            READ,
            approved(
                9,
                "Przegląd polityki jakości na przeglądzie zarządzania: treść bez zmian, nowy "
                "podpis Prezydenta Miasta.",
            ),
        ],
    ),
    DocumentCard(
        "CJ",
        "Cele jakościowe Urzędu",
        QB,
        "P-01",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(23, "Cele jakościowe na rok, z miernikami i właścicielami."),
            approved(
                10, "Cele na kolejny rok; nowy cel dotyczący spraw załatwianych przez e-usługi."
            ),
        ],
    ),
    DocumentCard(
        "MP",
        "Mapa procesów",
        QB,
        "P-01",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(40, FIRST),
            approved(
                16,
                "Wydzielenie procesów Zarządzanie ryzykiem (P-03) i Nadzór nad dokumentacją "
                "(P-16).",
            ),
        ],
    ),
    # Procedures
    DocumentCard(
        "PR-01",
        "Procedura nadzoru nad udokumentowaną informacją",
        PR,
        "P-16",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(90, FIRST),
            approved(
                45,
                "Dostosowanie do normy ISO 9001:2015: udokumentowana informacja zamiast "
                "dokumentów i zapisów.",
            ),
            approved(
                11,
                "Zatwierdzanie i potwierdzanie zapoznania się w portalu SZJ; wzór karty zmian.",
            ),
            in_review("Nadzór nad dokumentami zewnętrznymi i terminy przeglądu dokumentów."),
        ],
    ),
    DocumentCard(
        "PR-02",
        "Procedura audytu wewnętrznego",
        PR,
        "P-02",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(70, FIRST),
            approved(30, "Kwalifikacje audytorów zgodnie z PN-EN ISO 19011:2018; audyty zdalne."),
            approved(
                7,
                "Nowa skala ustaleń: niezgodność duża i mała, obserwacja, możliwość doskonalenia.",
            ),
        ],
    ),
    DocumentCard(
        "PR-03",
        "Procedura działań korygujących i doskonalących",
        PR,
        "P-02",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(50, FIRST),
            approved(
                14,
                "Obowiązkowa analiza przyczyny źródłowej i weryfikacja skuteczności działań "
                "korygujących.",
            ),
        ],
    ),
    DocumentCard(
        "PR-04",
        "Procedura przeglądu zarządzania",
        PR,
        "P-01",
        "BPI",
        "coordinator",
        ["BPI", "WO"],
        [
            approved(62, FIRST),
            approved(26, "Dane wejściowe i wyjściowe przeglądu według pkt 9.3 normy."),
            approved(
                3,
                "Przegląd obejmuje skuteczność działań podjętych wobec ryzyk i szans oraz "
                "wyniki badania satysfakcji mieszkańców.",
            ),
        ],
    ),
    DocumentCard(
        "PR-05",
        "Procedura zarządzania ryzykiem i szansami",
        PR,
        "P-03",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(38, "Pierwsze wydanie: skala 1–5 prawdopodobieństwa i skutku."),
            approved(
                9,
                "Poziomy ryzyka: niskie, średnie, wysokie, krytyczne; plan postępowania "
                "obowiązkowy od poziomu wysokiego.",
            ),
        ],
    ),
    DocumentCard(
        "PR-06",
        "Procedura obsługi mieszkańców w Biurze Obsługi Mieszkańców",
        PR,
        "P-04",
        "BOM",
        "owner",
        ["BOM", "WO", "WK", "WPO"],
        [
            approved(66, FIRST),
            approved(34, "Przyjmowanie pism przez ePUAP; system kolejkowy."),
            approved(
                6,
                "Standardy obsługi osób z niepełnosprawnościami; tłumacz języka migowego online.",
            ),
            READ,
            # In review: the one the coordinator approves (its author is the process owner).
            in_review("Projekt: umawianie wizyt przez internet."),
        ],
    ),
    DocumentCard(
        "PR-07",
        "Procedura wydawania decyzji administracyjnych",
        PR,
        "P-05",
        "WO",
        "owner",
        ["WO", "WAB", "WK", "WOS", "WPO", "USC"],
        [
            approved(55, FIRST),
            approved(20, "Metryka sprawy w EZD; doręczenia elektroniczne (e-Doręczenia)."),
        ],
    ),
    DocumentCard(
        "PR-08",
        "Procedura rozpatrywania skarg i wniosków",
        PR,
        "P-11",
        "WO",
        "owner",
        ALL_UNITS,
        [
            approved(48, FIRST),
            approved(8, "Rozpatrywanie petycji; półroczna analiza skarg dla kierownictwa."),
            READ,
        ],
    ),
    DocumentCard(
        "PR-09",
        "Procedura naboru na wolne stanowiska urzędnicze",
        PR,
        "P-12",
        "BK",
        "owner",
        ["BK", "WO"],
        [
            approved(44, FIRST),
            approved(10, "Formularz zgłoszeniowy online; ochrona danych kandydatów."),
            returned(
                "Krótsze terminy naboru; test kompetencji dla kandydatów.",
                "Proszę opisać test kompetencji i wskazać, kto ocenia odpowiedzi kandydatów.",
            ),
        ],
    ),
    DocumentCard(
        "PR-10",
        "Procedura udzielania zamówień publicznych",
        PR,
        "P-13",
        "BZP",
        "coordinator",
        ["BZP", "WF", "WO", "BI"],
        [
            approved(36, "Dostosowanie do ustawy Prawo zamówień publicznych z 2019 r."),
            abandoned(20, "Projekt zmiany progów; zrezygnowano po zmianie regulaminu."),
            approved(5, "Zamówienia poniżej 130 000 zł przez platformę zakupową."),
        ],
    ),
    DocumentCard(
        "PR-11",
        "Procedura wymiaru i poboru podatków lokalnych",
        PR,
        "P-06",
        "WPO",
        "coordinator",
        ["WPO", "WF"],
        [
            approved(40, FIRST),
            approved(9, "Deklaracje elektroniczne i doręczanie decyzji przez e-Doręczenia."),
        ],
    ),
    DocumentCard(
        "PR-12",
        "Procedura rejestracji pojazdów",
        PR,
        "P-07",
        "WK",
        "coordinator",
        ["WK", "BOM"],
        [
            approved(28, FIRST),
            approved(13, "Zmiany po nowelizacji Prawa o ruchu drogowym; czasowa rejestracja."),
        ],
    ),
    DocumentCard(
        "PR-13",
        "Procedura badania satysfakcji klientów",
        PR,
        "P-04",
        "BOM",
        "owner",
        ["BOM", "WO"],
        [
            approved(30, FIRST),
            approved(2, "Ankieta elektroniczna i kody QR na stanowiskach obsługi."),
        ],
    ),
    DocumentCard(
        "PR-14",
        "Procedura bezpieczeństwa informacji",
        PR,
        "P-15",
        "BI",
        "coordinator",
        ALL_UNITS,
        [
            approved(46, FIRST),
            approved(22, "Zasady pracy zdalnej i korzystania z urządzeń mobilnych."),
            approved(1, "Zgłaszanie incydentów przez portal; coroczne szkolenie z phishingu."),
        ],
    ),
    DocumentCard(
        "PR-15",
        "Procedura zarządzania ciągłością działania",
        PR,
        "P-15",
        "BI",
        "coordinator",
        ["BI", "WO"],
        [draft("Projekt pierwszego wydania procedury.")],
    ),
]
