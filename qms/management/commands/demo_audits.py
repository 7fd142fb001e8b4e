"""The demo's internal audits: three yearly programmes, their audits, checklists, findings and
corrective actions, as plain data, and `load_audits()`, which load_demo calls.

The programmes are those of the current year and the two before it (2024–2026 when loaded in
2026): the two past years' audits are closed, the current year has one reported, one in progress
and two planned. The current year's audits are dated from the day of loading, so that the one in
progress is under way today, the planned ones are ahead and the actions due "in three weeks" are
not yet late whenever the demo is loaded.

Everything goes through audits.services in the order people work (create → copy the starter
questions → start → answer → raise findings → report → corrective actions → close); the services
stamp "now", and the stamps are then moved back to the days the story describes. The checklists
copy the starter questions (migration audits/0002) of a few clauses per audit; a clause that is
not there is skipped, and each audit adds questions of its own, so the demo also loads without them.

Idempotent: programmes are keyed by year, audits by (programme, title); an audit already there is
left as it is, with its checklist, findings and actions.
"""

import datetime
import importlib
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, User
from django.utils import timezone

from audits import services
from audits.models import (
    Answer,
    Audit,
    AuditProgramme,
    AuditStatus,
    ChecklistItem,
    Clause,
    CorrectiveAction,
    Finding,
    FindingKind,
    QuestionTemplate,
)
from qms import roles
from qms.models import StaffProfile, today

DAY = datetime.timedelta(days=1)

# A second internal auditor, so that audit teams are realistic. Not a demo account: nobody signs
# in as her (unusable password), she only appears in teams, answers and verifications.
SECOND_AUDITOR = ("audytor2", "Marta", "Kowalczyk", "USC", "Inspektor, audytor wewnętrzny SZJ")

# The starter questions copied into one audit: clauses are taken in the audit's order while the
# total stays within this (a checklist of 8–20 questions with the audit's own).
MAX_TEMPLATE_QUESTIONS = 14

APPROVED_BY = "Prezydent Miasta Zabrze"
STANDARD = "PN-EN ISO 9001:2015-10"

# year offset (0: the current year) -> objectives of the programme
PROGRAMMES = {
    -2: (
        "Potwierdzenie skuteczności SZJ przed audytem ponownej certyfikacji; sprawdzenie "
        "nadzoru nad dokumentacją po zmianie regulaminu organizacyjnego; audyt procesów "
        "obsługi mieszkańców, podatków, zamówień publicznych i kadr."
    ),
    -1: (
        "Audyt procesów zarządczych po ponownej certyfikacji; ocena terminowości załatwiania "
        "spraw i rozpatrywania skarg; objęcie audytem procesów nieaudytowanych w poprzednim "
        "roku cyklu certyfikacji."
    ),
    0: (
        "Sprawdzenie skuteczności działań korygujących z poprzedniego roku (skargi i wnioski, "
        "obsługa mieszkańców); audyt procesów jeszcze nieaudytowanych w cyklu certyfikacji; "
        "przygotowanie do audytu ponownej certyfikacji."
    ),
}


# --- The shape of the data -------------------------------------------------------------------


@dataclass(frozen=True)
class FromToday:
    """A day counted from the day the demo is loaded (negative: before it)."""

    days: int


@dataclass
class ActionSpec:
    # open (due later or, with a due date passed, overdue), implemented, effective,
    # not_effective, closed
    state: str
    action: str
    correction: str = ""
    root_cause: str = ""
    responsible: str = ""  # a username; by default the process owner, else the coordinator
    # Days after the finding was raised, or FromToday(n).
    due: object = 30
    implemented: object = None
    verified: object = None
    closed: object = None
    comment: str = ""  # the auditor's verification


