"""The demo's organisation chart, process cards and register of documents, as plain data.

Everything here is invented but typical of a Polish city hall's quality system; load_demo turns it
into records. Dates are relative to the day the demo is loaded ("months ago"), so that the same
documents are due for review and the same measures are recent whenever the demo is loaded.
"""

from dataclasses import dataclass, field

from qms.models import Direction, DocumentKind, Frequency, ProcessKind, RiskKind, UnitKind

# --- Organisational units and staff ----------------------------------------------------------

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
# quality book). Not a demo account: the password is unusable, nobody signs in as them.
APPROVER = ("sekretarz", "Sekretarz", "Miasta")

# username -> (unit code, position)
STAFF = {
    "coordinator": ("BPI", "Główny specjalista ds. Systemu Zarządzania Jakością"),
    "owner": ("WO", "Naczelnik Wydziału Organizacyjnego"),
    "employee": ("BOM", "Podinspektor ds. obsługi mieszkańców"),
    "auditor": ("WF", "Inspektor, audytor wewnętrzny SZJ"),
    "sekretarz": ("WO", "Sekretarz Miasta"),
}

# --- Processes -------------------------------------------------------------------------------


@dataclass
class Risk:
    kind: str
    description: str
    likelihood: int
    impact: int
    treatment: str
    review_in_months: int  # from the day of loading; negative: the review is overdue


@dataclass
class Measure:
    name: str
    direction: str
    target: str
    unit: str
    frequency: str
    values: list  # oldest first, one per period ending before the day of loading


@dataclass
class ProcessCard:
    code: str
    name: str
    kind: str
    owner: str | None
    units: list
    purpose: str
    scope: str
    inputs: list
    outputs: list
    customers: list
    resources: list
    interacts_with: list
    risks: list = field(default_factory=list)
    measures: list = field(default_factory=list)


