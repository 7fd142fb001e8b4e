"""The demo's core processes residents come to the office for (P-04 to P-07): the service desk,
administrative decisions, local taxes, vehicles and driving licences."""

from qms.models import ProcessKind

from .cards import CHANCE, GTE, LTE, RISK, H, Measure, ProcessCard, Q, Risk, Y

PROCESSES = [
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
]
