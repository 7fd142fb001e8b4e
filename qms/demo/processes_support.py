"""The demo's support processes (P-12 to P-16): staff, public procurement, finance, IT and data
protection, document control."""

from qms.models import ProcessKind

from .cards import CHANCE, GTE, LTE, RISK, H, M, Measure, ProcessCard, Q, Risk, Y

PROCESSES = [
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