RISK, CHANCE = RiskKind.RISK, RiskKind.OPPORTUNITY
GTE, LTE = Direction.AT_LEAST, Direction.AT_MOST
M, Q, H, Y = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY

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
    ProcessCard(
        "P-04",
        "Obsługa mieszkańców",
        ProcessKind.CORE,
        "owner",
        ["BOM", "WO"],
        "Sprawne, życzliwe i kompetentne przyjmowanie spraw mieszkańców oraz udzielanie "
        "informacji w jednym miejscu.",
        "Przyjmowanie wniosków i pism w Biurze Obsługi Mieszkańców i przez ePUAP, informacja "
        "osobista, telefoniczna i elektroniczna, wydawanie dokumentów, badanie satysfakcji.",
        [
            "Wnioski, pisma i zapytania mieszkańców",
            "Karty usług",
            "Pisma przez ePUAP i e-Doręczenia",
            "Wyniki badań satysfakcji klientów",
        ],
        [
            "Sprawy zarejestrowane i przekazane do wydziałów",
            "Udzielone informacje i wydane dokumenty",
            "Potwierdzenia złożenia pism",
            "Wyniki ankiet satysfakcji",
        ],
        [
            "Mieszkańcy Zabrza",
            "Przedsiębiorcy",
            "Osoby z niepełnosprawnościami",
            "Wydziały merytoryczne Urzędu",
        ],
        [
            "Stanowiska obsługi w BOM i system kolejkowy",
            "System EZD i elektroniczna skrzynka podawcza",
            "Pracownicy Biura Obsługi Mieszkańców",
            "Karty usług w Biuletynie Informacji Publicznej",
        ],
        ["P-05", "P-06", "P-07", "P-11"],
        [
            Risk(
                RISK,
                "Długie kolejki w okresach szczytu (np. składanie deklaracji podatkowych)",
                4,
                4,
                "Dodatkowe stanowiska w marcu; informacja o godzinach mniejszego ruchu.",
                2,
            ),
            Risk(
                RISK,
                "Awaria systemu kolejkowego lub EZD",
                2,
                3,
                "Procedura awaryjna: numerki papierowe i rejestr pism w arkuszu.",
                8,
            ),
            Risk(
                CHANCE,
                "Umawianie wizyt przez internet",
                4,
                4,
                "Moduł rezerwacji wizyt na stronie Urzędu, najpierw dla Wydziału Komunikacji.",
                4,
            ),
        ],
        [
            Measure("Klienci zadowoleni z obsługi", GTE, "90", "%", H, [88, 91, 93, 89, 94, 95]),
            Measure(
                "Średni czas oczekiwania na obsługę",
                LTE,
                "10",
                "min",
                Q,
                [14, 12, 9, 11, 8, 7, 9],
            ),
        ],
    ),
    ProcessCard(
        "P-05",
        "Wydawanie decyzji administracyjnych",
        ProcessKind.CORE,
        "owner",
        ["WO", "WAB", "WK", "WOS", "WPO"],
        "Rozstrzyganie spraw w drodze decyzji administracyjnych zgodnie z Kodeksem postępowania "
        "administracyjnego i w ustawowych terminach.",
        "Od wszczęcia postępowania na wniosek lub z urzędu, przez postępowanie wyjaśniające, po "
        "doręczenie decyzji i przekazanie odwołania do organu drugiej instancji.",
        [
            "Wnioski stron",
            "Przepisy prawa materialnego i KPA",
            "Dowody zebrane w postępowaniu",
            "Opinie i uzgodnienia innych organów",
        ],
        [
            "Decyzje administracyjne i postanowienia",
            "Zawiadomienia stron",
            "Akta sprawy w systemie EZD",
            "Odwołania przekazane do SKO",
        ],
        [
            "Strony postępowania: mieszkańcy i przedsiębiorcy",
            "Samorządowe Kolegium Odwoławcze",
            "Wojewódzki Sąd Administracyjny",
        ],
        [
            "Pracownicy merytoryczni wydziałów",
            "Radcy prawni",
            "System EZD",
            "Systemy informacji prawnej",
        ],
        ["P-04", "P-06", "P-07", "P-09", "P-10", "P-11"],
        [
            Risk(
                RISK,
                "Przekroczenie terminu załatwienia sprawy (bezczynność organu)",
                3,
                5,
                "Terminarz spraw w EZD z ostrzeżeniem 7 dni przed terminem; cotygodniowy "
                "przegląd spraw przez naczelnika.",
                3,
            ),
            Risk(
                RISK,
                "Uchylenie decyzji przez SKO z powodu błędów proceduralnych",
                2,
                4,
                "Szkolenie z KPA raz w roku; wzory pism w EZD sprawdzone przez radcę prawnego.",
                7,
            ),
        ],
        [
            Measure(
                "Sprawy załatwione w terminie KPA",
                GTE,
                "95",
                "%",
                Q,
                [93.5, 96.2, 97.1, 94.8, 96.5, 98.0],
            ),
            Measure("Decyzje uchylone przez SKO", LTE, "2", "%", Y, [2.8, 1.9, 1.5, 2.2]),
        ],
    ),
    ProcessCard(
        "P-06",
        "Podatki i opłaty lokalne",
        ProcessKind.CORE,
        None,
        ["WPO", "WF"],
        "Prawidłowy i terminowy wymiar, pobór i egzekucja podatków oraz opłat lokalnych, które "
        "są dochodami miasta.",
        "Podatek od nieruchomości, rolny, leśny i od środków transportowych, opłata za "
        "gospodarowanie odpadami komunalnymi; ulgi, umorzenia i egzekucja zaległości.",
        [
            "Informacje i deklaracje podatkowe",
            "Uchwały Rady Miasta w sprawie stawek",
            "Dane z ewidencji gruntów i budynków",
            "Wnioski o ulgi i umorzenia",
        ],
        [
            "Decyzje wymiarowe",
            "Upomnienia i tytuły wykonawcze",
            "Zaświadczenia o niezaleganiu",
            "Sprawozdania z wykonania dochodów",
        ],
        [
            "Podatnicy: osoby fizyczne i prawne",
            "Skarbnik Miasta",
            "Regionalna Izba Obrachunkowa",
        ],
        [
            "System podatkowy i e-usługi dla podatników",
            "Pracownicy Wydziału Podatków i Opłat",
            "Pracownicy windykacji",
        ],
        ["P-04", "P-05", "P-14"],
        [
            Risk(
                RISK,
                "Błędny wymiar podatku z powodu nieaktualnych danych z ewidencji",
                3,
                3,
                "Comiesięczne uzgadnianie danych z ewidencją gruntów i budynków.",
                5,
            ),
            Risk(
                RISK,
                "Przedawnienie zaległości podatkowych",
                1,
                5,
                "Kontrola terminów przedawnienia w systemie podatkowym.",
                10,
            ),
            Risk(
                CHANCE,
                "Elektroniczne doręczanie decyzji podatkowych",
                3,
                2,
                "Zachęcanie podatników do założenia adresu do e-Doręczeń.",
                6,
            ),
        ],
        [
            Measure(
                "Decyzje wymiarowe doręczone do 31 marca",
                GTE,
                "98",
                "%",
                Y,
                [96, 98.5, 99.1, 97.4, 99.3],
            ),
            Measure(
                "Zaległości podatkowe w stosunku do dochodów",
                LTE,
                "5",
                "%",
                Q,
                [6.1, 5.4, 4.8, 4.2, 5.2, 4.6],
            ),
        ],
    ),
    ProcessCard(
        "P-07",
        "Rejestracja pojazdów i prawa jazdy",
        ProcessKind.CORE,
        None,
        ["WK", "BOM"],
        "Rejestrowanie pojazdów i wydawanie praw jazdy szybko, zgodnie z przepisami i z "
        "bezpiecznym przetwarzaniem danych.",
        "Rejestracja, czasowa rejestracja i wyrejestrowanie pojazdów, wydawanie i wymiana praw "
        "jazdy, zatrzymanie dokumentów, prace w Centralnej Ewidencji Pojazdów i Kierowców.",
        [
            "Wnioski o rejestrację pojazdu i wydanie prawa jazdy",
            "Dokumenty pojazdów i potwierdzenia opłat",
            "Dane z systemu CEPiK",
            "Profile kandydatów na kierowców",
        ],
        [
            "Dowody rejestracyjne i tablice rejestracyjne",
            "Prawa jazdy",
            "Decyzje o zatrzymaniu prawa jazdy",
            "Wpisy w CEPiK",
        ],
        [
            "Właściciele pojazdów",
            "Kierowcy i kandydaci na kierowców",
            "Policja i ośrodki egzaminowania kierowców",
        ],
        [
            "System CEPiK i stanowiska z czytnikami dokumentów",
            "Magazyn druków ścisłego zarachowania",
            "Pracownicy Wydziału Komunikacji",
        ],
        ["P-04", "P-05", "P-15"],
        [
            Risk(
                RISK,
                "Awaria systemu CEPiK uniemożliwiająca rejestrację pojazdów",
                4,
                5,
                "Informacja dla klientów na stronie i w BOM; przyjmowanie wniosków do "
                "późniejszego załatwienia.",
                1,
            ),
            Risk(
                RISK,
                "Wydanie dokumentu osobie nieuprawnionej",
                1,
                5,
                "Weryfikacja tożsamości w Rejestrze Dowodów Osobistych przed wydaniem.",
                9,
            ),
        ],
        [Measure("Średni czas rejestracji pojazdu", LTE, "30", "min", Q, [34, 31, 28, 27, 29, 26])],
    ),
    ProcessCard(
        "P-08",
        "Rejestracja stanu cywilnego",
        ProcessKind.CORE,
        None,
        ["USC"],
        "Rejestracja urodzeń, małżeństw i zgonów oraz wydawanie odpisów aktów stanu cywilnego "
        "zgodnie z ustawą Prawo o aktach stanu cywilnego.",
        "Sporządzanie aktów, przyjmowanie zapewnień i oświadczeń, śluby cywilne, transkrypcja "
        "zagranicznych dokumentów, wydawanie odpisów i zaświadczeń.",
        [
            "Zgłoszenia urodzeń i zgonów",
            "Zapewnienia o braku przeszkód do zawarcia małżeństwa",
            "Zagraniczne akty stanu cywilnego",
            "Wnioski o odpisy aktów",
        ],
        [
            "Akty stanu cywilnego w rejestrze BUSC",
            "Odpisy zupełne i skrócone",
            "Zaświadczenia",
            "Decyzje Kierownika USC",
        ],
        ["Mieszkańcy i ich rodziny", "Sądy i inne urzędy", "Konsulowie"],
        [
            "System Rejestrów Państwowych",
            "Sala ślubów",
            "Kierownik USC i zastępcy",
        ],
        ["P-04", "P-05", "P-15"],
        [
            Risk(
                RISK,
                "Błąd w akcie stanu cywilnego wymagający sprostowania",
                2,
                3,
                "Sprawdzanie aktu przez drugą osobę przed podpisaniem.",
                6,
            ),
            Risk(
                CHANCE,
                "Śluby cywilne poza Urzędem w ciekawych miejscach miasta",
                2,
                2,
                "Lista miejsc uzgodniona z zarządcami obiektów (np. Sztolnia Królowa Luiza).",
                12,
            ),
        ],
        [Measure("Odpisy wydane w dniu złożenia wniosku", GTE, "95", "%", Q, [97, 96, 94, 98, 99])],
    ),
    ProcessCard(
        "P-09",
        "Planowanie przestrzenne i budownictwo",
        ProcessKind.CORE,
        None,
        ["WAB"],
        "Kształtowanie ładu przestrzennego miasta oraz rozstrzyganie spraw budowlanych zgodnie z "
        "prawem i planami miejscowymi.",
        "Miejscowe plany zagospodarowania przestrzennego, decyzje o warunkach zabudowy, "
        "pozwolenia na budowę i rozbiórkę, zgłoszenia robót budowlanych.",
        [
            "Wnioski o pozwolenie na budowę i warunki zabudowy",
            "Projekty budowlane",
            "Plan ogólny i plany miejscowe",
            "Uzgodnienia i opinie",
        ],
        [
            "Pozwolenia na budowę",
            "Decyzje o warunkach zabudowy",
            "Projekty planów miejscowych",
            "Wypisy i wyrysy z planów",
        ],
        [
            "Inwestorzy",
            "Mieszkańcy i właściciele nieruchomości",
            "Rada Miasta",
            "Powiatowy Inspektor Nadzoru Budowlanego",
        ],
        [
            "System informacji przestrzennej (GIS)",
            "Architekt Miasta i urbaniści",
            "Pracownicy Wydziału Architektury i Budownictwa",
        ],
        ["P-05", "P-10"],
        [
            Risk(
                RISK,
                "Przekroczenie 65-dniowego terminu na pozwolenie na budowę (kara)",
                3,
                4,
                "Rejestr terminów z ostrzeżeniem po 45 dniach; zastępstwa w okresie urlopów.",
                3,
            ),
            Risk(
                RISK,
                "Zaskarżenie planu miejscowego do sądu administracyjnego",
                2,
                4,
                "Konsultacje społeczne ponad wymagane minimum; opinia radcy prawnego.",
                8,
            ),
        ],
        [
            Measure(
                "Pozwolenia na budowę wydane w terminie 65 dni",
                GTE,
                "100",
                "%",
                Q,
                [98, 100, 100, 96, 100, 100, 99],
            )
        ],
    ),
    ProcessCard(
        "P-10",
        "Ochrona środowiska",
        ProcessKind.CORE,
        None,
        ["WOS"],
        "Ochrona środowiska naturalnego miasta i prowadzenie postępowań środowiskowych zgodnie z "
        "przepisami.",
        "Zezwolenia na usunięcie drzew, decyzje o środowiskowych uwarunkowaniach, gospodarka "
        "odpadami, dotacje do wymiany źródeł ciepła, edukacja ekologiczna.",
        [
            "Wnioski o usunięcie drzew i decyzje środowiskowe",
            "Wnioski o dotację na wymianę pieców",
            "Zgłoszenia interwencyjne mieszkańców",
            "Program ochrony powietrza",
        ],
        [
            "Zezwolenia i decyzje środowiskowe",
            "Umowy dotacyjne",
            "Protokoły oględzin i kontroli",
            "Sprawozdania dla WIOŚ i Marszałka Województwa",
        ],
        [
            "Mieszkańcy",
            "Przedsiębiorcy",
            "Regionalna Dyrekcja Ochrony Środowiska",
            "Wojewódzki Inspektorat Ochrony Środowiska",
        ],
        [
            "Pracownicy Wydziału Ochrony Środowiska",
            "Środki z budżetu miasta i z WFOŚiGW",
            "Samochód służbowy do oględzin",
        ],
        ["P-05", "P-09", "P-14"],
        [
            Risk(
                RISK,
                "Niewykorzystanie środków na wymianę pieców",
                3,
                3,
                "Kampania informacyjna jesienią; pomoc w wypełnianiu wniosków w BOM.",
                4,
            ),
            Risk(
                CHANCE,
                "Pozyskanie dodatkowych środków z WFOŚiGW",
                4,
                4,
                "Wniosek o dofinansowanie w najbliższym naborze.",
                2,
            ),
        ],
        [Measure("Zlikwidowane piece węglowe", GTE, "150", "szt.", H, [120, 165, 140, 180, 210])],
    ),
    ProcessCard(
        "P-11",
        "Skargi i wnioski",
        ProcessKind.CORE,
        "owner",
        ["WO", "BOM"],
        "Rzetelne i terminowe rozpatrywanie skarg, wniosków i petycji oraz wykorzystywanie ich "
        "do doskonalenia pracy Urzędu.",
        "Przyjmowanie, rejestrowanie, rozpatrywanie i analiza skarg, wniosków i petycji "
        "kierowanych do Prezydenta Miasta i Rady Miasta.",
        [
            "Skargi, wnioski i petycje",
            "Wyjaśnienia komórek organizacyjnych",
            "Przepisy działu VIII KPA i ustawy o petycjach",
        ],
        [
            "Odpowiedzi dla skarżących",
            "Rejestr skarg i wniosków",
            "Półroczna analiza skarg dla kierownictwa",
            "Wnioski o działania korygujące",
        ],
        [
            "Mieszkańcy",
            "Rada Miasta (Komisja Skarg, Wniosków i Petycji)",
            "Prezydent Miasta",
        ],
        [
            "Stanowisko ds. skarg i wniosków w Wydziale Organizacyjnym",
            "System EZD",
            "Radca prawny",
        ],
        ["P-02", "P-04", "P-05"],
        [
            Risk(
                RISK,
                "Rozpatrzenie skargi po terminie 30 dni",
                2,
                3,
                "Rejestr skarg z terminami; przypomnienie dla komórki po 14 dniach.",
                5,
            ),
            Risk(
                RISK,
                "Powtarzające się skargi na tę samą komórkę bez analizy przyczyn",
                3,
                4,
                "Półroczna analiza skarg; przy trzech skargach na tę samą sprawę karta "
                "niezgodności.",
                1,
            ),
        ],
        [
            Measure(
                "Skargi rozpatrzone w terminie", GTE, "100", "%", Q, [100, 95, 100, 100, 92, 100]
            ),
            Measure("Skargi uznane za zasadne", LTE, "10", "%", H, [12, 8, 9, 11]),
        ],
    ),
    ProcessCard(
        "P-12",
        "Zarządzanie kadrami",
        ProcessKind.SUPPORT,
        "owner",
        ["BK", "WO"],
        "Zapewnienie Urzędowi kompetentnych i zaangażowanych pracowników.",
        "Nabór na wolne stanowiska, służba przygotowawcza, szkolenia i rozwój, oceny okresowe, "
        "sprawy kadrowe i płacowe, bezpieczeństwo i higiena pracy.",
        [
            "Potrzeby kadrowe komórek",
            "Plan szkoleń",
            "Ustawa o pracownikach samorządowych",
            "Wyniki ocen okresowych",
        ],
        [
            "Zatrudnieni pracownicy",
            "Zrealizowane szkolenia",
            "Oceny okresowe",
            "Dokumentacja pracownicza",
        ],
        ["Kierownicy komórek", "Pracownicy Urzędu", "Kandydaci do pracy"],
        [
            "Pracownicy Biura Kadr",
            "Budżet szkoleniowy",
            "System kadrowo-płacowy",
        ],
        ["P-01", "P-14", "P-15"],
        [
            Risk(
                RISK,
                "Odejście doświadczonych pracowników i utrata wiedzy",
                4,
                4,
                "Opisy stanowisk z zastępstwami; instrukcje stanowiskowe; mentoring nowych osób.",
                3,
            ),
            Risk(
                RISK,
                "Nierozstrzygnięte nabory z powodu braku kandydatów",
                4,
                3,
                "Ogłoszenia także w portalach z ofertami pracy; współpraca z uczelniami.",
                6,
            ),
            Risk(
                CHANCE,
                "Staże i praktyki studenckie jako źródło przyszłych pracowników",
                3,
                1,
                "Porozumienie z Politechniką Śląską.",
                12,
            ),
        ],
        [
            Measure("Pracownicy przeszkoleni w roku", GTE, "80", "%", Y, [72, 78, 84, 86]),
            Measure("Rotacja pracowników", LTE, "8", "%", Y, [9.5, 8.7, 7.2, 7.9]),
        ],
    ),
    ProcessCard(
        "P-13",
        "Zamówienia publiczne",
        ProcessKind.SUPPORT,
        None,
        ["BZP", "WF"],
        "Udzielanie zamówień publicznych w sposób przejrzysty, konkurencyjny i zgodny z ustawą "
        "Prawo zamówień publicznych.",
        "Plan zamówień, przygotowanie i prowadzenie postępowań, zawieranie umów, zamówienia "
        "poniżej progu ustawowego, sprawozdawczość.",
        [
            "Plan zamówień publicznych",
            "Wnioski komórek o wszczęcie postępowania",
            "Oferty wykonawców",
        ],
        [
            "Umowy w sprawie zamówień publicznych",
            "Protokoły postępowań",
            "Roczne sprawozdanie dla Prezesa UZP",
        ],
        [
            "Komórki zamawiające",
            "Wykonawcy",
            "Prezes Urzędu Zamówień Publicznych",
            "Krajowa Izba Odwoławcza",
        ],
        [
            "Platforma zakupowa",
            "Pracownicy Biura Zamówień Publicznych",
            "Komisje przetargowe",
        ],
        ["P-03", "P-14", "P-15"],
        [
            Risk(
                RISK,
                "Unieważnienie postępowania z powodu błędów w specyfikacji warunków zamówienia",
                2,
                4,
                "Sprawdzenie SWZ przez drugą osobę i radcę prawnego.",
                4,
            ),
            Risk(
                RISK,
                "Odwołanie do KIO wstrzymujące inwestycję",
                3,
                4,
                "Dialog techniczny i konsultacje rynkowe przed dużymi postępowaniami.",
                7,
            ),
        ],
        [
            Measure("Postępowania unieważnione", LTE, "10", "%", H, [14, 11, 9, 7, 8]),
        ],
    ),
    ProcessCard(
        "P-14",
        "Finanse i budżet",
        ProcessKind.SUPPORT,
        None,
        ["WF"],
        "Planowanie i wykonywanie budżetu miasta oraz prowadzenie rachunkowości zgodnie z ustawą "
        "o finansach publicznych.",
        "Projekt budżetu i wieloletniej prognozy finansowej, zmiany budżetu, ewidencja księgowa, "
        "płatności, sprawozdawczość budżetowa, kontrola finansowa.",
        [
            "Wnioski budżetowe komórek",
            "Uchwała budżetowa",
            "Faktury i dokumenty księgowe",
            "Przepisy o finansach publicznych",
        ],
        [
            "Projekt budżetu i WPF",
            "Sprawozdania budżetowe i finansowe",
            "Zrealizowane płatności",
            "Sprawozdanie z wykonania budżetu",
        ],
        [
            "Prezydent Miasta i Rada Miasta",
            "Regionalna Izba Obrachunkowa",
            "Komórki Urzędu",
            "Kontrahenci",
        ],
        ["Skarbnik Miasta", "System finansowo-księgowy", "Pracownicy Wydziału Finansowego"],
        ["P-01", "P-06", "P-12", "P-13"],
        [
            Risk(
                RISK,
                "Opóźnienie płatności skutkujące odsetkami",
                2,
                2,
                "Elektroniczny obieg faktur z terminem płatności widocznym w EZD.",
                6,
            ),
            Risk(
                RISK,
                "Niedobór dochodów wymuszający zmiany budżetu",
                3,
                5,
                "Kwartalna analiza wykonania dochodów; rezerwa ogólna w budżecie.",
                2,
            ),
        ],
        [
            Measure(
                "Faktury zapłacone w terminie",
                GTE,
                "99",
                "%",
                Q,
                [98.2, 99.1, 99.5, 99.4, 98.7, 99.6],
            )
        ],
    ),
    ProcessCard(
        "P-15",
        "Infrastruktura IT i ochrona danych",
        ProcessKind.SUPPORT,
        None,
        ["BI", "IOD"],
        "Sprawne i bezpieczne systemy informatyczne oraz ochrona danych osobowych "
        "przetwarzanych w Urzędzie.",
        "Sieć, serwery i stanowiska pracy, kopie zapasowe, uprawnienia, obsługa zgłoszeń, "
        "bezpieczeństwo informacji i ochrona danych osobowych (RODO).",
        [
            "Zgłoszenia użytkowników (helpdesk)",
            "Wymagania KRI, ustawy o krajowym systemie cyberbezpieczeństwa i RODO",
            "Plan zakupów sprzętu i licencji",
            "Wyniki analiz ryzyka i audytów bezpieczeństwa",
        ],
        [
            "Działające systemy i stanowiska pracy",
            "Kopie zapasowe i protokoły testów odtworzenia",
            "Rejestr czynności przetwarzania",
            "Zgłoszenia naruszeń ochrony danych do Prezesa UODO",
        ],
        [
            "Pracownicy Urzędu",
            "Mieszkańcy korzystający z e-usług",
            "Prezes Urzędu Ochrony Danych Osobowych",
        ],
        [
            "Serwerownia i sieć Urzędu",
            "Pracownicy Biura Informatyki",
            "Inspektor Ochrony Danych",
            "Umowy serwisowe",
        ],
        ["P-03", "P-07", "P-08", "P-12", "P-13", "P-16"],
        [
            Risk(
                RISK,
                "Atak ransomware szyfrujący dane Urzędu",
                4,
                5,
                "Kopie zapasowe odłączone od sieci, uwierzytelnianie dwuskładnikowe, szkolenia "
                "z phishingu dla wszystkich pracowników.",
                1,
            ),
            Risk(
                RISK,
                "Naruszenie ochrony danych osobowych przez pracownika",
                3,
                4,
                "Szkolenie z RODO przy zatrudnieniu i co roku; uprawnienia według stanowiska.",
                5,
            ),
            Risk(
                CHANCE,
                "Poczta elektroniczna w chmurze z wyższą dostępnością",
                2,
                3,
                "Analiza kosztów i zgodności z KRI.",
                9,
            ),
        ],
        [
            Measure(
                "Dostępność kluczowych systemów",
                GTE,
                "99.5",
                "%",
                M,
                [99.8, 99.6, 99.2, 99.9, 99.7, 99.9, 98.9, 99.8],
            ),
            Measure(
                "Średni czas rozwiązania zgłoszenia",
                LTE,
                "8",
                "godz.",
                Q,
                [9.5, 7.8, 6.9, 8.4, 6.1],
            ),
        ],
    ),
    ProcessCard(
        "P-16",
        "Nadzór nad dokumentacją",
        ProcessKind.SUPPORT,
        "coordinator",
        ["BPI", "WO"],
        "Pracownicy korzystają z aktualnych, zatwierdzonych dokumentów, a zapisy są "
        "przechowywane i archiwizowane zgodnie z przepisami.",
        "Opracowanie, sprawdzenie, zatwierdzenie, publikacja i wycofanie dokumentów SZJ, nadzór "
        "nad dokumentami zewnętrznymi, przechowywanie i archiwizacja zapisów.",
        [
            "Projekty nowych i zmienionych dokumentów",
            "Zmiany w przepisach i normach",
            "Wnioski o zmianę dokumentu",
            "Instrukcja kancelaryjna i jednolity rzeczowy wykaz akt",
        ],
        [
            "Zatwierdzone i opublikowane dokumenty",
            "Wykaz dokumentów obowiązujących",
            "Potwierdzenia zapoznania się z dokumentami",
            "Zapisy przekazane do archiwum zakładowego",
        ],
        [
            "Pracownicy wszystkich komórek",
            "Audytorzy wewnętrzni i zewnętrzni",
            "Archiwum zakładowe",
        ],
        ["Portal SZJ", "System EZD", "Archiwum zakładowe", "Biuro Pełnomocnika ds. ISO"],
        ["P-01", "P-02", "P-15"],
        [
            Risk(
                RISK,
                "Korzystanie z nieaktualnych wydruków dokumentów",
                3,
                3,
                "Na wydrukach informacja „Kopia nienadzorowana”; dokumenty tylko w portalu SZJ.",
                4,
            ),
            Risk(
                RISK,
                "Dokumenty nieprzejrzane w wyznaczonym terminie",
                4,
                2,
                "Przypomnienia dla właścicieli dokumentów; lista zaległych przeglądów na "
                "naradzie kierownictwa.",
                -2,
            ),
            Risk(
                CHANCE,
                "Elektroniczne potwierdzenia zapoznania się zamiast list papierowych",
                5,
                3,
                "Potwierdzenia w portalu SZJ dla wszystkich komórek.",
                3,
            ),
        ],
        [
            Measure("Dokumenty przejrzane w terminie", GTE, "95", "%", H, [88, 92, 96, 90, 97]),
        ],
    ),
]