@dataclass
class FindingSpec:
    kind: str
    clause: str
    process: str
    requirement: str
    description: str
    evidence: str
    # The checklist question the finding is raised from: the starter question of its clause
    # containing `starter` (or the only one of its clause, for a nonconformity or an
    # observation); failing that, `question`, added to the audit's checklist; failing that, none
    # (the finding is raised on its own).
    starter: str = ""
    question: str = ""
    day: int = 0  # which day of the audit (0: the first)
    actions: list = field(default_factory=list)


@dataclass
class AuditSpec:
    year: int  # 0: the current year, -1: the year before, ...
    title: str
    # For past years (month, first day of the month, last day of the month); for the current
    # year one of "reported", "in_progress", "planned", "unscheduled" (dated from today).
    when: object
    status: str
    processes: list
    units: list
    lead: str
    team: list
    auditees: str
    places: str
    scope: str
    documents: str  # internal documents among the criteria
    clauses: list  # starter questions of these clauses, in this order of preference
    questions: list = field(default_factory=list)  # (clause, question, evidence) of its own
    not_applicable: tuple = ()  # clause prefixes answered "not applicable"
    evidence: dict = field(default_factory=dict)  # clause -> this audit's note, not EVIDENCE's
    findings: list = field(default_factory=list)
    conclusions: str = ""
    closing_note: str = ""


# --- Evidence for the starter questions, by clause --------------------------------------------

