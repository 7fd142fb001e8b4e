"""The clauses 4–10 of ISO 9001:2015 and a starter set of audit questions for a city hall.

Clause titles in Polish as in PN-EN ISO 9001:2015-10 and in English as in ISO 9001:2015. The
questions are the office's own wording: auditors copy them into an audit and extend them there.
Running this again changes nothing: clauses are matched by number, questions by clause and text.
"""

from django.db import migrations

# (number, Polish title, English title)
CLAUSES = [
    ("4", "Kontekst organizacji", "Context of the organization"),
    (
        "4.1",
        "Zrozumienie organizacji i jej kontekstu",
        "Understanding the organization and its context",
    ),
    (
        "4.2",
        "Zrozumienie potrzeb i oczekiwań stron zainteresowanych",
        "Understanding the needs and expectations of interested parties",
    ),
    (
        "4.3",
        "Określanie zakresu systemu zarządzania jakością",
        "Determining the scope of the quality management system",
    ),
    (
        "4.4",
        "System zarządzania jakością i jego procesy",
        "Quality management system and its processes",
    ),
    ("5", "Przywództwo", "Leadership"),
    ("5.1", "Przywództwo i zaangażowanie", "Leadership and commitment"),
    ("5.1.1", "Postanowienia ogólne", "General"),
    ("5.1.2", "Orientacja na klienta", "Customer focus"),
    ("5.2", "Polityka", "Policy"),
    ("5.2.1", "Ustanowienie polityki jakości", "Establishing the quality policy"),
    ("5.2.2", "Komunikowanie polityki jakości", "Communicating the quality policy"),
    (
        "5.3",
        "Role, odpowiedzialności i uprawnienia w organizacji",
        "Organizational roles, responsibilities and authorities",
    ),
    ("6", "Planowanie", "Planning"),
    (
        "6.1",
        "Działania odnoszące się do ryzyk i szans",
        "Actions to address risks and opportunities",
    ),
    (
        "6.2",
        "Cele jakościowe i planowanie działań do ich osiągnięcia",
        "Quality objectives and planning to achieve them",
    ),
    ("6.3", "Planowanie zmian", "Planning of changes"),
    ("7", "Wsparcie", "Support"),
    ("7.1", "Zasoby", "Resources"),
    ("7.1.1", "Postanowienia ogólne", "General"),
    ("7.1.2", "Ludzie", "People"),
    ("7.1.3", "Infrastruktura", "Infrastructure"),
    ("7.1.4", "Środowisko funkcjonowania procesów", "Environment for the operation of processes"),
    ("7.1.5", "Zasoby do monitorowania i pomiarów", "Monitoring and measuring resources"),
    ("7.1.6", "Wiedza organizacji", "Organizational knowledge"),
    ("7.2", "Kompetencje", "Competence"),
    ("7.3", "Świadomość", "Awareness"),
    ("7.4", "Komunikacja", "Communication"),
    ("7.5", "Udokumentowane informacje", "Documented information"),
    ("7.5.1", "Postanowienia ogólne", "General"),
    ("7.5.2", "Tworzenie i aktualizowanie", "Creating and updating"),
    ("7.5.3", "Nadzór nad udokumentowanymi informacjami", "Control of documented information"),
    ("8", "Działania operacyjne", "Operation"),
    ("8.1", "Planowanie i nadzór nad działaniami operacyjnymi", "Operational planning and control"),
    ("8.2", "Wymagania dotyczące wyrobów i usług", "Requirements for products and services"),
    ("8.2.1", "Komunikacja z klientem", "Customer communication"),
    (
        "8.2.2",
        "Określanie wymagań dotyczących wyrobów i usług",
        "Determining the requirements for products and services",
    ),
    (
        "8.2.3",
        "Przegląd wymagań dotyczących wyrobów i usług",
        "Review of the requirements for products and services",
    ),
    (
        "8.2.4",
        "Zmiany wymagań dotyczących wyrobów i usług",
        "Changes to requirements for products and services",
    ),
    (
        "8.3",
        "Projektowanie i rozwój wyrobów i usług",
        "Design and development of products and services",
    ),
    (
        "8.4",
        "Nadzór nad procesami, wyrobami i usługami dostarczanymi z zewnątrz",
        "Control of externally provided processes, products and services",
    ),
    ("8.4.1", "Postanowienia ogólne", "General"),
    ("8.4.2", "Rodzaj i zakres nadzoru", "Type and extent of control"),
    ("8.4.3", "Informacje dla dostawców zewnętrznych", "Information for external providers"),
    ("8.5", "Produkcja i dostarczanie usług", "Production and service provision"),
    (
        "8.5.1",
        "Nadzorowanie produkcji i dostarczania usługi",
        "Control of production and service provision",
    ),
    ("8.5.2", "Identyfikacja i identyfikowalność", "Identification and traceability"),
    (
        "8.5.3",
        "Własność należąca do klientów lub dostawców zewnętrznych",
        "Property belonging to customers or external providers",
    ),
    ("8.5.4", "Zabezpieczanie", "Preservation"),
    ("8.5.5", "Działania po dostawie", "Post-delivery activities"),
    ("8.5.6", "Nadzorowanie zmian", "Control of changes"),
    ("8.6", "Zwalnianie wyrobów i usług", "Release of products and services"),
    ("8.7", "Nadzór nad niezgodnymi wyjściami", "Control of nonconforming outputs"),
    ("9", "Ocena efektów działania", "Performance evaluation"),
    (
        "9.1",
        "Monitorowanie, pomiar, analiza i ocena",
        "Monitoring, measurement, analysis and evaluation",
    ),
    ("9.1.1", "Postanowienia ogólne", "General"),
    ("9.1.2", "Zadowolenie klienta", "Customer satisfaction"),
    ("9.1.3", "Analiza i ocena", "Analysis and evaluation"),
    ("9.2", "Audyt wewnętrzny", "Internal audit"),
    ("9.3", "Przegląd zarządzania", "Management review"),
    ("9.3.1", "Postanowienia ogólne", "General"),
    ("9.3.2", "Dane wejściowe do przeglądu zarządzania", "Management review inputs"),
    ("9.3.3", "Dane wyjściowe z przeglądu zarządzania", "Management review outputs"),
    ("10", "Doskonalenie", "Improvement"),
    ("10.1", "Postanowienia ogólne", "General"),
    ("10.2", "Niezgodność i działania korygujące", "Nonconformity and corrective action"),
    ("10.3", "Ciągłe doskonalenie", "Continual improvement"),
]

