"""The context of the organisation (ISO 9001 4.1–4.3) as a city hall would write it: its issues,
the interested parties, the climate statement and the scope with the 8.3 exclusion. Invented for
the demo. Each entry names how many months ago it was last reviewed: those past twelve show the
"review due" flag."""

# kind, category, issue, what it means for the QMS and what the office does, process, months ago
ISSUES = [
    # Internal issues
    (
        "internal",
        "organisational",
        "Odejścia doświadczonych pracowników na emeryturę w wydziałach obsługi mieszkańców.",
        "Ryzyko utraty wiedzy i dłuższych terminów spraw. Urząd planuje następstwo stanowisk, "
        "spisuje instrukcje stanowiskowe i wyznacza zastępców z wyprzedzeniem.",
        "P-12",
        2,
    ),
    (
        "internal",
        "organisational",
        "Trudność w pozyskaniu specjalistów (informatyków, urbanistów) przy płacach budżetówki.",
        "Nieobsadzone etaty wydłużają sprawy budowlane. Urząd korzysta z dodatków zadaniowych, "
        "staży i współpracy z Politechniką Śląską.",
        "P-12",
        14,
    ),
    (
        "internal",
        "technological",
        "Rozproszone systemy dziedzinowe (podatki, ewidencja ludności, EZD) słabo ze sobą "
        "zintegrowane.",
        "Dane przepisuje się ręcznie, co rodzi pomyłki. Plan informatyzacji na lata 2026–2028 "
        "przewiduje wspólną szynę danych i jeden rejestr klientów.",
        "P-15",
        5,
    ),
    (
        "internal",
        "organisational",
        "Kultura organizacyjna nastawiona na procedury bardziej niż na klienta.",
        "Szkolenia z obsługi klienta, ankieta satysfakcji mieszkańców i omawianie jej wyników "
        "na naradach kierownictwa.",
        "P-04",
        8,
    ),
    (
        "internal",
        "economic",
        "Ograniczony budżet na utrzymanie budynków urzędu i modernizację stanowisk pracy.",
        "Priorytety remontów ustala się z oceną ryzyka; dostępność dla osób z "
        "niepełnosprawnościami ma pierwszeństwo.",
        "P-14",
        13,
    ),
    (
        "internal",
        "technological",
        "Przejście na elektroniczne zarządzanie dokumentacją (EZD RP) jako podstawowy sposób "
        "prowadzenia spraw.",
        "Zmiana instrukcji kancelaryjnej, szkolenia wszystkich wydziałów i nadzór nad "
        "dokumentacją w procesie P-16.",
        "P-16",
        3,
    ),
    (
        "internal",
        "organisational",
        "Dobra znajomość przepisów i wieloletnie doświadczenie z systemem zarządzania jakością "
        "(certyfikat od 2008 r.).",
        "Szansa: audytorzy wewnętrzni z doświadczeniem wspierają nowe komórki i uczą podejścia "
        "procesowego.",
        "P-02",
        6,
    ),
    (
        "internal",
        "social",
        "Obciążenie pracowników punktów obsługi w szczycie (terminy podatkowe, rejestracja "
        "pojazdów).",
        "Rezerwacja wizyt przez internet, dodatkowe stanowiska w marcu i wrześniu, monitoring "
        "czasu oczekiwania.",
        "P-07",
        15,
    ),
    # External issues
    (
        "external",
        "political_legal",
        "Częste zmiany przepisów (KPA, prawo budowlane, ustawa o podatkach i opłatach lokalnych).",
        "Wydział Organizacyjny śledzi Dziennik Ustaw; właściciele procesów aktualizują "
        "procedury w ciągu miesiąca od zmiany.",
        "P-05",
        4,
    ),
    (
        "external",
        "economic",
        "Spadające dochody własne gminy i rosnące koszty energii.",
        "Wieloletnia prognoza finansowa zakłada oszczędności; umowy na energię zawiera się w "
        "grupie zakupowej gmin.",
        "P-14",
        7,
    ),
    (
        "external",
        "social",
        "Starzenie się mieszkańców Zabrza i wyludnianie się miasta.",
        "Więcej spraw załatwianych telefonicznie i z pomocą w urzędzie; przystępny język pism "
        "i stron.",
        "P-04",
        16,
    ),
    (
        "external",
        "technological",
        "Rosnące oczekiwania mieszkańców co do spraw załatwianych przez internet (ePUAP, "
        "mObywatel).",
        "Rozszerzanie e-usług i formularzy elektronicznych; pomiar udziału spraw wszczętych "
        "elektronicznie.",
        "P-15",
        2,
    ),
    (
        "external",
        "technological",
        "Zagrożenia cyberbezpieczeństwa: wyłudzenia, ataki na skrzynki pocztowe i systemy "
        "dziedzinowe.",
        "Zgodność z ustawą o krajowym systemie cyberbezpieczeństwa, szkolenia, kopie zapasowe i "
        "plan ciągłości działania.",
        "P-15",
        9,
    ),
    (
        "external",
        "environmental",
        "Fale upałów i nawalne deszcze w mieście o dużej powierzchni uszczelnionej; szkody "
        "górnicze.",
        "Plan adaptacji do zmian klimatu, procedury na wypadek podtopień, przeglądy budynków "
        "urzędu po burzach.",
        "P-10",
        5,
    ),
    (
        "external",
        "political_legal",
        "Kontrole zewnętrzne (RIO, NIK, wojewoda) i wymogi sprawozdawcze.",
        "Zalecenia pokontrolne trafiają do rejestru działań korygujących i są omawiane w "
        "przeglądzie zarządzania.",
        "P-02",
        11,
    ),
    (
        "external",
        "social",
        "Aktywność organizacji pozarządowych i budżet obywatelski.",
        "Konsultacje społeczne prowadzone według regulaminu; wyniki publikowane w BIP.",
        "P-01",
        14,
    ),
]

