"""What the auditors noted under conforming answers to the starter questions, by clause."""

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
