"""What the demo documents' files say: a few paragraphs of each document's text, in Polish.

Rendered into every edition's file (document_files.py), and read out of it by the search
(qms.contents) like any uploaded file. Some words are in no title, summary or process card, only
in a file: "pełnomocnictwo" (PR-06, the residents' service procedure), "biletomat" (PR-06),
"bezstronność" (PR-02, internal audits); "agregat prądotwórczy" is only in the draft of PR-15,
which the search never reads. The signed minutes of the management review (Z-01) are a scan:
a picture of the page, no text layer.
"""

# The documents whose editions are scans.
SCANS = {"Z-01"}

TEXTS = {
    "KJ": [
        "Księga Jakości opisuje System Zarządzania Jakością Urzędu Miejskiego w Zabrzu: kontekst "
        "organizacji, strony zainteresowane, zakres systemu i mapę procesów.",
        "Z wymagań normy wyłączono punkt 8.3 (projektowanie i rozwój), ponieważ Urząd świadczy "
        "usługi określone przepisami prawa. Księgę opracowuje Pełnomocnik ds. Systemu "
        "Zarządzania Jakością, a zatwierdza Prezydent Miasta.",
    ],
    "PJ": [
        "Urząd Miejski w Zabrzu załatwia sprawy mieszkańców zgodnie z prawem, rzetelnie, "
        "terminowo i z szacunkiem dla każdego, kto przychodzi do Urzędu.",
        "Kierownictwo zobowiązuje się do spełniania wymagań i ciągłego doskonalenia systemu. "
        "Polityka jest znana pracownikom, dostępna dla mieszkańców i przeglądana co roku.",
    ],
    "CJ": [
        "Cele jakościowe na bieżący rok: średni czas obsługi w Biurze Obsługi Mieszkańców "
        "nie dłuższy niż 15 minut; co najmniej 90 % spraw załatwionych w terminie; poziom "
        "satysfakcji mieszkańców nie niższy niż 85 %; 30 % wniosków złożonych przez e-usługi.",
        "Każdy cel ma właściciela, miernik i termin oceny.",
    ],
    "MP": [
        "Mapa przedstawia procesy zarządcze, podstawowe i pomocnicze Urzędu oraz powiązania "
        "między nimi. Dla każdego procesu wyznaczono właściciela i opracowano kartę procesu.",
    ],
    "PR-01": [
        "Procedura określa zasady opracowywania, sprawdzania, zatwierdzania i wycofywania "
        "udokumentowanej informacji. Każdy dokument ma kod, numer wydania i właściciela.",
        "Obowiązujące wydanie jest dostępne w rejestrze dokumentów na portalu SZJ. Wydruk "
        "dokumentu jest kopią nienadzorowaną: przed użyciem należy sprawdzić jego aktualność.",
    ],
    "PR-02": [
        "Procedura opisuje planowanie i przeprowadzanie audytów wewnętrznych Systemu "
        "Zarządzania Jakością. Roczny program audytów zatwierdza Pełnomocnik; każdy proces jest "
        "audytowany co najmniej raz w cyklu certyfikacji.",
        "Audytor nie audytuje własnej pracy, co zapewnia bezstronność oceny. Zespół audytowy "
        "przygotowuje listę kontrolną, zbiera dowody z audytu i sporządza raport w ciągu 7 dni. "
        "Ustalenia klasyfikuje się jako niezgodności duże lub małe, obserwacje i możliwości "
        "doskonalenia.",
    ],
    "PR-03": [
        "Po stwierdzeniu niezgodności właściciel procesu podejmuje korekcję, ustala przyczynę "
        "źródłową metodą pięciu pytań „dlaczego” i planuje działanie korygujące.",
        "Skuteczność działania ocenia audytor, który go nie realizował. Działania zapisuje się "
        "w rejestrze działań korygujących.",
    ],
    "PR-04": [
        "Przegląd zarządzania przeprowadza Prezydent Miasta z kierownictwem co najmniej raz "
        "w roku. Pełnomocnik przygotowuje dane wejściowe: wyniki audytów, realizację celów, "
        "skargi i wnioski, wyniki badania satysfakcji, ryzyka i szanse.",
        "Wynikiem przeglądu jest protokół z decyzjami o doskonaleniu, zmianach w systemie "
        "i potrzebnych zasobach.",
    ],
    "PR-05": [
        "Właściciel procesu co najmniej raz w roku identyfikuje ryzyka i szanse procesu i ocenia "
        "je jako iloczyn prawdopodobieństwa i skutku, w skali od 1 do 25.",
        "Ryzyko ocenione na 12 punktów lub więcej wymaga zaplanowania działań. Wyniki zapisuje "
        "się w karcie ryzyka procesu i w rejestrze ryzyk i szans Urzędu.",
    ],
    "PR-06": [
        "Biuro Obsługi Mieszkańców przyjmuje wnioski, udziela informacji i wydaje dokumenty. "
        "Mieszkaniec pobiera numerek z biletomatu i jest obsługiwany według kolejności.",
        "Jeżeli sprawę załatwia pełnomocnik strony, pracownik sprawdza pełnomocnictwo i dowód "
        "uiszczenia opłaty skarbowej. Sprawy niewymagające postępowania wyjaśniającego "
        "załatwia się niezwłocznie, pozostałe w terminie 14 dni, a szczególnie "
        "skomplikowane w ciągu miesiąca.",
        "Osoba z niepełnosprawnością może skorzystać z pomocy tłumacza języka migowego, "
        "zgłaszając to trzy dni wcześniej.",
    ],
    "PR-07": [
        "Procedura opisuje wszczęcie postępowania, zebranie dowodów, zawiadomienie strony "
        "o możliwości wypowiedzenia się co do zebranego materiału, wydanie decyzji i jej "
        "doręczenie.",
        "Decyzja zawiera pouczenie o prawie do wniesienia odwołania do Samorządowego Kolegium "
        "Odwoławczego w terminie 14 dni od dnia doręczenia.",
    ],
    "PR-08": [
        "Skargi i wnioski przyjmuje się pisemnie, elektronicznie, przez ePUAP oraz ustnie do "
        "protokołu. Każdą sprawę wpisuje się do rejestru skarg i wniosków.",
        "Odpowiedź przekazuje się bez zbędnej zwłoki, nie później niż w ciągu miesiąca. Skargi "
        "na działalność Prezydenta Miasta rozpatruje Rada Miasta.",
    ],
    "PR-09": [
        "Nabór na wolne stanowiska urzędnicze jest otwarty i konkurencyjny. Ogłoszenie "
        "publikuje się w Biuletynie Informacji Publicznej i na tablicy ogłoszeń Urzędu co "
        "najmniej 10 dni przed terminem składania dokumentów.",
        "Komisja rekrutacyjna ocenia kandydatów, a wynik naboru ogłasza się w BIP.",
    ],
    "PR-10": [
        "Procedura opisuje przygotowanie i udzielenie zamówienia publicznego: opis przedmiotu "
        "zamówienia, szacowanie wartości, wybór trybu, ocenę ofert i zawarcie umowy.",
        "Zamówień o wartości poniżej 130 000 zł udziela się według regulaminu wewnętrznego.",
    ],
    "PR-11": [
        "Procedura określa wymiar podatku od nieruchomości, rolnego i leśnego dla osób "
        "fizycznych, przyjmowanie wpłat i windykację zaległości.",
        "Decyzje wymiarowe doręcza się podatnikom do końca lutego. Zaległości egzekwuje się po "
        "doręczeniu upomnienia.",
    ],
    "PR-12": [
        "Rejestracja pojazdu obejmuje przyjęcie wniosku, sprawdzenie dokumentów, wydanie "
        "pozwolenia czasowego i tablic rejestracyjnych, a następnie dowodu rejestracyjnego.",
        "Właściciel pojazdu sprowadzonego z zagranicy składa wniosek w terminie 30 dni. Wizytę "
        "można zarezerwować przez internet.",
    ],
    "PR-13": [
        "Badanie satysfakcji prowadzi się w sposób ciągły za pomocą anonimowej ankiety "
        "papierowej i elektronicznej. Ankiety z urn w Biurze Obsługi Mieszkańców zbiera się "
        "raz w miesiącu.",
        "Wyniki opracowuje Pełnomocnik w sprawozdaniu półrocznym, z porównaniem do "
        "poprzedniego badania.",
    ],
    "PR-14": [
        "Procedura określa zasady ochrony informacji: nadawanie uprawnień do systemów, hasła, "
        "zabezpieczenie stanowisk pracy i zgłaszanie incydentów.",
        "Każdy incydent bezpieczeństwa informacji zgłasza się niezwłocznie administratorowi "
        "systemów i inspektorowi ochrony danych.",
    ],
    "PR-15": [
        "Projekt procedury określa postępowanie w razie awarii zasilania, systemów "
        "informatycznych lub niedostępności budynku.",
        "Serwerownię zasila agregat prądotwórczy; plan ciągłości działania testuje się raz w roku.",
    ],
    "IN-01": [
        "Korespondencję przyjmuje kancelaria ogólna, rejestruje w systemie EZD i przekazuje "
        "właściwej komórce organizacyjnej w dniu wpływu.",
        "Oferty przetargowe przyjmuje się za pokwitowaniem i nie otwiera się ich w kancelarii.",
    ],
    "IN-02": [
        "Instrukcja opisuje pracę w systemie elektronicznego zarządzania dokumentacją: "
        "rejestrowanie pism, zakładanie spraw, dekretację, akceptację i wysyłkę.",
        "Każdą sprawę prowadzi się w teczce zgodnej z jednolitym rzeczowym wykazem akt.",
    ],
    "IN-03": [
        "Pracownik sprawdza kompletność wniosku, potwierdza jego złożenie na kopii i rejestruje "
        "go w systemie EZD.",
        "Braki formalne wskazuje się wnioskodawcy od razu; jeżeli nie można ich usunąć na "
        "miejscu, wydaje się pisemne wezwanie do uzupełnienia.",
    ],
    "IN-04": [
        "Instrukcja opisuje przyjęcie wniosku o wydanie prawa jazdy, weryfikację profilu "
        "kandydata na kierowcę, zamówienie dokumentu w Polskiej Wytwórni Papierów "
        "Wartościowych i wydanie go za potwierdzeniem odbioru.",
    ],
    "IN-05": [
        "Akty urodzenia, małżeństwa i zgonu sporządza się w rejestrze stanu cywilnego.",
        "Kierownik Urzędu Stanu Cywilnego sprawdza dane z dokumentów źródłowych, a po "
        "sporządzeniu aktu wydaje odpis zupełny lub skrócony.",
    ],
    "IN-06": [
        "Kontrola wstępna wydatku obejmuje zgodność z planem finansowym, kompletność "
        "dokumentów i prawidłowość opisu faktury.",
        "Skarbnik Miasta kontrasygnuje zobowiązania powyżej progu określonego w zarządzeniu.",
    ],
    "IN-07": [
        "Kopie zapasowe baz danych wykonuje się codziennie o 22.00, a pełną kopię systemów raz "
        "w tygodniu.",
        "Kopie przechowuje się zaszyfrowane w dwóch lokalizacjach; odtworzenie danych testuje "
        "się co kwartał.",
    ],
    "IN-08": [
        "Wniosek zawiera zgodę właściciela nieruchomości, rysunek z lokalizacją drzewa i obwód "
        "pnia mierzony na wysokości 130 cm.",
        "Pracownik przeprowadza oględziny w terenie i sporządza protokół z dokumentacją "
        "fotograficzną.",
    ],
    "IN-09": [
        "Kasjer przyjmuje wpłaty gotówkowe i kartą, wydaje pokwitowanie z systemu kasowego "
        "i na koniec dnia sporządza raport kasowy.",
        "Nadwyżki i niedobory kasowe wyjaśnia się w obecności kierownika referatu.",
    ],
    "IN-10": [
        "Druki ścisłego zarachowania ewidencjonuje się w księdze druków.",
        "Zepsute druki przechowuje się i komisyjnie niszczy, sporządzając protokół zniszczenia.",
    ],
    "F-01": [
        "Lp. | Data | Numer wydania | Opis zmiany | Podpis osoby wprowadzającej zmianę",
    ],
    "F-02": [
        "Numer audytu; audytowany proces i komórka; kryteria i zakres audytu; audytor wiodący "
        "i zespół audytowy; data spotkania otwierającego; harmonogram rozmów.",
    ],
    "F-03": [
        "Cele, zakres i kryteria audytu; zespół audytowy; osoby audytowane; mocne strony; "
        "ustalenia według rodzaju; wnioski z audytu; lista dystrybucji; podpisy.",
    ],
    "F-04": [
        "Opis niezgodności; wymaganie normy; korekcja; przyczyna źródłowa; działanie "
        "korygujące; osoba odpowiedzialna; termin; ocena skuteczności; podpis weryfikującego.",
    ],
    "F-05": [
        "Ankieta jest anonimowa. Prosimy ocenić w skali od 1 do 5: oznakowanie budynku, czas "
        "oczekiwania, uprzejmość i kompetencje pracowników, zrozumiałość formularzy.",
        "W jakiej sprawie przyszedł Pan lub przyszła Pani do Urzędu? Uwagi i propozycje.",
    ],
    "F-06": [
        "Numer sprawy | Data wpływu | Wnoszący | Przedmiot | Komórka rozpatrująca | Termin "
        "odpowiedzi | Data odpowiedzi | Sposób załatwienia",
    ],
    "F-07": [
        "Proces; opis ryzyka lub szansy; przyczyny; skutki; prawdopodobieństwo; skutek; ocena; "
        "działania; właściciel działania; termin; ocena po działaniach.",
    ],
    "F-08": [
        "Nazwa sprawy; wymagane dokumenty; opłaty i sposób zapłaty; termin załatwienia; miejsce "
        "złożenia i odbioru; komórka odpowiedzialna; tryb odwoławczy; podstawa prawna.",
    ],
    "F-09": [
        "Nazwa i kod procesu; właściciel; cel; zakres; dane wejściowe i wyjściowe; klienci "
        "procesu; zasoby; mierniki; ryzyka i szanse; dokumenty związane.",
    ],
    "F-10": [
        "Jakość dostaw, terminowość, reakcja na reklamacje i ceny oceniane w skali od 1 do 3; "
        "dostawca oceniony poniżej 2 punktów wymaga działań.",
    ],
    "F-11": [
        "Imię i nazwisko wnioskodawcy; adres; cel wydania zaświadczenia; liczba egzemplarzy; "
        "dowód uiszczenia opłaty; data i podpis.",
    ],
    "EXT-01": [
        "Norma określa wymagania dla systemu zarządzania jakością: kontekst organizacji, "
        "przywództwo, planowanie, wsparcie, działania operacyjne, ocenę efektów i doskonalenie.",
        "Egzemplarz zakupiony w Polskim Komitecie Normalizacyjnym.",
    ],
    "EXT-02": [
        "Tekst jednolity z Internetowego Systemu Aktów Prawnych. Dla Urzędu najważniejsze są "
        "zasady ogólne, terminy załatwiania spraw, doręczenia i odwołania.",
    ],
    "EXT-03": [
        "Ustawa określa zadania własne gminy, organy gminy i zasady jej gospodarki finansowej.",
    ],
    "EXT-04": [
        "Progi stosowania ustawy, tryby udzielania zamówień i środki ochrony prawnej.",
    ],
    "EXT-05": [
        "Zasady auditowania, zarządzanie programem auditów, przeprowadzanie auditu "
        "i kompetencje auditorów: podstawa procedury audytu wewnętrznego PR-02.",
    ],
    "EXT-06": [
        "Zasady przetwarzania danych osobowych, prawa osób, których dane dotyczą, obowiązki "
        "administratora i zgłaszanie naruszeń w ciągu 72 godzin.",
    ],
    "Z-01": [
        "Przegląd zarządzania odbył się z udziałem Prezydenta Miasta i kierowników komórek. "
        "Przyjęto nowe cele jakościowe i plan audytów; podpisano protokół.",
    ],
    "Z-02": [
        "Audyty procesów podstawowych w pierwszym półroczu, procesów pomocniczych w drugim; "
        "każdy proces raz w trzyletnim cyklu certyfikacji.",
    ],
    "Z-03": [
        "Ryzyka o ocenie wysokiej i krytycznej z kart ryzyka procesów, działania wobec nich "
        "i ocena ryzyka po działaniach.",
    ],
    "Z-04": [
        "Ankiety zebrano w Biurze Obsługi Mieszkańców i przez formularz elektroniczny. Poziom "
        "satysfakcji wyniósł 92,81 %.",
        "Najwyżej oceniono uprzejmość pracowników, najniżej czas oczekiwania w Wydziale "
        "Komunikacji.",
    ],
}