# What the auditor noted under a conforming answer; {process} is the audited process's name,
# {unit} the first audited unit's, {n} a sample size.
EVIDENCE = {
    "4.1": "Analiza kontekstu w Księdze Jakości (rozdz. 3), aktualizowana przy przeglądzie "
    "zarządzania; uwzględnia zmiany przepisów i budżetu miasta.",
    "4.2": "Wykaz stron zainteresowanych w Księdze Jakości z ich wymaganiami; ostatnia "
    "aktualizacja zatwierdzona w protokole z przeglądu zarządzania.",
    "4.3": "Zakres SZJ i wyłączenie pkt 8.3 uzasadnione w Księdze Jakości (rozdz. 2).",
    "4.4": "Karta procesu „{process}” aktualna: właściciel, wejścia, wyjścia, powiązania i "
    "mierniki zgodne z mapą procesów.",
    "5.1.1": "Protokół z przeglądu zarządzania podpisany przez Prezydenta Miasta; decyzje o "
    "zasobach (etaty, szkolenia) ujęte w planie działań.",
    "5.1.2": "Naczelnik wskazał wymagania mieszkańców z ankiet i skarg; działania opisane w karcie "
    "procesu „{process}”.",
    "5.2.2": "Polityka jakości wywieszona w komórce ({unit}) i opublikowana w BIP; {n} zapytanych "
    "pracowników potrafiło ją omówić.",
    "5.3": "Zakresy czynności {n} pracowników (komórka: {unit}) aktualne, podpisane, zgodne z "
    "regulaminem organizacyjnym.",
    "6.1": "Karta ryzyka procesu „{process}” (F-07): ryzyka ocenione, działania zaplanowane, "
    "przegląd w terminie.",
    "6.2": "Cele jakościowe komórki ({unit}) mierzalne i monitorowane kwartalnie; wartości w "
    "karcie procesu „{process}”.",
    "6.3": "Zmiana organizacji pracy w komórce ({unit}) zaplanowana z oceną wpływu na obsługę "
    "mieszkańców (notatka naczelnika).",
    "7.1.3": "Sprzęt i system dziedzinowy (komórka: {unit}) serwisowane; zgłoszenia w systemie "
    "Biura Informatyki zamykane w terminie.",
    "7.1.4": "Oględziny stanowisk obsługi (komórka: {unit}): oznakowanie czytelne, dostęp dla osób "
    "z niepełnosprawnościami zapewniony.",
    "7.1.6": "Wzory pism i interpretacje przepisów we wspólnym katalogu komórki w EZD ({unit}), "
    "dostępne dla zastępujących pracowników.",
    "7.2": "Karty szkoleń {n} pracowników (komórka: {unit}): wymagane kompetencje określone, "
    "szkolenia udokumentowane.",
    "7.3": "{n} zapytanych pracowników (komórka: {unit}) zna cele jakościowe komórki i procedury "
    "procesu.",
    "7.4": "Informacje o SZJ w intranecie i na naradach naczelników; sprawdzono 3 ostatnie "
    "komunikaty.",
    "7.5.2": "Sprawdzono {n} dokumentów procesu „{process}”: oznaczenie, numer wydania i "
    "zatwierdzenie zgodne z PR-01.",
    "7.5.3": "Na stanowiskach pracy (komórka: {unit}) używane są obowiązujące wydania procedur i "
    "formularzy; próba {n} dokumentów.",
    "8.1": "Proces „{process}” realizowany zgodnie z procedurą; kryteria (terminy ustawowe) "
    "określone w karcie procesu.",
    "8.2.1": "Karty usług w BIP i przy stanowiskach aktualne (komórka: {unit}); sprawdzono {n} "
    "kart.",
    "8.2.3": "Kompletność wniosków sprawdzana przy przyjęciu; wezwania do uzupełnienia w aktach "
    "{n} spraw.",
    "8.4": "Ocena dostawców na formularzu F-10; sprawdzono {n} kart oceny i umowy z wymaganiami "
    "jakościowymi.",
    "8.5.1": "Próba {n} spraw z rejestru EZD: sprawy załatwione w terminach KPA.",
    "8.5.2": "Znak sprawy nadawany w EZD; stan {n} spraw odtworzony z systemu bez trudności.",
    "8.5.3": "Dokumenty mieszkańców przechowywane w szafach zamykanych; zwroty potwierdzane "
    "podpisem.",
    "8.6": "Decyzje podpisane przez osoby upoważnione; upoważnienia Prezydenta Miasta w aktach "
    "osobowych.",
    "8.7": "Omyłki w decyzjach prostowane postanowieniem (art. 113 KPA); w próbie {n} spraw brak "
    "błędów bez korekty.",
    "9.1.1": "Mierniki procesu „{process}” zapisywane z ustaloną częstotliwością i porównywane z "
    "celem.",
    "9.1.2": "Wyniki ankiet satysfakcji (Z-04) omówione z pracownikami komórki ({unit}); wnioski w "
    "planie działań.",
    "9.1.3": "Skargi i wnioski dotyczące procesu „{process}” zestawiane kwartalnie.",
    "9.2": "Program audytów realizowany zgodnie z harmonogramem; audytorzy nie audytowali własnych "
    "komórek.",
    "9.3": "Protokół z przeglądu zarządzania (Z-01) obejmuje wszystkie dane wejściowe z pkt 9.3.2; "
    "decyzje realizowane.",
    "10.2": "Działania korygujące z poprzedniego audytu procesu „{process}” zweryfikowane i "
    "zamknięte.",
    "10.3": "Dwa usprawnienia zgłoszone przez pracowników komórki ({unit}) wdrożone w ostatnim "
    "roku.",
    "4": "Sprawdzono dokumentację systemu dotyczącą procesu „{process}”; bez uwag.",
    "5": "Rozmowa z kierownictwem komórki ({unit}); wymagania spełnione.",
    "6": "Sprawdzono planowanie w procesie „{process}”; bez uwag.",
    "7": "Sprawdzono zasoby i dokumentację (komórka: {unit}); bez uwag.",
    "8": "Próba {n} spraw procesu „{process}”; bez uwag.",
    "9": "Sprawdzono monitorowanie procesu „{process}”; bez uwag.",
    "10": "Sprawdzono działania doskonalące procesu „{process}”; bez uwag.",
}
NOT_APPLICABLE = "W procesie „{process}” nie korzysta się z dostawców zewnętrznych."

# --- The audits -------------------------------------------------------------------------------

