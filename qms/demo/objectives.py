"""The demo's quality objectives (ISO 9001 6.2): this year's, approved by the mayor (the `manager`
account), judged by the process measures of the demo's cards; and last year's, evaluated.

Each objective: title, plan, (process code, measure name) or None, direction, target, unit,
baseline, responsible (a demo account), resources, deadline as (years after the objective's
year, month, day), how it is evaluated, and for last year (result, evaluation). With the demo's
values, loaded late in a year this year's objectives show every status: met, on track, at risk,
missed and no data.
"""

from qms.models import Achievement, Direction

GTE, LTE = Direction.AT_LEAST, Direction.AT_MOST
END_OF_YEAR = (0, 12, 31)
END_OF_MARCH_AFTER = (1, 3, 31)

THIS_YEAR = [
    (
        "Sprawy załatwiane w terminie KPA na poziomie co najmniej 97 %",
        "Cotygodniowy przegląd spraw bliskich terminu w EZD; zastępstwa na czas urlopów.",
        ("P-05", "Sprawy załatwione w terminie KPA"),
        GTE, "97", "%", "96.5", "owner",
        "Raport terminowości z EZD; czas pracy kierowników wydziałów.",
        END_OF_YEAR,
        "Odczyt miernika P-05 za IV kwartał; analiza spraw po terminie.",
    ),
    (
        "Wskaźnik zadowolenia klientów Biura Obsługi co najmniej 96 %",
        "Nowy system kolejkowy, szkolenie z obsługi trudnego klienta, ankieta w BOM.",
        ("P-04", "Klienci zadowoleni z obsługi"),
        GTE, "96", "%", "93", "owner",
        "Budżet na system kolejkowy; szkolenie zewnętrzne dla 12 osób.",
        END_OF_MARCH_AFTER,
        "Badanie satysfakcji klientów (ankieta mieszkańców) za II półrocze.",
    ),
    (
        "Średni czas oczekiwania na obsługę nie dłuższy niż 8 minut",
        "Dodatkowe stanowisko w godzinach szczytu; rezerwacja wizyt przez internet.",
        ("P-04", "Średni czas oczekiwania na obsługę"),
        LTE, "8", "min", "11", "owner",
        "Jedno stanowisko obsługi; moduł rezerwacji w systemie kolejkowym.",
        END_OF_YEAR,
        "Dane z systemu kolejkowego, średnia kwartalna.",
    ),
    (
        "Skargi rozpatrywane w terminie: 100 % do końca I półrocza",
        "Rejestr skarg z przypomnieniami o terminach; wzory odpowiedzi.",
        ("P-11", "Skargi rozpatrzone w terminie"),
        GTE, "100", "%", "95", "owner",
        "Czas pracy Biura Rady i radców prawnych.",
        (0, 6, 30),
        "Rejestr skarg i wniosków, stan na 30 czerwca.",
    ),
    (
        "Dostępność kluczowych systemów informatycznych co najmniej 99,9 %",
        "Zapasowe łącze internetowe i monitoring serwerów przez całą dobę.",
        ("P-15", "Dostępność kluczowych systemów"),
        GTE, "99.9", "%", "99.6", "coordinator",
        "Umowa na drugie łącze; system monitoringu.",
        END_OF_YEAR,
        "Raport dostępności z systemu monitoringu, miesięcznie.",
    ),
    (
        "Udział spraw wszczynanych elektronicznie co najmniej 40 %",
        "Nowe formularze na ePUAP i w Elektronicznym Biurze Obsługi; akcja informacyjna.",
        None,
        GTE, "40", "%", "31", "coordinator",
        "Wdrożenie formularzy przez dostawcę EZD; materiały informacyjne.",
        END_OF_MARCH_AFTER,
        "Zestawienie z EZD: sprawy wszczęte elektronicznie do wszystkich spraw, za cały rok.",
    ),
]  # fmt: skip

LAST_YEAR = [
    (
        "Sprawy załatwiane w terminie KPA na poziomie co najmniej 96 %",
        "Przegląd spraw bliskich terminu w EZD raz w miesiącu.",
        ("P-05", "Sprawy załatwione w terminie KPA"),
        GTE, "96", "%", "95", "owner",
        "Raport terminowości z EZD.",
        END_OF_YEAR,
        "Odczyt miernika P-05 za IV kwartał.",
        Achievement.YES,
        "Cel osiągnięty: 96,5 % spraw w IV kwartale; utrzymać przegląd spraw w kolejnym roku.",
    ),
    (
        "Co najmniej 80 % pracowników przeszkolonych w roku",
        "Plan szkoleń wydziałów; szkolenia wewnętrzne z KPA i RODO.",
        ("P-12", "Pracownicy przeszkoleni w roku"),
        GTE, "80", "%", "78", "owner",
        "Budżet szkoleniowy; trenerzy wewnętrzni.",
        END_OF_YEAR,
        "Ewidencja szkoleń Wydziału Organizacyjnego.",
        Achievement.YES,
        "Przeszkolono 86 % pracowników; szkolenia z RODO objęły wszystkie wydziały.",
    ),
    (
        "Średni czas oczekiwania na obsługę nie dłuższy niż 8 minut",
        "Rezerwacja wizyt przez internet w Wydziale Komunikacji.",
        ("P-04", "Średni czas oczekiwania na obsługę"),
        LTE, "8", "min", "12", "owner",
        "Moduł rezerwacji w systemie kolejkowym.",
        END_OF_YEAR,
        "Dane z systemu kolejkowego, średnia kwartalna.",
        Achievement.PARTLY,
        "Czas skrócono z 12 do 9 minut; cel przeniesiony na kolejny rok z dodatkowym stanowiskiem.",
    ),
]  # fmt: skip