# --- Documents -------------------------------------------------------------------------------

# The steps a document's versions went through, oldest first. Each step makes one version through
# the workflow services, except READ, which has the demo employee confirm the version in force.


def approved(months_ago, summary):
    """Drafted, submitted and approved; in force from `months_ago` months before loading."""
    return ("approved", months_ago, summary)


def abandoned(months_ago, summary):
    """A draft that was withdrawn before review."""
    return ("abandoned", months_ago, summary)


def draft(summary):
    return ("draft", None, summary)


def in_review(summary):
    return ("in_review", None, summary)


def returned(summary, comment):
    """Submitted and sent back to the author as a draft, with the reviewer's comment."""
    return ("returned", None, summary, comment)


READ = ("read", None, "")

ALL_UNITS = "*"
FIRST = "Pierwsze wydanie."


@dataclass
class DocumentCard:
    code: str
    title: str
    kind: str
    process: str
    unit: str
    owner: str
    concerned: object  # a list of unit codes, or ALL_UNITS
    steps: list
    withdrawal_reason: str = ""


QB, PR, IN, FO, EX, RE = (
    DocumentKind.QUALITY_BOOK,
    DocumentKind.PROCEDURE,
    DocumentKind.INSTRUCTION,
    DocumentKind.FORM,
    DocumentKind.EXTERNAL,
    DocumentKind.RECORD,
)