MAJOR, MINOR = FindingKind.MAJOR, FindingKind.MINOR
OBSERVATION, IMPROVEMENT = FindingKind.OBSERVATION, FindingKind.IMPROVEMENT
CLOSED, REPORTED = AuditStatus.CLOSED, AuditStatus.REPORTED
IN_PROGRESS, PLANNED = AuditStatus.IN_PROGRESS, AuditStatus.PLANNED
TOWN_HALL = "Urząd Miejski w Zabrzu, ul. Powstańców Śląskich 5–7"

AUDITS = [
    # --- Two years ago: all closed ---------------------------------------------------------
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
    # --- Last year: closed, one of them with nonconformities still open -------------------
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
    # --- This year: reported, in progress, planned ------------------------------------------
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


# --- Loading ----------------------------------------------------------------------------------


def _ensure_starter_checklist():
    """The clauses and starter questions of migration 0002, put back if a test emptied the tables.

    Idempotent: the migration's function updates or creates by natural keys.
    """
    from django.apps import apps

    starter = importlib.import_module("audits.migrations.0002_starter_checklist")
    starter.add_clauses_and_questions(apps, None)


def load_audits(*, users, units, processes):
    """Load the programmes and audits; return {"audits": created, "skipped": already there}."""
    _ensure_starter_checklist()
    on = today()
    users = {**users, SECOND_AUDITOR[0]: _second_auditor(units)}
    templates = _TemplateIndex()
    programmes = _load_programmes(on)
    present = set(Audit.objects.values_list("programme__year", "title"))
    created = 0
    for spec in AUDITS:
        programme = programmes[on.year + spec.year]
        if (programme.year, spec.title) in present:
            continue
        _Loader(spec, programme, on, users, units, processes, templates).load()
        created += 1
    return {"audits": created, "skipped": len(AUDITS) - created}


def _second_auditor(units):
    username, first, last, unit, position = SECOND_AUDITOR
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.set([Group.objects.get(name=roles.AUDITOR)])
    StaffProfile.objects.update_or_create(
        user=user, defaults={"unit": units[unit], "position": position}
    )
    return user


def _load_programmes(on):
    programmes = {}
    for offset, objectives in PROGRAMMES.items():
        year = on.year + offset
        approved_on = datetime.date(year - 1, 12, 15)
        programme, created = AuditProgramme.objects.update_or_create(
            year=year,
            defaults={
                "objectives": objectives,
                "approved_on": approved_on,
                "approved_by": APPROVED_BY,
            },
        )
        if created:
            AuditProgramme.objects.filter(pk=programme.pk).update(
                created_at=_at(approved_on - 14 * DAY), updated_at=_at(approved_on, 12)
            )
        programmes[year] = programme
    return programmes


class _TemplateIndex:
    """The clauses and how many active starter questions each has, read once."""

    def __init__(self):
        self.clauses = {clause.number: clause for clause in Clause.objects.all()}
        self.counts = Counter(
            QuestionTemplate.objects.filter(is_active=True).values_list("clause_id", flat=True)
        )

    def clause(self, number):
        """The clause by number, else its nearest parent there (8.5.1 → 8.5 → 8), else None."""
        while number:
            if number in self.clauses:
                return self.clauses[number]
            number = number.rpartition(".")[0]
        return None

    def for_audit(self, numbers):
        """The clauses whose questions an audit copies: each number with its sub-clauses, in
        the given order, while the questions stay within MAX_TEMPLATE_QUESTIONS."""
        chosen, total = [], 0
        for number in numbers:
            group = [
                clause
                for key, clause in self.clauses.items()
                if (key == number or key.startswith(number + ".")) and self.counts[clause.pk]
            ]
            size = sum(self.counts[clause.pk] for clause in group)
            if group and total + size <= MAX_TEMPLATE_QUESTIONS:
                chosen.extend(group)
                total += size
        return chosen


class _Loader:
    """One audit's story, through the services, then dated."""

    def __init__(self, spec, programme, on, users, units, processes, templates):
        self.spec, self.programme, self.on = spec, programme, on
        self.users, self.templates = users, templates
        self.lead = users[spec.lead]
        self.auditors = [self.lead, *(users[name] for name in spec.team)]
        self.coordinator = users["coordinator"]
        self.processes = [processes[code] for code in spec.processes]
        self.process_by_code = processes
        self.units = [units[code] for code in spec.units]
        self.first, self.last, self.month = self._days()

    def _days(self):
        """(first day, last day, planned month); the current year's audits around today."""
        when, on = self.spec.when, self.on
        year = self.programme.year
        if isinstance(when, tuple):
            month, first, last = when
            return datetime.date(year, month, first), datetime.date(year, month, last), month
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if when == "reported":
            first = max(start, on - 35 * DAY)
            last = min(first + DAY, on)
        elif when == "in_progress":
            first = max(start, on - DAY)
            last = max(first, min(on + DAY, end))
        elif when == "planned":
            first = min(on + 21 * DAY, end)
            last = min(first + DAY, end)
        else:  # unscheduled: planned for December, dates not set yet
            return None, None, 12
        return first, last, first.month

    # --- the story ----------------------------------------------------------------------

    def load(self):
        spec = self.spec
        audit = services.audit_create(
            audit=Audit(
                programme=self.programme,
                title=spec.title,
                planned_month=self.month,
                objectives=self._objectives(),
                scope=spec.scope,
                criteria=self._criteria(),
                lead_auditor=self.lead,
                auditees=spec.auditees,
                first_day=self.first,
                last_day=self.last,
                places=spec.places,
                agenda=self._agenda(),
                distribution=self._distribution(),
                conclusions=spec.conclusions if spec.status in (REPORTED, CLOSED) else "",
            ),
            processes=self.processes,
            units=self.units,
            team=[self.users[name] for name in spec.team],
        )
        self.audit = audit
        self.created = _at(self.programme.approved_on + 7 * DAY, 11)
        self.item_stamps, self.finding_stamps, self.action_stamps = {}, {}, {}
        self.last_event = self.created
        if self.first is not None:
            self._prepare_checklist()
        if spec.status != PLANNED:
            services.audit_start(audit=audit, user=self.lead)
            self._answer_and_raise()
        if spec.status in (REPORTED, CLOSED):
            services.audit_report(audit=audit, user=self.lead)
            self.reported = _at(min(self.last + 5 * DAY, self.on), 12)
            self.last_event = max(self.last_event, self.reported)
            for finding, finding_spec in self.findings:
                for action_spec in finding_spec.actions:
                    self._action(finding, action_spec)
        if spec.status == CLOSED:
            services.audit_close(audit=audit, user=self.coordinator, note=spec.closing_note)
            closed_day = timezone.localdate(max(self.last_event, self.reported)) + 3 * DAY
            self.closed = _at(min(closed_day, self.on), 13)
        self._date_everything()

    def _prepare_checklist(self):
        """The starter questions of the audit's clauses, then the audit's own questions; which
        question each finding will be raised from (self.links: finding's index -> item)."""
        chosen = self.templates.for_audit(self.spec.clauses)
        if chosen:
            services.checklist_copy_templates(audit=self.audit, clauses=chosen)
        starters = list(self.audit.checklist.select_related("clause"))
        own = list(self.spec.questions)
        links, asked = {}, {}
        for index, finding in enumerate(self.spec.findings):
            same = [
                item
                for item in starters
                if item.clause
                and item.clause.number == finding.clause
                and item not in links.values()
            ]
            if finding.starter:
                same = [
                    item for item in same if finding.starter.casefold() in item.question.casefold()
                ]
            elif finding.kind == IMPROVEMENT or len(same) != 1:
                same = []
            if same:
                links[index] = same[0]
            elif finding.question:
                asked[finding.question] = index
                own.append((finding.clause, finding.question, None))
        start = max((item.order for item in starters), default=0) + 1
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                audit=self.audit, order=order, clause=self.templates.clause(number), question=text
            )
            for order, (number, text, _evidence) in enumerate(own, start=start)
        )
        self.own_evidence = {text: evidence for _number, text, evidence in own if evidence}
        self.items = list(self.audit.checklist.select_related("clause").order_by("order", "pk"))
        for item in self.items:
            if item.question in asked and item.pk not in {i.pk for i in links.values()}:
                links[asked[item.question]] = item
        self.links = links
        prepared = max(self.created, _at(self.first - 7 * DAY, 9))
        for item in self.items:
            self.item_stamps[item.pk] = {"created_at": prepared, "updated_at": prepared}

    def _answer_and_raise(self):
        spec = self.spec
        answers = {item.pk: self._answer_for(item, n) for n, item in enumerate(self.items)}
        for index, item in self.links.items():
            finding = spec.findings[index]
            answer = {
                MAJOR: Answer.NONCONFORMITY,
                MINOR: Answer.NONCONFORMITY,
                OBSERVATION: Answer.OBSERVATION,
            }.get(finding.kind, Answer.CONFORMING)
            answers[item.pk] = (answer, finding.evidence, finding.day)
        # The audit in progress has answered the questions behind its findings and about half
        # of the others; the rest are still to check.
        to_answer = self.items
        if spec.status == IN_PROGRESS:
            half, behind = len(self.items) // 2, {item.pk for item in self.links.values()}
            to_answer = [item for n, item in enumerate(self.items) if n < half or item.pk in behind]
        for n, item in enumerate(to_answer):
            answer, evidence, day = answers[item.pk]
            auditor = self.auditors[n % len(self.auditors)]
            services.checklist_answer(
                item=item, answer=answer, evidence=evidence, seen_revision=0, user=auditor
            )
            moment = _at(self._audit_day(day), 9 + n % 7, minute=(n * 17) % 60)
            self.item_stamps[item.pk].update(answered_at=moment, updated_at=moment)
            self.last_event = max(self.last_event, moment)
        self.findings = []
        for index, finding_spec in enumerate(spec.findings):
            raised_on = self._audit_day(finding_spec.day)
            finding = services.finding_raise(
                finding=Finding(
                    audit=self.audit,
                    kind=finding_spec.kind,
                    clause=self.templates.clause(finding_spec.clause),
                    process=self.process_by_code[finding_spec.process],
                    requirement=finding_spec.requirement,
                    description=finding_spec.description,
                    evidence=finding_spec.evidence,
                    checklist_item=self.links.get(index),
                    raised_on=raised_on,
                ),
                user=self.lead,
            )
            moment = _at(raised_on, 15)
            self.finding_stamps[finding.pk] = {"created_at": moment, "updated_at": moment}
            self.last_event = max(self.last_event, moment)
            self.findings.append((finding, finding_spec))

    def _answer_for(self, item, n):
        """A conforming (or not applicable) answer with the evidence noted for its clause."""
        number = item.clause.number if item.clause else ""
        if item.question in self.own_evidence:
            return Answer.CONFORMING, self.own_evidence[item.question], n % 2
        context = {
            "process": self.processes[0].name,
            "unit": self.units[0].name,
            "n": 5 + (n * 3) % 11,
        }
        if any(number == p or number.startswith(p + ".") for p in self.spec.not_applicable):
            return Answer.NOT_APPLICABLE, NOT_APPLICABLE.format(**context), 0
        text = None
        while number and text is None:
            text = self.spec.evidence.get(number) or EVIDENCE.get(number)
            number = number.rpartition(".")[0]
        text = text or "Sprawdzono w procesie „{process}”; bez uwag."
        return Answer.CONFORMING, text.format(**context), n % 2

    def _audit_day(self, day):
        """The audit's `day`-th day (0: the first), within its days and not after today."""
        return min(self.first + day * DAY, self.last, self.on)

    def _action(self, finding, spec):
        raised = finding.raised_on
        responsible = self.users[spec.responsible] if spec.responsible else None
        if responsible is None:
            responsible = finding.process.owner or self.coordinator
        action = CorrectiveAction(
            finding=finding,
            correction=spec.correction,
            root_cause=spec.root_cause,
            action=spec.action,
            responsible=responsible,
            due_on=max(self._day(spec.due, raised), raised),
        )
        services.validate_due_date(action)
        action.save()
        # Past events: not before the finding, not after today, each after the one before.
        implemented = verified = closed = None
        if spec.implemented is not None:
            implemented = min(max(self._day(spec.implemented, raised), raised), self.on)
            services.action_implemented(action=action, user=responsible, on=implemented)
        if spec.verified is not None:
            verified = min(max(self._day(spec.verified, raised), implemented), self.on)
            services.action_verify(
                action=action,
                user=self.lead,
                on=verified,
                effective=spec.state != "not_effective",
                comment=spec.comment,
            )
        if spec.closed is not None:
            closed = min(max(self._day(spec.closed, raised), verified), self.on)
            services.action_close(action=action, user=self.coordinator)
        created = _at(min(raised + 5 * DAY, implemented or self.on, self.on), 10)
        created = max(created, _at(raised, 16))
        last = max([created, *(_at(day, 14) for day in (implemented, verified, closed) if day)])
        stamps = {"created_at": created, "updated_at": last}
        if closed:
            stamps["closed_at"] = _at(closed, 14)
        self.action_stamps[action.pk] = stamps
        self.last_event = max(self.last_event, last)

    def _day(self, value, raised):
        if isinstance(value, FromToday):
            return self.on + value.days * DAY
        return raised + value * DAY

    # --- dating -------------------------------------------------------------------------

    def _date_everything(self):
        audit_stamps = {"created_at": self.created, "updated_at": self.last_event}
        if self.spec.status in (REPORTED, CLOSED):
            audit_stamps["reported_at"] = self.reported
        if self.spec.status == CLOSED:
            audit_stamps["closed_at"] = self.closed
            audit_stamps["updated_at"] = max(self.last_event, self.closed)
        Audit.objects.filter(pk=self.audit.pk).update(**audit_stamps)
        for model, stamps in (
            (ChecklistItem, self.item_stamps),
            (Finding, self.finding_stamps),
            (CorrectiveAction, self.action_stamps),
        ):
            if not stamps:
                continue
            rows = list(model.objects.filter(pk__in=stamps))
            names = set()
            for row in rows:
                for name, value in stamps[row.pk].items():
                    setattr(row, name, value)
                    names.add(name)
            model.objects.bulk_update(rows, sorted(names))

    # --- texts --------------------------------------------------------------------------

    def _objectives(self):
        names = ", ".join(f"„{process.name}”" for process in self.processes)
        noun = "procesów" if len(self.processes) > 1 else "procesu"
        return (
            f"Ocena zgodności {noun} {names} z wymaganiami normy {STANDARD} i dokumentacji SZJ "
            "oraz skuteczności ich realizacji; wskazanie możliwości doskonalenia."
        )

    def _criteria(self):
        numbers = ", ".join(self.spec.clauses) or "4–10"
        return f"{STANDARD}, pkt {numbers}; {self.spec.documents}"

    def _agenda(self):
        if self.first is None:
            return ""
        unit = self.units[0].name
        lines = [f"{self.first:%d.%m.%Y} 9:00 — spotkanie otwierające ({unit})"]
        day = self.first
        while day <= self.last:
            lines.append(f"{day:%d.%m.%Y} 9:30–14:00 — rozmowy, przegląd dokumentów i zapisów")
            day += DAY
        lines.append(f"{self.last:%d.%m.%Y} 14:00 — spotkanie zamykające, wstępne ustalenia")
        return "\n".join(lines)

    def _distribution(self):
        return "; ".join(
            ["Prezydent Miasta Zabrze", "Sekretarz Miasta", "Pełnomocnik ds. SZJ"]
            + [unit.name for unit in self.units]
        )


def _at(day, hour=10, minute=0):
    """An aware moment on `day` in the office's time zone, never later than now."""
    moment = datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )
    return min(moment, timezone.now())