# (clause number, question in Polish, question in English), in the order an audit asks them.
QUESTIONS = [
    (
        "4.1",
        "Czy urząd określił czynniki zewnętrzne i wewnętrzne (np. zmiany przepisów, budżet, "
        "cyfryzację usług), które wpływają na realizację jego zadań, i czy je przegląda?",
        "Has the office identified the external and internal issues (e.g. changes in law, the "
        "budget, digital services) that affect its tasks, and does it review them?",
    ),
    (
        "4.2",
        "Czy określono strony zainteresowane (mieszkańców, przedsiębiorców, radnych, organy "
        "nadzoru) i ich wymagania istotne dla SZJ?",
        "Have the interested parties (residents, businesses, councillors, supervisory "
        "authorities) and their requirements relevant to the QMS been identified?",
    ),
    (
        "4.3",
        "Czy zakres SZJ i jego wyłączenia są udokumentowane i uzasadnione?",
        "Are the scope of the QMS and its exclusions documented and justified?",
    ),
    (
        "4.4",
        "Czy dla procesu określono właściciela, wejścia, wyjścia, powiązania z innymi procesami "
        "i mierniki?",
        "Does the process have a defined owner, inputs, outputs, interactions with other "
        "processes and measures?",
    ),
    (
        "5.1.1",
        "Czy kierownictwo urzędu bierze udział w przeglądach zarządzania i zapewnia zasoby "
        "potrzebne SZJ?",
        "Does the office's top management take part in management reviews and provide the "
        "resources the QMS needs?",
    ),
    (
        "5.1.2",
        "Czy w komórce znane są wymagania mieszkańców wobec usługi i czy wynikają z nich "
        "działania?",
        "Does the unit know what residents require of the service, and does it act on it?",
    ),
    (
        "5.2.2",
        "Czy polityka jakości jest dostępna dla pracowników i mieszkańców, a pracownicy potrafią "
        "wyjaśnić, co oznacza dla ich pracy?",
        "Is the quality policy available to staff and residents, and can staff explain what it "
        "means for their work?",
    ),
    (
        "5.3",
        "Czy zakresy czynności pracowników są aktualne i zgodne z regulaminem organizacyjnym?",
        "Are the staff's job descriptions up to date and consistent with the organisational "
        "regulations?",
    ),
    (
        "6.1",
        "Czy ryzyka i szanse procesu zostały zidentyfikowane, ocenione, a działania wobec nich "
        "zaplanowane i przeglądane w terminie?",
        "Have the risks and opportunities of the process been identified and rated, and are the "
        "actions addressing them planned and reviewed on time?",
    ),
    (
        "6.2",
        "Czy cele jakościowe komórki są mierzalne, spójne z polityką jakości i monitorowane?",
        "Are the unit's quality objectives measurable, consistent with the quality policy and "
        "monitored?",
    ),
    (
        "6.2",
        "Czy dla celów jakościowych określono, kto, w jakim terminie i jakimi zasobami je "
        "osiągnie?",
        "For each quality objective, is it defined who will achieve it, by when and with what "
        "resources?",
    ),
    (
        "6.3",
        "Czy zmiany w organizacji pracy (np. reorganizacja wydziału, nowy system "
        "informatyczny) są planowane z oceną ich wpływu na usługi?",
        "Are changes in how work is organised (e.g. a reorganised department, a new IT "
        "system) planned with an assessment of their effect on services?",
    ),
    (
        "7.1.3",
        "Czy infrastruktura (sprzęt komputerowy, systemy dziedzinowe, pomieszczenia obsługi "
        "klienta) jest utrzymywana i serwisowana?",
        "Is the infrastructure (computers, line-of-business systems, customer service rooms) "
        "maintained and serviced?",
    ),
    (
        "7.1.4",
        "Czy warunki obsługi mieszkańców (dostępność dla osób z niepełnosprawnościami, "
        "oznakowanie, poczekalnia) są odpowiednie?",
        "Are the conditions for serving residents (accessibility for people with disabilities, "
        "signage, waiting area) adequate?",
    ),
    (
        "7.1.6",
        "Czy wiedza potrzebna w procesie (np. interpretacje przepisów, wzory decyzji) jest "
        "zachowywana i dostępna przy nieobecności pracownika?",
        "Is the knowledge the process needs (e.g. interpretations of law, model decisions) "
        "kept and available when an employee is absent?",
    ),
    (
        "7.2",
        "Czy określono wymagane kompetencje na stanowiskach i czy są zapisy szkoleń "
        "potwierdzające ich spełnienie?",
        "Are the competences required for each position defined, and are there training "
        "records showing they are met?",
    ),
    (
        "7.2",
        "Czy ocenia się skuteczność szkoleń i działań podnoszących kompetencje?",
        "Is the effectiveness of training and other actions to build competence evaluated?",
    ),
    (
        "7.3",
        "Czy pracownicy znają cele jakościowe swojej komórki i skutki niestosowania procedur?",
        "Do staff know their unit's quality objectives and the consequences of not following "
        "procedures?",
    ),
    (
        "7.4",
        "Czy ustalono, jak i kiedy komunikować sprawy SZJ wewnątrz urzędu i mieszkańcom "
        "(np. intranet, BIP, narady)?",
        "Has it been decided how and when QMS matters are communicated within the office and to "
        "residents (e.g. intranet, the public information bulletin, meetings)?",
    ),
    (
        "7.5.2",
        "Czy dokumenty SZJ mają oznaczenie, numer wydania oraz zatwierdzenie przez uprawnioną "
        "osobę?",
        "Do QMS documents carry an identification, an edition number and approval by an "
        "authorised person?",
    ),
    (
        "7.5.3",
        "Czy pracownicy korzystają z obowiązujących wersji procedur i formularzy?",
        "Do staff use the versions of procedures and forms currently in force?",
    ),
    (
        "7.5.3",
        "Czy nieaktualne dokumenty są wycofywane z użycia, a dokumenty zewnętrzne (przepisy) są "
        "nadzorowane?",
        "Are obsolete documents withdrawn from use, and are external documents (legislation) "
        "controlled?",
    ),
    (
        "7.5.3",
        "Czy zapisy (np. akta spraw) są przechowywane zgodnie z instrukcją kancelaryjną i "
        "jednolitym rzeczowym wykazem akt?",
        "Are records (e.g. case files) kept in line with the office filing instruction and the "
        "uniform list of files?",
    ),
    (
        "8.1",
        "Czy proces jest realizowany zgodnie z procedurą, a kryteria jego realizacji (np. "
        "terminy ustawowe) są określone?",
        "Is the process carried out according to its procedure, with defined criteria (e.g. "
        "statutory deadlines)?",
    ),
    (
        "8.2.1",
        "Czy mieszkańcy otrzymują jasne informacje o sposobie załatwienia sprawy (karty usług, "
        "wymagane dokumenty, opłaty, terminy)?",
        "Do residents receive clear information on how their case is handled (service cards, "
        "documents required, fees, deadlines)?",
    ),
    (
        "8.2.3",
        "Czy przed przyjęciem wniosku sprawdza się jego kompletność i informuje wnioskodawcę o "
        "brakach?",
        "Is an application checked for completeness before it is accepted, and is the applicant "
        "told what is missing?",
    ),
    (
        "8.4.1",
        "Czy dostawcy zewnętrzni (wykonawcy zamówień, podmioty realizujące zadania zlecone) "
        "są oceniani i ponownie oceniani według ustalonych kryteriów?",
        "Are external providers (contractors, organisations carrying out delegated tasks) "
        "evaluated and re-evaluated against set criteria?",
    ),
    (
        "8.4.3",
        "Czy umowy z wykonawcami określają wymagania jakościowe i sposób odbioru usługi?",
        "Do contracts with providers state the quality requirements and how the service is "
        "accepted?",
    ),
    (
        "8.5.1",
        "Czy sprawy są załatwiane w terminach wynikających z KPA i przepisów szczególnych, a "
        "przekroczenia terminów są wyjaśniane?",
        "Are cases settled within the deadlines of the Code of Administrative Procedure and "
        "specific laws, and are overruns explained?",
    ),
    (
        "8.5.2",
        "Czy sprawy są oznaczane znakiem sprawy, a ich stan można ustalić w systemie "
        "elektronicznego zarządzania dokumentacją?",
        "Are cases marked with a case reference, and can their status be traced in the "
        "electronic document management system?",
    ),
    (
        "8.5.3",
        "Czy dokumenty i dane osobowe powierzone przez mieszkańców są chronione i zwracane "
        "zgodnie z przepisami?",
        "Are documents and personal data entrusted by residents protected and returned as the "
        "law requires?",
    ),
    (
        "8.6",
        "Czy decyzje i inne rozstrzygnięcia są sprawdzane i podpisywane przez osoby do tego "
        "upoważnione przed wydaniem?",
        "Are decisions and other rulings checked and signed by authorised persons before they "
        "are issued?",
    ),
    (
        "8.7",
        "Czy błędy w wydanych dokumentach (np. omyłki w decyzjach) są rejestrowane i korygowane?",
        "Are errors in issued documents (e.g. mistakes in decisions) recorded and corrected?",
    ),
    (
        "9.1.1",
        "Czy wartości mierników procesu są zapisywane z ustaloną częstotliwością i porównywane z "
        "wartościami docelowymi?",
        "Are the values of the process's measures recorded at the set frequency and compared "
        "with their targets?",
    ),
    (
        "9.1.2",
        "Czy bada się satysfakcję mieszkańców (ankiety, skargi, wnioski) i wykorzystuje wyniki?",
        "Is residents' satisfaction monitored (surveys, complaints, suggestions) and are the "
        "results used?",
    ),
    (
        "9.1.3",
        "Czy skargi i wnioski mieszkańców są analizowane pod kątem powtarzających się przyczyn?",
        "Are residents' complaints and suggestions analysed for recurring causes?",
    ),
    (
        "9.2",
        "Czy realizowany jest program audytów wewnętrznych, a audytorzy nie audytują własnej "
        "pracy?",
        "Is the internal audit programme being carried out, with auditors not auditing their "
        "own work?",
    ),
    (
        "9.3",
        "Czy przegląd zarządzania obejmował wszystkie wymagane dane wejściowe, a jego ustalenia "
        "są realizowane?",
        "Did the management review cover all the required inputs, and are its decisions being "
        "carried out?",
    ),
    (
        "10.2",
        "Czy działania korygujące po poprzednim audycie zostały zweryfikowane?",
        "Have the corrective actions from the previous audit been verified?",
    ),
    (
        "10.2",
        "Czy dla niezgodności ustalono przyczynę źródłową, a nie tylko usunięto jej skutki?",
        "Was the root cause of each nonconformity determined, rather than only its effects "
        "corrected?",
    ),
    (
        "10.3",
        "Czy komórka wdrożyła w ostatnim roku usprawnienia wynikające z pomysłów pracowników "
        "lub opinii mieszkańców?",
        "Has the unit put into practice improvements suggested by staff or residents in the "
        "past year?",
    ),
]


def sort_key(number):
    """'7.5.3' -> '07.05.03': a plain text sort then puts 10.x after 9.x."""
    return ".".join(f"{int(part):02d}" for part in number.split("."))


def add_clauses_and_questions(apps, schema_editor):
    Clause = apps.get_model("audits", "Clause")
    QuestionTemplate = apps.get_model("audits", "QuestionTemplate")
    clauses = {}
    for number, title_pl, title_en in CLAUSES:
        clauses[number], _created = Clause.objects.update_or_create(
            number=number,
            defaults={"title_pl": title_pl, "title_en": title_en, "sort_key": sort_key(number)},
        )
    for order, (number, text_pl, text_en) in enumerate(QUESTIONS, start=1):
        QuestionTemplate.objects.get_or_create(
            clause=clauses[number],
            text_pl=text_pl,
            defaults={"text_en": text_en, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0001_initial"),
    ]

    operations = [
        # Going back deletes nothing: audits' checklists refer to these clauses (PROTECT), and
        # quality records are archived, never deleted. Re-applying finds the rows in place.
        migrations.RunPython(add_clauses_and_questions, migrations.RunPython.noop),
    ]
