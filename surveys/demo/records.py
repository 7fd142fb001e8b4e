"""The demo's survey as data: the questionnaire the office asks residents, and the comments some
of them leave. The answers themselves are drawn by the loader (a fixed seed: the same every
load), more often good than bad, as the office's real results are."""

QUESTIONNAIRE = {
    "title": "Badanie satysfakcji klientów Urzędu Miejskiego",
    "introduction": (
        "Chcemy wiedzieć, jak oceniają Państwo obsługę w naszym urzędzie. Wypełnienie ankiety "
        "zajmuje około dwóch minut. Wyniki pomagają nam poprawiać jakość usług."
    ),
}

# (group, [questions])
GROUPS = [
    (
        "Wizerunek urzędu",
        [
            "Łatwość znalezienia właściwego pokoju lub stanowiska",
            "Czystość i wygląd pomieszczeń dla klientów",
            "Przydatność informacji na stronie internetowej urzędu",
        ],
    ),
    (
        "Podejście pracowników",
        [
            "Uprzejmość i życzliwość pracowników",
            "Godziny pracy urzędu dogodne dla Państwa",
        ],
    ),
    (
        "Kompetencje",
        [
            "Wiedza pracownika w sprawie, którą Państwo załatwiali",
            "Zrozumiałość udzielonych wyjaśnień i formularzy",
        ],
    ),
    (
        "Terminowość",
        [
            "Czas oczekiwania na obsługę",
            "Załatwienie sprawy w obiecanym terminie",
        ],
    ),
    (
        "Rzetelność",
        [
            "Kompletność udzielonych informacji",
            "Przejrzystość sposobu załatwienia sprawy",
        ],
    ),
    (
        "Dostępność",
        [
            "Dostępność urzędu dla osób z niepełnosprawnościami",
            "Możliwość załatwienia sprawy przez internet (ePUAP, e-mail)",
        ],
    ),
]

# (year: offset from the current year, responses): last year's survey, closed, and this year's,
# open all year. Each is named for its year, and its short address is the year: /ankieta/2026/.
CAMPAIGN_NAME = "Badanie satysfakcji klientów {year}"
CAMPAIGNS = [(-1, 320), (0, 240)]

# Last year's results are published on the quality page, with the coordinator's conclusions.
PUBLISHED_OFFSET = -1
CONCLUSIONS = (
    "Zdecydowana większość mieszkańców ocenia obsługę w urzędzie dobrze lub bardzo dobrze. "
    "Najwyżej ocenili uprzejmość pracowników i ich wiedzę w załatwianych sprawach.\n\n"
    "Najwięcej uwag dotyczyło czasu oczekiwania w Wydziale Komunikacji, mylącego oznakowania "
    "pokoi na drugim piętrze oraz strony internetowej, która źle wyświetla się na telefonie.\n\n"
    "W tym roku wprowadzimy internetową rezerwację wizyt w Wydziale Komunikacji, odnowimy "
    "oznakowanie pięter i pokoi, a stronę urzędu dostosujemy do telefonów. Czy te zmiany "
    "pomogły, sprawdzimy w kolejnym badaniu."
)

COMMENTS = [
    "Bardzo miła obsługa w Biurze Obsługi Mieszkańców, wszystko załatwione od ręki.",
    "Długo czekałem w kolejce do Wydziału Komunikacji, przydałby się system rezerwacji wizyt.",
    "Pani w okienku cierpliwie wytłumaczyła, jak wypełnić wniosek. Dziękuję!",
    "Brakuje miejsc parkingowych przy urzędzie.",
    "Strona internetowa jest nieczytelna na telefonie, trudno znaleźć formularze.",
    "Sprawa załatwiona szybciej, niż się spodziewałam.",
    "Proszę o więcej ławek w poczekalni na parterze.",
    "Wydział Podatków i Opłat – rzetelna informacja o terminach płatności.",
    "Oznakowanie pokoi na drugim piętrze jest mylące.",
    "Chciałbym móc złożyć więcej wniosków przez ePUAP.",
    "Bardzo dobra obsługa, kompetentni pracownicy.",
    "Godziny otwarcia w czwartki do 17 są bardzo wygodne.",
    "Winda była nieczynna, a z wózkiem trudno wejść na piętro.",
    "Pracownik nie znał odpowiedzi na moje pytanie i odesłał mnie do innego wydziału.",
    "Szybka odpowiedź na e-mail, dziękuję.",
    "Formularze powinny być dostępne także w wersji do wypełnienia na komputerze.",
    "Urzędnik był uprzejmy, ale decyzję otrzymałem dopiero po terminie.",
    "W Urzędzie Stanu Cywilnego panuje bardzo przyjazna atmosfera.",
    "Za mało stanowisk w BOM w poniedziałki rano.",
    "Wszystko w porządku, tak trzymać.",
    "Automat z biletami kolejkowymi często się zawiesza.",
    "Dziękuję za pomoc w wypełnieniu deklaracji śmieciowej.",
    "Przydałaby się informacja o stanie sprawy wysyłana SMS-em.",
    "Pani z Wydziału Architektury i Budownictwa bardzo dokładnie wszystko sprawdziła.",
    "Trudno dodzwonić się do wydziału, telefon ciągle zajęty.",
    "Czysto i schludnie, miła obsługa.",
    "Na stronie brakuje aktualnej listy wymaganych dokumentów.",
    "Doceniam możliwość umówienia wizyty przez internet.",
    "Za długi czas oczekiwania na wydanie prawa jazdy.",
    "Pracownicy kompetentni, ale informacje w internecie są nieaktualne.",
]