# name, their relevant requirements, how the office meets and monitors them, months ago
PARTIES = [
    (
        "Mieszkańcy Zabrza",
        "Sprawy załatwione szybko, zgodnie z prawem i życzliwie; jasna informacja o tym, jak "
        "załatwić sprawę; dostępność urzędu dla osób z niepełnosprawnościami.",
        "Karty usług, terminy z KPA, coroczna ankieta satysfakcji, skargi i wnioski.",
        3,
    ),
    (
        "Przedsiębiorcy",
        "Sprawne decyzje i zezwolenia, przewidywalne podatki i opłaty, kontakt elektroniczny.",
        "Punkt obsługi przedsiębiorców, terminy spraw mierzone w procesie P-05, spotkania z "
        "izbą gospodarczą.",
        6,
    ),
    (
        "Rada Miasta Zabrze",
        "Wykonywanie uchwał, rzetelne sprawozdania, odpowiedzi na interpelacje w terminie.",
        "Rejestr uchwał i interpelacji, sprawozdania z wykonania budżetu.",
        4,
    ),
    (
        "Wojewoda Śląski",
        "Zgodność z prawem zadań zleconych z zakresu administracji rządowej (dowody, USC, "
        "ewidencja ludności).",
        "Nadzór nad zadaniami zleconymi, wykonanie zaleceń pokontrolnych.",
        13,
    ),
    (
        "Regionalna Izba Obrachunkowa w Katowicach",
        "Prawidłowa gospodarka finansowa, terminowe sprawozdania budżetowe.",
        "Kontrola zarządcza, audyt wewnętrzny, wykonanie wniosków pokontrolnych.",
        8,
    ),
    (
        "Najwyższa Izba Kontroli",
        "Legalność, gospodarność, celowość i rzetelność działań urzędu.",
        "Wystąpienia pokontrolne omawiane w przeglądzie zarządzania.",
        14,
    ),
    (
        "Pracownicy urzędu",
        "Bezpieczne warunki pracy, szkolenia, jasny podział zadań, uczciwe wynagrodzenie.",
        "Ocena okresowa, plan szkoleń, komisja BHP, rozmowy z kierownikami.",
        2,
    ),
    (
        "Dostawcy i wykonawcy",
        "Jasne warunki zamówień, terminowe płatności, równe traktowanie.",
        "Regulamin zamówień publicznych, ocena dostawców, terminy płatności monitorowane "
        "przez Wydział Finansowy.",
        7,
    ),
    (
        "Jednostka certyfikująca",
        "Spełnianie wymagań ISO 9001, dostęp do dokumentacji i personelu podczas auditów.",
        "Audity wewnętrzne, przegląd zarządzania, przygotowanie auditów nadzoru.",
        5,
    ),
    (
        "Miejskie jednostki organizacyjne",
        "Jasne zasady współpracy i obiegu dokumentów, terminowe przekazywanie środków.",
        "Porozumienia z jednostkami, narady dyrektorów, wspólne procedury finansowe.",
        15,
    ),
]

CLIMATE = {
    "climate_change_relevant": True,
    "climate_change_reasoning": (
        "Zmiana klimatu jest dla urzędu istotnym zagadnieniem. Coraz częstsze fale upałów "
        "obciążają mieszkańców przychodzących do urzędu i pracowników sal obsługi, nawalne "
        "deszcze grożą podtopieniami w mieście o dużej powierzchni uszczelnionej i terenach "
        "górniczych, a rosnące koszty energii uszczuplają budżet. Urząd uwzględnia te ryzyka "
        "w planie adaptacji do zmian klimatu, w planie ciągłości działania i w planowaniu "
        "remontów budynków."
    ),
    "qms_scope": (
        "System zarządzania jakością obejmuje realizację zadań własnych gminy i powiatu oraz "
        "zadań zleconych z zakresu administracji rządowej przez Urząd Miejski w Zabrzu: obsługę "
        "mieszkańców i przedsiębiorców, wydawanie decyzji administracyjnych, podatki i opłaty "
        "lokalne, rejestrację stanu cywilnego, pojazdów i kierowców, planowanie przestrzenne i "
        "ochronę środowiska, wraz z procesami zarządczymi i wspierającymi. Obejmuje siedzibę "
        "urzędu przy ul. Powstańców Śląskich 5–7 i jego filie w Zabrzu."
    ),
}

EXCLUSIONS = [
    (
        "8.3",
        "Projektowanie i rozwój wyrobów i usług",
        "Urząd nie projektuje usług: ich zakres, tryb i terminy wyznaczają ustawy i akty "
        "prawa miejscowego. Zmiany sposobu świadczenia usług planuje się w procesach, zgodnie "
        "z punktem 6.3 normy.",
    ),
]
