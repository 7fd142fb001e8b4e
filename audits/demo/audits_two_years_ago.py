"""The demo's audits of the year before last: all closed."""

from .specs import (
    CLOSED,
    IMPROVEMENT,
    MAJOR,
    MINOR,
    OBSERVATION,
    TOWN_HALL,
    ActionSpec,
    AuditSpec,
    FindingSpec,
)

AUDITS = [
    AuditSpec(
        year=-2,
        title="Nadzór nad udokumentowaną informacją",
        when=(3, 12, 13),
        status=CLOSED,
        processes=["P-16"],
        units=["BPI", "WO", "WPO"],
        lead="auditor",
        team=["audytor2"],
        auditees="Naczelnik Wydziału Organizacyjnego; pracownicy Biura Pełnomocnika ds. ISO; "
        "kierownik referatu Wydziału Podatków i Opłat",
        places=f"{TOWN_HALL}, pok. 101, 112 i 205",
        scope="Tworzenie, zatwierdzanie i wycofywanie dokumentów SZJ; dostępność obowiązujących "
        "wydań na stanowiskach pracy; nadzór nad zapisami.",
        documents="KJ; PR-01 Procedura nadzoru nad udokumentowaną informacją; IN-01",
        clauses=["7.5", "4.4", "7.3", "7.4", "10.2"],
        findings=[
            FindingSpec(
                MINOR,
                "7.5.3",
                "P-16",
                "PN-EN ISO 9001:2015 pkt 7.5.3.1 a); PR-01 pkt 5.4: w komórkach używa się "
                "wyłącznie obowiązujących wydań dokumentów.",
                "W Wydziale Podatków i Opłat używano formularza F-06 „Rejestr skarg i "
                "wniosków” w wydaniu 2, choć od stycznia obowiązuje wydanie 3.",
                "Wydruki formularza w segregatorze na stanowisku przyjmowania wniosków (pok. "
                "112); wykaz dokumentów obowiązujących z dnia audytu; rozmowa z inspektorem WPO.",
                starter="obowiązujących wersji",
                question="Czy w komórkach używane są wyłącznie obowiązujące wydania formularzy?",
                actions=[
                    ActionSpec(
                        "closed",
                        "Zmiana PR-01: po publikacji nowego wydania naczelnicy potwierdzają "
                        "usunięcie wydruków poprzednich wydań; przypomnienie w intranecie.",
                        correction="Wycofano z pok. 112 nieaktualne wydruki formularza F-06 w "
                        "dniu audytu.",
                        root_cause="Komórki drukowały formularze na zapas, a PR-01 nie "
                        "przewidywała wycofania wydruków po zmianie wydania.",
                        due=60,
                        implemented=45,
                        verified=90,
                        closed=92,
                        comment="Sprawdzono 6 komórek: używane są wyłącznie obowiązujące wydania "
                        "formularzy; potwierdzenia naczelników w dokumentacji Biura "
                        "Pełnomocnika.",
                    )
                ],
            ),
            FindingSpec(
                OBSERVATION,
                "7.5.2",
                "P-16",
                "PR-01 pkt 4.3: stopka dokumentu zawiera numer wydania i datę zatwierdzenia.",
                "Część instrukcji (IN-02, IN-07) nie ma w stopce daty zatwierdzenia, choć ma "
                "numer wydania.",
                "Wydruki IN-02 wyd. 3 i IN-07 wyd. 2 z rejestru dokumentów.",
                day=1,
            ),
        ],
        conclusions="Nadzór nad udokumentowaną informacją jest skuteczny: dokumenty są "
        "zatwierdzane i publikowane zgodnie z PR-01. Stwierdzono jedną niezgodność małą "
        "(nieaktualne wydruki formularza) i jedną obserwację. Stopień zgodności: wysoki.",
    ),
    AuditSpec(
        year=-2,
        title="Obsługa mieszkańców w Biurze Obsługi Mieszkańców",
        when=(4, 16, 17),
        status=CLOSED,
        processes=["P-04"],
        units=["BOM"],
        lead="audytor2",
        team=["auditor"],
        auditees="Naczelnik Wydziału Organizacyjnego (właściciel procesu); kierownik i "
        "pracownicy Biura Obsługi Mieszkańców",
        places=f"{TOWN_HALL}, sala obsługi mieszkańców (parter)",
        scope="Przyjmowanie wniosków i udzielanie informacji w BOM; warunki obsługi; badanie "
        "satysfakcji mieszkańców.",
        documents="PR-06; IN-03; PR-13; F-05",
        clauses=["8.2", "7.1.4", "9.1.2", "5.1.2", "8.5.1", "7.2", "4.4"],
        questions=[
            (
                "8.2.1",
                "Czy mieszkaniec otrzymuje potwierdzenie złożenia wniosku ze znakiem sprawy?",
                "Obserwacja obsługi 12 mieszkańców: potwierdzenie z EZD wydawane każdorazowo.",
            )
        ],
        findings=[
            FindingSpec(
                MINOR,
                "7.1.4",
                "P-04",
                "pkt 7.1.4; ustawa o zapewnianiu dostępności osobom ze szczególnymi "
                "potrzebami, art. 6; PR-06 pkt 4.2.",
                "Stanowisko nr 1, przeznaczone dla osób z niepełnosprawnościami, było zastawione "
                "(drukarka, kartony); pętla indukcyjna nie działała, a pracownicy nie wiedzieli, "
                "jak ją włączyć.",
                "Oględziny sali obsługi w dniu audytu; rozmowa z dwoma pracownikami BOM; brak "
                "wpisów o przeglądzie pętli w rejestrze usterek.",
                question="Czy stanowisko obsługi osób z niepełnosprawnościami jest dostępne i "
                "sprawne?",
                actions=[
                    ActionSpec(
                        "closed",
                        "Cotygodniowa lista kontrolna wyposażenia sali obsługi prowadzona przez "
                        "kierownika BOM; szkolenie z obsługi pętli indukcyjnej dla pracowników.",
                        correction="Uporządkowano stanowisko nr 1; serwis uruchomił pętlę "
                        "indukcyjną.",
                        root_cause="Nikt nie odpowiadał za sprawdzanie wyposażenia dla osób ze "
                        "szczególnymi potrzebami.",
                        due=45,
                        implemented=30,
                        verified=75,
                        closed=77,
                        comment="Listy kontrolne z 8 tygodni kompletne; pętla sprawna; trzech "
                        "zapytanych pracowników potrafiło ją włączyć.",
                    )
                ],
            ),
            FindingSpec(
                IMPROVEMENT,
                "9.1.2",
                "P-04",
                "pkt 9.1.2; PR-13 Procedura badania satysfakcji klientów.",
                "Ankieta satysfakcji jest dostępna tylko na papierze; ankieta elektroniczna "
                "(kod QR przy stanowiskach) zwiększyłaby liczbę odpowiedzi.",
                "Sprawozdanie Z-04 za ubiegły rok: 212 ankiet przy ok. 38 000 wizyt.",
                day=1,
            ),
        ],
        conclusions="Obsługa mieszkańców w BOM przebiega sprawnie i zgodnie z PR-06; "
        "mieszkańcy otrzymują pełną informację. Niezgodność mała dotyczy warunków obsługi "
        "osób z niepełnosprawnościami. Stopień zgodności: wysoki.",
    ),
    AuditSpec(
        year=-2,
        title="Podatki i opłaty lokalne",
        when=(6, 4, 6),
        status=CLOSED,
        processes=["P-06"],
        units=["WPO"],
        lead="audytor2",
        team=["coordinator"],
        auditees="Naczelnik Wydziału Podatków i Opłat; kierownicy referatów wymiaru i ulg",
        places=f"{TOWN_HALL}, Wydział Podatków i Opłat, pok. 110–118",
        scope="Wymiar podatku od nieruchomości, ulgi i umorzenia, terminowość decyzji.",
        documents="PR-11 Procedura wymiaru i poboru podatków lokalnych; PR-07; IN-09",
        clauses=["8.5.1", "8.1", "8.6", "8.7", "7.1.6", "6.1", "7.2", "9.1.1", "4.4"],
        questions=[
            (
                "8.5.1",
                "Czy decyzje wymiarowe podatku od nieruchomości doręczono przed terminem "
                "płatności pierwszej raty?",
                "Próba 25 decyzji wymiarowych: doręczone w lutym, przed terminem 15 marca.",
            )
        ],
        findings=[
            FindingSpec(
                MAJOR,
                "8.5.1",
                "P-06",
                "pkt 8.5.1; KPA art. 35 i 36; PR-11 pkt 6.",
                "W 9 z 30 sprawdzonych spraw o ulgę w spłacie podatku od nieruchomości decyzję "
                "wydano po terminie z art. 35 KPA, bez zawiadomienia strony o przyczynie zwłoki "
                "i nowym terminie (art. 36 KPA). Niezgodność dotyczy całego I kwartału.",
                "Akta spraw z rejestru EZD (próba 30 spraw z I kwartału); zestawienie terminów z "
                "systemu dziedzinowego; wyjaśnienia kierownika referatu ulg.",
                question="Czy wnioski o ulgi podatkowe są rozpatrywane w terminie?",
                actions=[
                    ActionSpec(
                        "closed",
                        "Ostrzeżenie w systemie dziedzinowym 7 dni przed terminem; tygodniowy "
                        "raport spraw zagrożonych dla naczelnika WPO.",
                        correction="Wysłano zawiadomienia z art. 36 KPA w 4 sprawach wciąż "
                        "otwartych.",
                        root_cause="Dwa etaty nieobsadzone od stycznia; system dziedzinowy nie "
                        "ostrzegał o zbliżającym się terminie.",
                        due=60,
                        implemented=40,
                        verified=100,
                        closed=102,
                        comment="W III kwartale 0 z 35 sprawdzonych spraw po terminie; raporty "
                        "tygodniowe w EZD.",
                    ),
                    ActionSpec(
                        "closed",
                        "Obsadzenie wakatów; zasady zastępstw w referacie ulg dopisane do PR-11.",
                        root_cause="Brak zastępstw przy nieobecności pracowników.",
                        due=90,
                        implemented=85,
                        verified=100,
                        closed=102,
                        comment="Etaty obsadzone; PR-11 wyd. 4 opisuje zastępstwa.",
                    ),
                ],
            ),
            FindingSpec(
                OBSERVATION,
                "7.1.6",
                "P-06",
                "pkt 7.1.6: wiedza organizacji jest zachowywana i dostępna.",
                "Interpretacje przepisów podatkowych są przechowywane w prywatnych folderach "
                "pracowników; przy nieobecności trudno je odnaleźć.",
                "Rozmowy z trzema inspektorami; brak wspólnego katalogu w EZD.",
                day=2,
            ),
        ],
        conclusions="Proces jest opisany i nadzorowany, ale terminowość decyzji w sprawach ulg "
        "w I kwartale była niewystarczająca (niezgodność duża). Stopień zgodności: średni; "
        "zalecany audyt sprawdzający po wdrożeniu działań.",
    ),
    AuditSpec(
        year=-2,
        title="Zamówienia publiczne",
        when=(9, 10, 10),
        status=CLOSED,
        processes=["P-13"],
        units=["BZP"],
        lead="auditor",
        team=["coordinator"],
        auditees="Kierownik i pracownicy Biura Zamówień Publicznych",
        places=f"{TOWN_HALL}, Biuro Zamówień Publicznych, pok. 301",
        scope="Planowanie zamówień, przygotowanie i prowadzenie postępowań, ocena wykonawców.",
        documents="PR-10 Procedura udzielania zamówień publicznych; F-10; EXT-04",
        clauses=["8.4", "8.1", "7.5.3", "6.1", "4.4"],
        questions=[
            (
                "8.1",
                "Czy plan zamówień publicznych na bieżący rok został opublikowany w terminie?",
                "Plan opublikowany w BIP i w Biuletynie Zamówień Publicznych 28 stycznia.",
            )
        ],
        findings=[
            FindingSpec(
                OBSERVATION,
                "8.4.1",
                "P-13",
                "pkt 8.4.1: wyniki oceny dostawców są wykorzystywane.",
                "Oceny wykonawców (F-10) sporządzane są po zakończeniu umowy, ale nie są "
                "wykorzystywane przy przygotowaniu kolejnych postępowań.",
                "Pięć kart F-10 z ubiegłego roku; protokoły trzech postępowań.",
            ),
            FindingSpec(
                IMPROVEMENT,
                "8.1",
                "P-13",
                "pkt 8.1; PR-10 pkt 3.",
                "Kwartalny harmonogram w planie zamówień ułatwiłby komórkom złożenie wniosków "
                "na czas.",
                "Plan zamówień na bieżący rok; cztery wnioski komórek złożone po terminie.",
            ),
        ],
        conclusions="Postępowania prowadzone są zgodnie z PR-10 i ustawą; bez niezgodności. "
        "Jedna obserwacja i jedna możliwość doskonalenia. Stopień zgodności: wysoki.",
    ),
    AuditSpec(
        year=-2,
        title="Zarządzanie kadrami i kompetencje pracowników",
        when=(10, 8, 9),
        status=CLOSED,
        processes=["P-12"],
        units=["BK"],
        lead="auditor",
        team=["audytor2"],
        auditees="Naczelnik Wydziału Organizacyjnego (właściciel procesu); kierownik Biura Kadr",
        places=f"{TOWN_HALL}, Biuro Kadr, pok. 208",
        scope="Nabór na stanowiska urzędnicze, plan szkoleń, ocena skuteczności szkoleń, "
        "służba przygotowawcza.",
        documents="PR-09 Procedura naboru na wolne stanowiska urzędnicze; regulamin szkoleń",
        clauses=["7.2", "7.1.6", "7.3", "5.3", "6.2", "4.4"],
        findings=[
            FindingSpec(
                MINOR,
                "7.2",
                "P-12",
                "pkt 7.2 d); Regulamin szkoleń pracowników Urzędu § 8.",
                "Dla 11 z 14 szkoleń zewnętrznych z bieżącego roku brak oceny skuteczności, "
                "choć wymaga jej plan szkoleń.",
                "Rejestr szkoleń Biura Kadr; karty szkoleń 14 pracowników; rozmowa z "
                "kierownikiem Biura Kadr.",
                starter="skuteczność szkoleń",
                question="Czy oceniana jest skuteczność szkoleń pracowników?",
                actions=[
                    ActionSpec(
                        "closed",
                        "Ocena skuteczności włączona do obiegu rozliczenia szkolenia w EZD: bez "
                        "oceny przełożonego szkolenie nie zostaje rozliczone.",
                        correction="Uzupełniono ocenę skuteczności 11 szkoleń.",
                        root_cause="Formularz oceny skuteczności nie był częścią obiegu "
                        "rozliczenia szkolenia.",
                        due=45,
                        implemented=35,
                        verified=60,
                        closed=62,
                        comment="Wszystkie 6 szkoleń rozliczonych po wdrożeniu ma ocenę "
                        "przełożonego.",
                    )
                ],
            ),
            FindingSpec(
                IMPROVEMENT,
                "7.1.6",
                "P-12",
                "pkt 7.1.6.",
                "Baza wiedzy dla nowych pracowników (wprowadzenie stanowiskowe, najczęstsze "
                "sprawy) skróciłaby czas wdrożenia.",
                "Rozmowy z dwoma pracownikami w służbie przygotowawczej.",
                day=1,
            ),
        ],
        conclusions="Nabór i szkolenia prowadzone są zgodnie z przepisami; niezgodność mała "
        "dotyczy oceny skuteczności szkoleń. Stopień zgodności: wysoki.",
    ),
]
