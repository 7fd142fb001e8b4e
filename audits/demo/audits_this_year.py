"""The demo's audits of the current year: reported, in progress, planned; dated from the day
the demo is loaded."""

from .specs import (
    IMPROVEMENT,
    IN_PROGRESS,
    MAJOR,
    MINOR,
    OBSERVATION,
    PLANNED,
    REPORTED,
    TOWN_HALL,
    ActionSpec,
    AuditSpec,
    FindingSpec,
    FromToday,
)

AUDITS = [
    AuditSpec(
        year=0,
        title="Skargi i wnioski oraz obsługa mieszkańców — audyt sprawdzający",
        when="reported",
        status=REPORTED,
        processes=["P-11", "P-04"],
        units=["WO", "BOM"],
        lead="auditor",
        team=["audytor2"],
        auditees="Naczelnik Wydziału Organizacyjnego (właściciel procesów); kierownik Biura "
        "Obsługi Mieszkańców; stanowisko ds. skarg i wniosków",
        places=f"{TOWN_HALL}, pok. 204 i sala obsługi mieszkańców",
        scope="Skuteczność działań korygujących po audycie z poprzedniego roku; rejestr i "
        "terminowość skarg; informacja dla mieszkańców i kompetencje pracowników BOM.",
        documents="PR-08; PR-06; IN-03; F-06; EXT-02",
        clauses=["8.5.1", "8.2.1", "7.2", "7.5.3", "9.1.2", "9.1.3", "10.2", "7.1.4"],
        evidence={
            "10.2": "Działania po audycie z poprzedniego roku zweryfikowane: rejestr skarg w EZD "
            "działa dla skarg wpływających wprost do Urzędu; skarg przekazanych nie obejmuje "
            "(ustalenie nr 1). Potwierdzenia odbioru skanowane od października.",
        },
        findings=[
            FindingSpec(
                MINOR,
                "8.5.1",
                "P-11",
                "pkt 8.5.1; KPA art. 231 i 237; PR-08 pkt 5.",
                "2 z 25 skarg przekazanych z innych organów rozpatrzono po terminie: rejestr "
                "skarg w EZD nie obejmuje jeszcze skarg przekazanych (art. 231 KPA).",
                "Rejestr skarg w EZD od początku roku; akta 25 skarg przekazanych.",
                question="Czy skargi przekazane z innych organów są rejestrowane z właściwym "
                "terminem?",
                actions=[
                    ActionSpec(
                        "implemented",
                        "Rozszerzenie rejestru skarg w EZD o skargi przekazane z innych organów, "
                        "z terminem od dnia wpływu do organu właściwego; szkolenie sekretariatów.",
                        correction="Zawiadomiono skarżących w 2 sprawach o nowym terminie.",
                        root_cause="Działanie po poprzednim audycie objęło tylko skargi wpływające "
                        "wprost do Urzędu.",
                        due=FromToday(25),
                        implemented=FromToday(-4),
                    )
                ],
            ),
            FindingSpec(
                MINOR,
                "8.2.1",
                "P-04",
                "pkt 8.2.1 a); PR-06 pkt 3.",
                "Wydruki kart usług przy stanowiskach BOM podają opłatę skarbową sprzed zmiany "
                "stawek; wersja w BIP jest aktualna.",
                "Wydruki kart usług przy stanowiskach 2 i 5; karty w BIP z dnia audytu.",
                actions=[
                    ActionSpec(
                        "open",
                        "Wydruki kart usług w BOM zastępowane wraz z publikacją zmiany w BIP; "
                        "odpowiedzialny kierownik BOM.",
                        correction="Usunięto nieaktualne wydruki przy stanowiskach 2 i 5.",
                        root_cause="Zmiany kart w BIP nie są przekazywane do BOM.",
                        due=FromToday(30),
                    )
                ],
            ),
            FindingSpec(
                MINOR,
                "7.2",
                "P-04",
                "pkt 7.2; PR-06 pkt 2.3: szkolenie stanowiskowe przed samodzielną obsługą.",
                "Dwóch pracowników zatrudnionych w tym roku w BOM obsługuje mieszkańców "
                "samodzielnie bez szkolenia z PR-06 i IN-03.",
                "Karty szkoleń pracowników BOM; grafik stanowisk z dnia audytu.",
                starter="wymagane kompetencje",
                day=1,
                actions=[
                    ActionSpec(
                        "open",
                        "Szkolenie z PR-06 i IN-03 dla nowych pracowników; wzór planu "
                        "wprowadzenia stanowiskowego w Biurze Kadr.",
                        root_cause="Szkolenie stanowiskowe nie jest warunkiem dopuszczenia do "
                        "samodzielnej obsługi.",
                        due=FromToday(-5),
                    )
                ],
            ),
            FindingSpec(
                MAJOR,
                "7.5.3",
                "P-11",
                "pkt 7.5.3; PR-08 pkt 4: jeden rejestr skarg i wniosków.",
                "Rejestr skarg prowadzony jest równolegle w EZD i w arkuszu F-06; w 6 sprawach "
                "dane się różnią (data wpływu, sposób załatwienia), więc nie wiadomo, który "
                "zapis jest wiążący.",
                "Zestawienie rejestru EZD z arkuszem F-06 za bieżący rok (6 rozbieżności).",
                question="Czy rejestr skarg i wniosków jest prowadzony w jednym miejscu i jest "
                "kompletny?",
                actions=[
                    ActionSpec(
                        "effective",
                        "Arkusz F-06 wycofany jako rejestr; jedynym rejestrem skarg jest EZD "
                        "(zmiana PR-08).",
                        correction="Uzgodniono dane 6 spraw; arkusz F-06 zamknięto.",
                        root_cause="Po wdrożeniu rejestru w EZD nie wycofano arkusza.",
                        due=FromToday(5),
                        implemented=FromToday(-12),
                        verified=FromToday(-3),
                        comment="Sprawdzono rejestr w EZD za ostatnie trzy tygodnie: wszystkie "
                        "skargi tylko w EZD; arkusz F-06 zarchiwizowany.",
                    )
                ],
            ),
            FindingSpec(
                OBSERVATION,
                "9.1.3",
                "P-11",
                "pkt 9.1.3; PR-08 pkt 7.",
                "Kwartalna analiza skarg podaje tylko ich liczbę, bez podziału według przyczyn.",
                "Analizy skarg za dwa ostatnie kwartały.",
                day=1,
            ),
            FindingSpec(
                IMPROVEMENT,
                "9.1.2",
                "P-04",
                "pkt 9.1.2; PR-13.",
                "Wyniki ankiety elektronicznej można co kwartał pokazywać mieszkańcom na "
                "tablicy w sali obsługi.",
                "Sprawozdanie Z-04: liczba ankiet wzrosła czterokrotnie po wprowadzeniu kodu QR.",
                day=1,
            ),
        ],
        conclusions="Działania po audycie z poprzedniego roku przyniosły poprawę terminowości "
        "skarg, ale nie objęły skarg przekazanych z innych organów. Stwierdzono jedną "
        "niezgodność dużą (podwójny rejestr skarg, już usunięta), trzy małe, obserwację i "
        "możliwość doskonalenia. Stopień zgodności: średni.",
    ),
    AuditSpec(
        year=0,
        title="Ochrona środowiska",
        when="in_progress",
        status=IN_PROGRESS,
        processes=["P-10"],
        units=["WOS"],
        lead="auditor",
        team=["audytor2"],
        auditees="Naczelnik Wydziału Ochrony Środowiska; kierownik referatu zieleni",
        places=f"{TOWN_HALL}, Wydział Ochrony Środowiska, pok. 401–406",
        scope="Zezwolenia na usunięcie drzew, opłaty za korzystanie ze środowiska, nadzór nad "
        "wykonawcami prac pielęgnacyjnych.",
        documents="IN-08 Instrukcja postępowania w sprawie usunięcia drzew; PR-07; F-10",
        clauses=["8.1", "8.5.1", "8.4", "7.1.6", "6.1", "9.1.1", "7.5.3", "4.4"],
        findings=[
            FindingSpec(
                OBSERVATION,
                "7.1.6",
                "P-10",
                "pkt 7.1.6; PR-01.",
                "IN-08 odwołuje się do uchylonego przepisu; pracownicy stosują przepisy "
                "aktualne, ale nowa osoba mogłaby się pomylić.",
                "IN-08 wyd. 2; rozmowa z dwoma inspektorami.",
                question="Czy instrukcja IN-08 uwzględnia zmiany przepisów o usuwaniu drzew?",
            ),
            FindingSpec(
                MINOR,
                "8.5.1",
                "P-10",
                "pkt 8.5.1; ustawa o ochronie przyrody art. 83a; IN-08 pkt 4.",
                "W 3 z 18 spraw o zezwolenie na usunięcie drzew oględziny przeprowadzono po "
                "terminie wskazanym w IN-08.",
                "Akta 18 spraw z ostatniego półrocza; protokoły oględzin.",
                question="Czy oględziny drzew są przeprowadzane w terminie?",
            ),
        ],
    ),
    AuditSpec(
        year=0,
        title="Finanse i budżet",
        when="planned",
        status=PLANNED,
        processes=["P-14"],
        units=["WF"],
        lead="audytor2",
        team=["coordinator"],
        auditees="Skarbnik Miasta; Naczelnik Wydziału Finansowego",
        places=f"{TOWN_HALL}, Wydział Finansowy, pok. 220",
        scope="Planowanie i wykonanie budżetu, kontrola wydatków, kasa Urzędu. Audytor "
        "wewnętrzny z Wydziału Finansowego nie wchodzi w skład zespołu.",
        documents="IN-06 Instrukcja kontroli wydatków budżetowych; IN-09",
        clauses=["7.1.3", "8.1", "6.1", "7.5.3", "9.1.1", "4.4"],
    ),
    AuditSpec(
        year=0,
        title="Nadzór nad dokumentacją — audyt sprawdzający",
        when="unscheduled",
        status=PLANNED,
        processes=["P-16"],
        units=["BPI"],
        lead="audytor2",
        team=["auditor"],
        auditees="Pracownicy Biura Pełnomocnika ds. ISO",
        places=TOWN_HALL,
        scope="Nadzór nad dokumentacją po wdrożeniu portalu SZJ (elektroniczny rejestr "
        "dokumentów, potwierdzenia zapoznania się).",
        documents="PR-01; KJ",
        clauses=[],
    ),
]
