"""The demo's management processes (P-01 to P-03): strategy and the quality system, internal
audits, risk."""

from qms.models import ProcessKind

from .cards import CHANCE, GTE, LTE, RISK, H, Measure, ProcessCard, Q, Risk, Y

PROCESSES = [
    ProcessCard(
        "P-01",
        "Zarządzanie strategiczne i SZJ",
        ProcessKind.MANAGEMENT,
        "coordinator",
        ["BPI", "WO"],
        "Wyznaczanie kierunków działania Urzędu, ustalanie polityki i celów jakościowych oraz "
        "zapewnienie, że System Zarządzania Jakością działa skutecznie i jest stale doskonalony.",
        "Od analizy kontekstu organizacji i potrzeb stron zainteresowanych, przez planowanie "
        "celów jakościowych i zasobów, po przegląd zarządzania i decyzje o doskonaleniu systemu.",
        [
            "Strategia rozwoju miasta i uchwały Rady Miasta",
            "Analiza kontekstu organizacji i stron zainteresowanych",
            "Wyniki audytów wewnętrznych i zewnętrznych",
            "Wyniki monitorowania procesów i realizacji celów jakościowych",
            "Opinie, skargi i wnioski mieszkańców",
        ],
        [
            "Polityka jakości i cele jakościowe",
            "Protokół z przeglądu zarządzania z decyzjami",
            "Plan działań doskonalących",
            "Księga Jakości i mapa procesów",
        ],
        [
            "Mieszkańcy Zabrza",
            "Prezydent Miasta i Rada Miasta",
            "Pracownicy Urzędu",
            "Jednostka certyfikująca",
        ],
        [
            "Pełnomocnik ds. SZJ i Biuro Pełnomocnika ds. ISO",
            "Kierownictwo Urzędu i naczelnicy wydziałów",
            "Portal SZJ i system EZD",
            "Środki na szkolenia i audyty zewnętrzne",
        ],
        ["P-02", "P-03", "P-14", "P-16"],
        [
            Risk(
                RISK,
                "Niewystarczające zaangażowanie kierowników komórek w utrzymanie SZJ",
                2,
                4,
                "Wyniki SZJ omawiane na naradzie kierownictwa raz na kwartał; cele jakościowe "
                "przypisane naczelnikom wydziałów.",
                6,
            ),
            Risk(
                CHANCE,
                "Bieżące monitorowanie celów jakościowych w portalu SZJ",
                4,
                3,
                "Wdrożenie portalu we wszystkich komórkach i szkolenie naczelników.",
                3,
            ),
        ],
        [Measure("Stopień realizacji celów jakościowych", GTE, "90", "%", Y, [85, 92, 94, 88, 95])],
    ),
    ProcessCard(
        "P-02",
        "Audyty wewnętrzne i doskonalenie",
        ProcessKind.MANAGEMENT,
        "coordinator",
        ["BPI"],
        "Sprawdzanie, czy System Zarządzania Jakością spełnia wymagania normy i przepisów oraz "
        "jest skutecznie wdrożony, a także usuwanie przyczyn wykrytych niezgodności.",
        "Program audytów na rok, audyty wewnętrzne we wszystkich komórkach organizacyjnych, "
        "rejestrowanie ustaleń, działania korygujące i ocena ich skuteczności.",
        [
            "Program audytów wewnętrznych",
            "Wyniki poprzednich audytów i stan działań korygujących",
            "Wymagania normy PN-EN ISO 9001:2015-10 i przepisy prawa",
            "Skargi mieszkańców i zgłoszone niezgodności",
        ],
        [
            "Plany i raporty z audytów wewnętrznych",
            "Karty niezgodności i działań korygujących",
            "Ocena skuteczności działań",
            "Wnioski do przeglądu zarządzania",
        ],
        [
            "Kierownictwo Urzędu",
            "Właściciele procesów",
            "Komórki audytowane",
            "Jednostka certyfikująca",
        ],
        [
            "Zespół audytorów wewnętrznych",
            "Listy kontrolne i portal SZJ",
            "Czas pracy audytorów i audytowanych",
            "Szkolenia audytorów (PN-EN ISO 19011:2018)",
        ],
        ["P-01", "P-03", "P-11", "P-16"],
        [
            Risk(
                RISK,
                "Niedotrzymywanie terminów działań korygujących przez komórki",
                4,
                3,
                "Przypomnienia 10 dni przed terminem; zaległe działania omawiane na przeglądzie "
                "zarządzania.",
                2,
            ),
            Risk(
                RISK,
                "Zbyt mała liczba przeszkolonych audytorów wewnętrznych",
                3,
                3,
                "Szkolenie nowych audytorów co dwa lata; audyty prowadzone w parach.",
                9,
            ),
            Risk(
                CHANCE,
                "Audyty zdalne w komórkach pracujących w systemie EZD",
                2,
                2,
                "Pilotażowy audyt zdalny w Biurze Informatyki.",
                5,
            ),
        ],
        [
            Measure(
                "Realizacja programu audytów wewnętrznych",
                GTE,
                "100",
                "%",
                H,
                [100, 90, 100, 100, 80, 100],
            ),
            Measure(
                "Średni czas zamknięcia działania korygującego",
                LTE,
                "60",
                "dni",
                Q,
                [72, 65, 58, 61, 49, 55],
            ),
        ],
    ),
    ProcessCard(
        "P-03",
        "Zarządzanie ryzykiem",
        ProcessKind.MANAGEMENT,
        "coordinator",
        ["BPI", "WF"],
        "Identyfikowanie i ocena ryzyk i szans w procesach Urzędu oraz planowanie działań, które "
        "ograniczają ryzyka i pozwalają wykorzystać szanse.",
        "Wszystkie procesy Urzędu: coroczna identyfikacja ryzyk przez właścicieli procesów, "
        "ocena w skali prawdopodobieństwo × skutek, plan postępowania, monitorowanie i przegląd.",
        [
            "Analiza kontekstu organizacji",
            "Ryzyka zgłoszone przez właścicieli procesów",
            "Wyniki audytów i kontroli zewnętrznych",
            "Zmiany w przepisach prawa",
        ],
        [
            "Rejestr ryzyk i szans Urzędu",
            "Plany postępowania z ryzykiem",
            "Informacja o ryzykach na przegląd zarządzania",
        ],
        [
            "Prezydent Miasta i kierownictwo Urzędu",
            "Właściciele procesów",
            "Regionalna Izba Obrachunkowa",
        ],
        [
            "Koordynator kontroli zarządczej",
            "Metodyka oceny ryzyka",
            "Karta ryzyka procesu w portalu SZJ",
        ],
        ["P-01", "P-02", "P-14", "P-15"],
        [
            Risk(
                RISK,
                "Ocena ryzyka traktowana formalnie, bez realnych działań",
                3,
                4,
                "Plan postępowania obowiązkowy dla ryzyk wysokich i krytycznych; przegląd "
                "skuteczności raz w roku.",
                4,
            ),
            Risk(
                RISK,
                "Nierozpoznanie ryzyka wynikającego ze zmian w przepisach",
                2,
                5,
                "Przegląd zmian w przepisach przez radców prawnych raz w miesiącu.",
                -1,
            ),
        ],
        [
            Measure(
                "Ryzyka wysokie i krytyczne z planem postępowania",
                GTE,
                "100",
                "%",
                H,
                [80, 90, 100, 95, 100],
            )
        ],
    ),
]