DOCUMENTS = [
    # Quality book, policy, objectives, process map
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
    # Instructions
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
    # Forms
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
    # External documents
    DocumentCard(
        "EXT-01",
        "PN-EN ISO 9001:2015-10 Systemy zarządzania jakością – Wymagania",
        EX,
        "P-01",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(95, "Wprowadzenie normy do wykazu dokumentów zewnętrznych."),
            approved(10, "Zmiana normy ISO 9001:2015/Amd 1:2024 (zmiany klimatu)."),
        ],
    ),
    DocumentCard(
        "EXT-02",
        "Kodeks postępowania administracyjnego – tekst jednolity",
        EX,
        "P-05",
        "WO",
        "owner",
        ALL_UNITS,
        [
            approved(60, "Wprowadzenie do wykazu dokumentów zewnętrznych."),
            approved(30, "Nowy tekst jednolity ogłoszony w Dzienniku Ustaw."),
            approved(5, "Nowy tekst jednolity ogłoszony w Dzienniku Ustaw."),
        ],
    ),
    DocumentCard(
        "EXT-03",
        "Ustawa o samorządzie gminnym – tekst jednolity",
        EX,
        "P-01",
        "WO",
        "owner",
        ["WO"],
        [
            approved(40, "Wprowadzenie do wykazu dokumentów zewnętrznych."),
            approved(26, "Nowy tekst jednolity ogłoszony w Dzienniku Ustaw."),
        ],
    ),
    DocumentCard(
        "EXT-04",
        "Ustawa Prawo zamówień publicznych – tekst jednolity",
        EX,
        "P-13",
        "BZP",
        "coordinator",
        ["BZP"],
        [
            approved(36, "Wprowadzenie do wykazu dokumentów zewnętrznych."),
            approved(8, "Nowy tekst jednolity ogłoszony w Dzienniku Ustaw."),
        ],
    ),
    DocumentCard(
        "EXT-05",
        "PN-EN ISO 19011:2018 Wytyczne dotyczące auditowania systemów zarządzania",
        EX,
        "P-02",
        "BPI",
        "coordinator",
        ["BPI"],
        [
            approved(60, "Wprowadzenie normy do wykazu dokumentów zewnętrznych."),
            approved(7, "Przegląd aktualności: norma obowiązuje bez zmian."),
        ],
    ),
    DocumentCard(
        "EXT-06",
        "Rozporządzenie Parlamentu Europejskiego i Rady (UE) 2016/679 (RODO)",
        EX,
        "P-15",
        "IOD",
        "coordinator",
        ALL_UNITS,
        [
            approved(54, "Wprowadzenie do wykazu dokumentów zewnętrznych."),
            approved(6, "Przegląd aktualności: rozporządzenie obowiązuje bez zmian."),
        ],
    ),
    # Records
    DocumentCard(
        "Z-01",
        "Protokół z przeglądu zarządzania",
        RE,
        "P-01",
        "BPI",
        "coordinator",
        ["BPI", "WO"],
        [approved(10, "Protokół z corocznego przeglądu zarządzania systemem jakości.")],
    ),
    DocumentCard(
        "Z-02",
        "Program audytów wewnętrznych",
        RE,
        "P-02",
        "BPI",
        "coordinator",
        ALL_UNITS,
        [
            approved(11, "Program audytów wewnętrznych na rok."),
            approved(5, "Dodatkowy audyt w Wydziale Komunikacji po skargach mieszkańców."),
        ],
    ),
    DocumentCard(
        "Z-03",
        "Rejestr ryzyk i szans Urzędu",
        RE,
        "P-03",
        "BPI",
        "coordinator",
        ["BPI", "WO"],
        [
            approved(22, FIRST),
            approved(9, "Coroczna aktualizacja rejestru; nowe ryzyka cyberbezpieczeństwa."),
        ],
    ),
    DocumentCard(
        "Z-04",
        "Sprawozdanie z badania satysfakcji mieszkańców",
        RE,
        "P-04",
        "BOM",
        "owner",
        ["BOM", "WO"],
        [approved(3, "Wyniki badania satysfakcji mieszkańców za ostatnie półrocze.")],
    ),
]
