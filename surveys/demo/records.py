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

# The comments residents leave: (the unit they are about, or None; how the resident rated the
# office: "+" well, "-" badly, "~" in between; the comment). A response carrying a comment is
# about that unit, and its scores lean the comment's way, so that the comments' filters (unit,
# score band) find what a reader expects.
COMMENTS = [
    ("BOM", "+", "Bardzo miła obsługa w Biurze Obsługi Mieszkańców, wszystko załatwione od ręki."),
    (
        "WK",
        "-",
        "Długo czekałem w kolejce do Wydziału Komunikacji, przydałby się system rezerwacji wizyt.",
    ),
    ("BOM", "+", "Pani w okienku cierpliwie wytłumaczyła, jak wypełnić wniosek. Dziękuję!"),
    (None, "~", "Brakuje miejsc parkingowych przy urzędzie."),
    (None, "-", "Strona internetowa jest nieczytelna na telefonie, trudno znaleźć formularze."),
    ("USC", "+", "Sprawa załatwiona szybciej, niż się spodziewałam."),
    ("BOM", "~", "Proszę o więcej ławek w poczekalni na parterze."),
    ("WPO", "+", "Rzetelna informacja o terminach płatności podatku od nieruchomości."),
    (None, "-", "Oznakowanie pokoi na drugim piętrze jest mylące, błądziłem dobre dziesięć minut."),
    ("WO", "~", "Chciałbym móc złożyć więcej wniosków przez ePUAP."),
    ("WAB", "+", "Bardzo dobra obsługa, kompetentni pracownicy."),
    ("BOM", "+", "Godziny otwarcia w czwartki do 17 są bardzo wygodne dla pracujących."),
    (None, "-", "Winda była nieczynna, a z wózkiem dziecięcym trudno wejść na piętro."),
    (
        "WOS",
        "-",
        "Pracownik nie znał odpowiedzi na moje pytanie i odesłał mnie do innego wydziału.",
    ),
    ("WPO", "+", "Szybka odpowiedź na e-mail, dziękuję."),
    (None, "~", "Formularze powinny być dostępne także w wersji do wypełnienia na komputerze."),
    (
        "WAB",
        "-",
        "Urzędnik był uprzejmy, ale decyzję o warunkach zabudowy otrzymałem dopiero po terminie.",
    ),
    ("USC", "+", "W Urzędzie Stanu Cywilnego panuje bardzo przyjazna atmosfera."),
    ("BOM", "-", "Za mało stanowisk w BOM w poniedziałki rano, kolejka sięgała drzwi."),
    (None, "+", "Wszystko w porządku, tak trzymać."),
    ("BOM", "-", "Automat z biletami kolejkowymi często się zawiesza."),
    ("WOS", "+", "Dziękuję za pomoc w wypełnieniu deklaracji śmieciowej."),
    (None, "~", "Przydałaby się informacja o stanie sprawy wysyłana SMS-em."),
    (
        "WAB",
        "+",
        "Pani z Wydziału Architektury i Budownictwa bardzo dokładnie wszystko sprawdziła "
        "i od razu wskazała brakujący załącznik.",
    ),
    ("WK", "-", "Trudno dodzwonić się do wydziału, telefon ciągle zajęty."),
    (None, "+", "Czysto i schludnie, miła obsługa."),
    (
        "WAB",
        "-",
        "Na stronie brakuje aktualnej listy dokumentów wymaganych do pozwolenia na budowę.",
    ),
    ("WK", "+", "Doceniam możliwość umówienia wizyty przez internet."),
    ("WK", "-", "Za długi czas oczekiwania na wydanie prawa jazdy."),
    ("WPO", "~", "Pracownicy kompetentni, ale informacje w internecie są nieaktualne."),
    ("USC", "+", "Akt urodzenia dla córki wydany w dziesięć minut, bardzo sprawnie."),
    ("WF", "-", "Nikt nie potrafił mi powiedzieć, czy moja wpłata została już zaksięgowana."),
    (None, "~", "W poczekalni przydałby się dystrybutor wody, latem jest bardzo duszno."),
    (
        "WOS",
        "+",
        "Szybko rozpatrzony wniosek o wycinkę drzewa, pracownik przyjechał na oględziny "
        "już po tygodniu.",
    ),
    ("BOM", "-", "Pani przy stanowisku rozmawiała przez telefon prywatnie, a ja czekałem."),
    (
        "WPO",
        "-",
        "Pismo w sprawie zaległości napisane tak urzędowym językiem, że musiałem prosić "
        "sąsiada o wyjaśnienie.",
    ),
    (None, "+", "Bardzo dobrze, że jest pętla indukcyjna dla osób słabosłyszących. Dziękuję."),
    (
        "WK",
        "~",
        "Rejestracja samochodu poszła sprawnie, ale opłatę można było wnieść tylko "
        "w kasie na innym piętrze.",
    ),
    (None, "-", "Odpowiedź na mój e-mail przyszła dopiero po trzech tygodniach."),
    ("WO", "+", "Skarga rozpatrzona rzetelnie, dostałem wyczerpującą odpowiedź na piśmie."),
    ("USC", "~", "Ślub w sobotę to świetna sprawa, ale termin trzeba rezerwować bardzo wcześnie."),
    (None, "+", "Pierwszy raz załatwiłem sprawę przez ePUAP i wszystko zadziałało."),
    ("WF", "+", "Pani w kasie była bardzo uprzejma i wydała potwierdzenie bez proszenia."),
    ("BOM", "~", "Toaleta dla klientów była zamknięta, trzeba było prosić o klucz."),
    (
        "WAB",
        "-",
        "Trzy razy uzupełniałem wniosek, za każdym razem o coś innego. Można było "
        "powiedzieć od razu.",
    ),
    (None, "+", "Bardzo pomocny pan ochroniarz przy wejściu, od razu wskazał właściwy pokój."),
]
