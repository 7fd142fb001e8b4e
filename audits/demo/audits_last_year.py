"""The demo's audits of last year: closed, one of them with nonconformities still open."""

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
        year=-1,
        title="Zarządzanie strategiczne, ryzyko i doskonalenie SZJ",
        when=(3, 11, 12),
        status=CLOSED,
        processes=["P-01", "P-02", "P-03"],
        units=["BPI", "WO"],
        lead="audytor2",
        team=["auditor"],
        auditees="Pełnomocnik Prezydenta Miasta ds. ISO; Sekretarz Miasta; pracownicy Biura "
        "Pełnomocnika ds. ISO",
        places=f"{TOWN_HALL}, Biuro Pełnomocnika ds. ISO, pok. 101; sala narad",
        scope="Kontekst organizacji, polityka i cele jakościowe, zarządzanie ryzykiem, "
        "przegląd zarządzania, program audytów, doskonalenie.",
        documents="KJ; PJ; CJ; PR-02; PR-03; PR-04; PR-05; Z-01; Z-03",
        clauses=["4.1", "4.2", "4.3", "5.1.1", "6.1", "6.2", "6.3", "9.2", "9.3", "10.2", "10.3"],
        findings=[
            FindingSpec(
                OBSERVATION,
                "6.1",
                "P-03",
                "pkt 6.1; PR-05 pkt 5.2: przegląd ryzyk co najmniej raz w roku.",
                "Przegląd ryzyk trzech z szesnastu procesów wykonano 1–2 miesiące po terminie z "
                "rejestru Z-03.",
                "Rejestr ryzyk i szans Z-03; karty ryzyka F-07 procesów P-07, P-09 i P-13.",
            ),
            FindingSpec(
                IMPROVEMENT,
                "9.3",
                "P-01",
                "pkt 9.3.2.",
                "Dane wejściowe do przeglądu zarządzania można zestawiać wprost z portalu SZJ "
                "zamiast z sześciu arkuszy.",
                "Protokół Z-01 z ostatniego przeglądu zarządzania i jego załączniki.",
                day=1,
            ),
        ],
        conclusions="Procesy zarządcze są skuteczne: kontekst, polityka i cele są aktualne, "
        "przegląd zarządzania obejmuje wymagane dane. Bez niezgodności. Stopień zgodności: "
        "wysoki.",
    ),
    AuditSpec(
        year=-1,
        title="Rejestracja pojazdów i prawa jazdy",
        when=(4, 8, 9),
        status=CLOSED,
        processes=["P-07"],
        units=["WK"],
        lead="auditor",
        team=["coordinator"],
        auditees="Naczelnik Wydziału Komunikacji; kierownicy referatów rejestracji pojazdów i "
        "uprawnień do kierowania",
        places="Wydział Komunikacji, ul. Bytomska 7, sala obsługi i pok. 12",
        scope="Rejestracja pojazdów, wydawanie praw jazdy, druki ścisłego zarachowania, "
        "informacja dla klientów.",
        documents="PR-12 Procedura rejestracji pojazdów; IN-04; IN-10; F-08",
        clauses=["8.2", "8.5", "8.6", "7.1.3", "7.5.3", "4.4"],
        findings=[
            FindingSpec(
                MINOR,
                "8.2.1",
                "P-07",
                "pkt 8.2.1 a); PR-12 pkt 3; wzór karty usługi F-08.",
                "Karta usługi „Rejestracja pojazdu sprowadzonego z UE” w BIP podawała "
                "nieaktualną wysokość opłaty za tablice rejestracyjne.",
                "Wydruk karty usługi z BIP z dnia audytu; rozporządzenie w sprawie wysokości "
                "opłat; dwa pokwitowania z kasy.",
                question="Czy karty usług Wydziału Komunikacji podają aktualne opłaty?",
                actions=[
                    ActionSpec(
                        "closed",
                        "Każda karta usługi ma pracownika odpowiedzialnego; przegląd kart po "
                        "każdej zmianie przepisów i raz na kwartał.",
                        correction="Kartę usługi w BIP poprawiono w dniu audytu.",
                        root_cause="Nikt nie odpowiadał za przegląd kart usług po zmianie "
                        "przepisów.",
                        due=30,
                        implemented=21,
                        verified=50,
                        closed=52,
                        comment="Sprawdzono 14 kart usług WK w BIP: opłaty aktualne; wykaz "
                        "osób odpowiedzialnych zatwierdzony przez naczelnika.",
                    )
                ],
            ),
        ],
        conclusions="Proces przebiega sprawnie, druki ścisłego zarachowania są nadzorowane. "
        "Niezgodność mała dotyczy aktualności karty usługi. Stopień zgodności: wysoki.",
    ),
    AuditSpec(
        year=-1,
        title="Rejestracja stanu cywilnego",
        when=(5, 20, 20),
        status=CLOSED,
        processes=["P-08"],
        units=["USC"],
        lead="auditor",
        team=["coordinator"],
        auditees="Kierownik Urzędu Stanu Cywilnego; zastępca kierownika",
        places="Urząd Stanu Cywilnego, ul. Wolności 290; rozmowa z zastępcą kierownika zdalnie "
        "(wideokonferencja)",
        scope="Sporządzanie aktów stanu cywilnego, wydawanie odpisów, warunki obsługi.",
        documents="IN-05 Instrukcja sporządzania aktów stanu cywilnego",
        clauses=["8.5", "8.6", "7.1.4", "7.2", "9.1.1", "8.4", "4.4"],
        not_applicable=("8.4",),
        findings=[
            FindingSpec(
                OBSERVATION,
                "7.1.4",
                "P-08",
                "pkt 7.1.4; ustawa o zapewnianiu dostępności osobom ze szczególnymi "
                "potrzebami, art. 6.",
                "Sala ślubów i poczekalnia nie mają oznaczeń w alfabecie Braille'a; tablice "
                "informacyjne są tylko przy wejściu głównym.",
                "Oględziny budynku USC w dniu audytu.",
            ),
        ],
        conclusions="Akty stanu cywilnego sporządzane są terminowo i zgodnie z IN-05; bez "
        "niezgodności. Stopień zgodności: wysoki.",
    ),
    AuditSpec(
        year=-1,
        title="Wydawanie decyzji administracyjnych oraz skargi i wnioski",
        when=(9, 15, 17),
        status=CLOSED,
        processes=["P-05", "P-11"],
        units=["WO", "WAB"],
        lead="auditor",
        team=["audytor2"],
        auditees="Naczelnik Wydziału Organizacyjnego (właściciel procesów); Naczelnik Wydziału "
        "Architektury i Budownictwa; pracownicy stanowiska ds. skarg i wniosków",
        places=f"{TOWN_HALL}, pok. 204 i 206; Wydział Architektury i Budownictwa, pok. 310",
        scope="Terminowość i poprawność decyzji administracyjnych; przyjmowanie, rejestrowanie "
        "i rozpatrywanie skarg i wniosków.",
        documents="PR-07 Procedura wydawania decyzji administracyjnych; PR-08 Procedura "
        "rozpatrywania skarg i wniosków; IN-01; F-06; EXT-02",
        clauses=["8.5.1", "8.6", "8.7", "7.5.3", "9.1.3", "10.2", "4.4"],
        evidence={
            "10.2": "Pierwszy audyt tych procesów w cyklu certyfikacji; działania po skargach "
            "mieszkańców z I półrocza opisane w rejestrze F-06 i zamknięte.",
        },
        findings=[
            FindingSpec(
                MAJOR,
                "8.5.1",
                "P-11",
                "pkt 8.5.1; KPA art. 36 i 237; PR-08 pkt 5.",
                "14 z 40 skarg z I półrocza rozpatrzono po upływie miesiąca (art. 237 § 1 KPA), "
                "w 9 z nich bez zawiadomienia o nowym terminie; problem powtarza się w kilku "
                "komórkach.",
                "Rejestr skarg i wniosków F-06 za I półrocze; akta 40 skarg; wyjaśnienia "
                "naczelnika Wydziału Organizacyjnego.",
                question="Czy skargi są rozpatrywane w terminie z art. 237 KPA?",
                actions=[
                    ActionSpec(
                        "not_effective",
                        "Rejestr skarg w EZD z terminem liczonym od daty wpływu i przypomnieniem "
                        "7 dni przed terminem.",
                        correction="Zawiadomiono skarżących w 3 sprawach nadal otwartych.",
                        root_cause="Skargi przekazywane między komórkami tracą datę wpływu; "
                        "rejestr F-06 prowadzony ręcznie.",
                        due=45,
                        implemented=40,
                        verified=80,
                        comment="W październiku i listopadzie 3 z 12 skarg rozpatrzono po "
                        "terminie: przypomnienie nie obejmuje skarg przekazanych z innych organów "
                        "(art. 231 KPA). Działanie nieskuteczne, potrzebne rozszerzenie "
                        "rejestru.",
                    )
                ],
            ),
            FindingSpec(
                MINOR,
                "7.5.3",
                "P-05",
                "pkt 7.5.3; Instrukcja kancelaryjna IN-01 pkt 12.",
                "W 3 z 20 sprawdzonych akt spraw decyzyjnych brak zwrotnego potwierdzenia "
                "odbioru decyzji, więc nie można ustalić dnia, w którym stała się ostateczna.",
                "Akta 20 spraw z WAB i WO (znaki spraw w notatkach audytora).",
                starter="akta spraw",
                question="Czy akta spraw decyzyjnych zawierają potwierdzenia doręczenia?",
                day=1,
                actions=[
                    ActionSpec(
                        "open",
                        "Skanowanie zwrotnych potwierdzeń odbioru w kancelarii i dołączanie ich "
                        "do sprawy w EZD.",
                        correction="Wystąpiono do operatora pocztowego o potwierdzenia w 3 "
                        "sprawach.",
                        root_cause="Potwierdzenia odbioru wracają do kancelarii ogólnej i nie "
                        "zawsze trafiają do akt sprawy.",
                        due=60,
                    )
                ],
            ),
            FindingSpec(
                IMPROVEMENT,
                "8.7",
                "P-05",
                "pkt 8.7; KPA art. 113.",
                "Wspólny dla wydziałów rejestr sprostowań omyłek w decyzjach pozwoliłby "
                "analizować powtarzające się błędy.",
                "Postanowienia o sprostowaniu w 5 sprawach z trzech wydziałów.",
                day=2,
            ),
        ],
        conclusions="Decyzje są wydawane przez osoby upoważnione i poprawne merytorycznie, ale "
        "terminowość rozpatrywania skarg jest niewystarczająca (niezgodność duża), a akta nie "
        "zawsze zawierają potwierdzenie doręczenia (niezgodność mała). Stopień zgodności: "
        "średni.",
        closing_note="Audyt zamknięto, choć obie niezgodności są otwarte: działanie do "
        "niezgodności nr 1 okazało się nieskuteczne i właściciel procesu przygotowuje nowe, a "
        "termin działania do niezgodności nr 2 minął. Oba działania monitoruje Pełnomocnik; "
        "ich skuteczność sprawdzi audyt sprawdzający procesów P-11 i P-04 ujęty w programie "
        "na kolejny rok.",
    ),
    AuditSpec(
        year=-1,
        title="Planowanie przestrzenne i budownictwo",
        when=(10, 6, 7),
        status=CLOSED,
        processes=["P-09"],
        units=["WAB"],
        lead="audytor2",
        team=["auditor"],
        auditees="Naczelnik Wydziału Architektury i Budownictwa; Architekt Miasta",
        places=f"{TOWN_HALL}, Wydział Architektury i Budownictwa, pok. 305–312",
        scope="Pozwolenia na budowę, decyzje o warunkach zabudowy, kompletność wniosków.",
        documents="PR-07; karty usług WAB",
        clauses=["8.1", "8.2.3", "8.5.1", "7.1.6", "6.1", "9.1.1", "7.5.3", "4.4"],
        questions=[
            (
                "8.6",
                "Czy decyzje o warunkach zabudowy są uzgadniane z Architektem Miasta przed "
                "podpisaniem?",
                "Sprawdzono 8 decyzji: uzgodnienia Architekta Miasta w aktach sprawy.",
            )
        ],
        findings=[
            FindingSpec(
                MINOR,
                "8.2.3",
                "P-09",
                "pkt 8.2.3; KPA art. 64 § 2; Prawo budowlane art. 35.",
                "W 4 z 15 spraw o pozwolenie na budowę wezwanie do uzupełnienia braków wysłano "
                "ponad 30 dni po wpływie wniosku.",
                "Akta 15 spraw z III kwartału; daty z EZD.",
                question="Czy kompletność wniosków o pozwolenie na budowę jest sprawdzana "
                "niezwłocznie po wpływie?",
                actions=[
                    ActionSpec(
                        "closed",
                        "Lista sprawdzająca kompletności wniosku wypełniana w ciągu 7 dni od "
                        "wpływu; cotygodniowy przegląd wniosków przez kierownika referatu.",
                        correction="Wysłano wezwania w 2 sprawach oczekujących.",
                        root_cause="Wnioski czekały w kolejce do pracownika prowadzącego, bez "
                        "wstępnej weryfikacji.",
                        due=40,
                        implemented=30,
                        verified=55,
                        closed=57,
                        comment="W próbie 12 spraw z listopada wezwania wysłane w ciągu 7 dni.",
                    )
                ],
            ),
            FindingSpec(
                OBSERVATION,
                "6.1",
                "P-09",
                "pkt 6.1; PR-05.",
                "Ryzyko odejścia pracowników z uprawnieniami budowlanymi nie jest ujęte w karcie "
                "ryzyka procesu.",
                "Karta ryzyka F-07 procesu P-09; rozmowa z naczelnikiem.",
                day=1,
            ),
        ],
        conclusions="Proces jest realizowany zgodnie z przepisami; niezgodność mała dotyczy "
        "terminu wezwań do uzupełnienia wniosków. Stopień zgodności: wysoki.",
    ),
]
