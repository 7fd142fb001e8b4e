"""Time the register's search on a large register, then leave the database as it was.

    python manage.py benchmark_search [--documents 10000] [--queries 30] [--seed 2026]

Inside one transaction that is rolled back at the end, it creates N documents: generated Polish
titles, three editions each (two superseded, with their summaries of changes) and an edition in
force whose text is a few pages of a city hall's procedures: 1,500 to 3,000 words drawn from the
sentences of benchmark_search.txt, and one sentence, naming a resident and a street, that no other
document holds. Each document's search text and title are what the services store
(qms.search.index over the code, title, summaries and the edition's text; worked out once per
sentence, and checked against a whole-document index for the first document). On PostgreSQL the
tables are vacuumed first (earlier runs' rolled-back rows would slow this one down), and the
search indexes' pending entries merged and ANALYZE run after, as autovacuum would have.

Then it times what the register's page does for each query (one-, two- and three-word queries, a
word found only in the editions' texts, a code's prefix, the unique sentence's words), as
qms.views.documents.document_list does it: the filters on the register's queryset
(DocumentFilter, register_queryset, the filter's Query); the first page's keys and the count, in
one query (qms.shortcuts.CountingPaginator); the page's rows with their editions
(qms.filters.register_rows); and their snippets (qms.filters.with_snippets: the beginnings of
their editions' texts read in one query, qms.search.snippet over each). After one untimed round
(which fills the caches; its slowest query is reported), each query runs --queries times, in
rotation. It prints the median and 95th percentile in milliseconds per query and per number of
words, each as a ratio to the register's first page without a query measured in the same run,
with each step's median.
"""

import itertools
import random
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.http import QueryDict
from django.utils import timezone

from qms.filters import DocumentFilter, register_queryset, register_rows, with_snippets
from qms.models import (
    ContentState,
    Document,
    DocumentKind,
    DocumentVersion,
    OrganisationalUnit,
    Process,
    ProcessKind,
    VersionStatus,
    default_next_review,
)
from qms.search import index, words
from qms.shortcuts import PER_PAGE, CountingPaginator

KINDS = [
    (DocumentKind.PROCEDURE, "PR", "Procedura"),
    (DocumentKind.INSTRUCTION, "IN", "Instrukcja"),
    (DocumentKind.FORM, "F", "Formularz"),
    (DocumentKind.RECORD, "Z", "Rejestr"),
    (DocumentKind.QUALITY_BOOK, "KJ", "Księga"),
]
# A title's subject, and the topic of benchmark_search.txt its text is mostly about.
SUBJECTS = [
    ("obsługi skarg i wniosków mieszkańców", "skargi"),
    ("nadzoru nad udokumentowaną informacją", "dokumentacja"),
    ("zarządzania jakością w Wydziale Komunikacji", "komunikacja"),
    ("audytów wewnętrznych systemu zarządzania jakością", "audyty"),
    ("przyjmowania i rejestrowania korespondencji w kancelarii", "kancelaria"),
    ("wydawania decyzji w sprawach podatku od nieruchomości", "podatki"),
    ("prowadzenia ewidencji ludności i dowodów osobistych", "ewidencja"),
    ("udzielania zamówień publicznych poniżej progów unijnych", "zamowienia"),
    ("rozpatrywania wniosków o dodatek mieszkaniowy", "mieszkania"),
    ("zarządzania ryzykiem i szansami w procesach", "ryzyka"),
    ("obsługi klienta w Biurze Obsługi Mieszkańców", "bom"),
    ("naboru na wolne stanowiska urzędnicze", "kadry"),
    ("ochrony danych osobowych i bezpieczeństwa informacji", "dane"),
    ("gospodarowania nieruchomościami gminy", "nieruchomosci"),
    ("wydawania zezwoleń na sprzedaż napojów alkoholowych", "alkohol"),
    ("działań korygujących i doskonalących", "korygujace"),
    ("pomiaru satysfakcji klientów urzędu", "satysfakcja"),
    ("przeglądu zarządzania przez Prezydenta Miasta", "przeglad"),
]
CHANGES = [
    "Aktualizacja podstawy prawnej po zmianie ustawy.",
    "Zmiana osób odpowiedzialnych w związku z nowym regulaminem organizacyjnym.",
    "Dodano wzór formularza zgłoszenia skargi.",
    "Skrócono termin rozpatrzenia sprawy do 14 dni.",
    "Uwzględniono e-Doręczenia i elektroniczny obieg dokumentów.",
    "Doprecyzowano zasady nadzoru nad zapisami.",
    "Poprawiono błędy redakcyjne i numerację załączników.",
    "Wprowadzono mierniki skuteczności procesu.",
    "Dostosowano do wymagań normy ISO 9001:2015.",
    "Zmieniono sposób archiwizacji dokumentów w składnicy akt.",
]
# The queries timed, by number of words; the unique sentence's words are added to the three.
QUERIES = [
    "jakosci",
    "jakości",
    "procedura",
    "skarg",
    "kanalizacyjnej",  # only in the editions' texts
    "PR-00",  # a code's prefix
    "audyt wewnetrzny",
    "obsluga mieszkancow",
    "dodatku mieszkaniowego",
    "pasa drogowego",  # only in the editions' texts
    "skarga mieszkanca termin",
    "zamowien publicznych ponizej",
    "podatku od nieruchomosci",
]
STEPS = ["Query", "page", "rows", "snippets"]
TEXTS = Path(__file__).parent.parent / "benchmark_search.txt"  # commands/ holds only commands


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Rollback(Exception):
    """Leaves the transaction, undoing everything the benchmark created."""


class Sentences:
    """The sentences of benchmark_search.txt, and the documents' texts made of them."""

    def __init__(self, path=TEXTS):
        self.sections, name = {}, None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("[") and line.endswith("]"):
                name = line[1:-1]
                self.sections[name] = []
            elif line.strip() and not line.startswith("#"):
                self.sections[name].append(line.strip())
        self.general = self.sections.pop("general")
        self.fillers = {slot: self.sections.pop(slot) for slot in ("unit", "role", "days")}
        # 25 first names x 25 surnames x 16 streets: 10,000 residents, one to a document.
        names = [
            self.sections.pop(slot)[0].split() for slot in ("first_names", "surnames", "streets")
        ]
        self.residents = list(itertools.product(*names))

    def text(self, rng, topic, resident):
        """(paragraphs, the unique sentence, the sentences) of a document about `topic`: its
        sentences (again, in another order, until the document is long enough), a few of one
        to three other topics, and the general ones."""

        def general(count):
            fill = self.fillers.items()
            return [
                sentence.format(**{slot: rng.choice(values) for slot, values in fill})
                for sentence in rng.sample(self.general, count)
            ]

        own = self.sections[topic]
        others = rng.sample([name for name in self.sections if name != topic], rng.randint(1, 3))
        opening = general(rng.randint(18, 26))
        sentences = opening[:3] + rng.sample(own, len(own))
        for other in others:
            sentences += rng.sample(self.sections[other], rng.randint(5, 8))
        sentences += opening[3:]
        target, count = rng.randint(1500, 3000), sum(len(s.split()) for s in sentences)
        while count < target:
            more = rng.sample(own, len(own)) + general(8)
            sentences += more
            count += sum(len(sentence.split()) for sentence in more)
        first, surname, street = resident
        unique = (
            f"Wnioskodawczyni {first} {surname} z ulicy {street} otrzymała odpowiedź na piśmie "
            "w ustawowym terminie."
        )
        sentences.insert(rng.randrange(3, len(sentences)), unique)
        paragraphs, at = [], 0
        while at < len(sentences):
            size = rng.randint(3, 6)
            paragraphs.append(" ".join(sentences[at : at + size]))
            at += size
        return paragraphs, unique, sentences


class Indexer:
    """qms.search.index(*parts) from each part's own index, worked out once per part (a sentence,
    a title): each part's terms in order, each term once, as index() itself gives them. One per
    run, as indexing also teaches the vocabulary, which the rollback forgets."""

    def __init__(self):
        self.parts = {}

    def __call__(self, *parts):
        for part in parts:
            if part not in self.parts:
                self.parts[part] = index(part).split()
        return " ".join(dict.fromkeys(term for part in parts for term in self.parts[part]))


class Command(BaseCommand):
    help = "Time the register's search on N generated documents with texts (nothing is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=10000)
        parser.add_argument("--queries", type=int, default=30, help="Runs of each query.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, documents, queries, seed, **options):
        if documents < 1 or queries < 1:
            raise CommandError("--documents and --queries must be at least 1.")
        vendor = connection.vendor
        self.stdout.write(
            f"Database: {vendor} ({connection.settings_dict['NAME']}); "
            f"{documents} documents, {queries} runs per query."
        )
        if vendor == "postgresql" and not connection.in_atomic_block:
            self.vacuum_postgresql()
        try:
            with transaction.atomic():
                unique = self.create(documents, random.Random(seed))
                if vendor == "postgresql":
                    self.tidy_postgresql()
                self.measure(QUERIES + [unique], queries)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write("Rolled back: the benchmark's documents are gone.")

    def create(self, count, rng):
        """Create `count` documents; returns a query of the unique sentence of one of them."""
        started = time.perf_counter()
        sentences, search_text = Sentences(), Indexer()
        residents = rng.sample(sentences.residents, min(count, len(sentences.residents)))
        user = get_user_model().objects.create(username=f"benchmark-{timezone.now():%H%M%S%f}")
        units = OrganisationalUnit.objects.bulk_create(
            OrganisationalUnit(code=f"BM-{i:02d}", name=f"Wydział testowy {i}") for i in range(20)
        )
        processes = Process.objects.bulk_create(
            Process(code=f"BM-P{i:02d}", name=f"Proces testowy {i}", kind=ProcessKind.CORE)
            for i in range(12)
        )
        total_words, checked, query = 0, False, None
        for first in range(0, count, 500):
            rows, texts = [], []
            for i in range(first, min(first + 500, count)):
                kind, prefix, word = KINDS[i % len(KINDS)]
                subject, topic = rng.choice(SUBJECTS)
                code, title = f"{prefix}-{i:05d}", f"{word} {subject}"
                summaries = rng.sample(CHANGES, 2)
                resident = residents[i % len(residents)]
                paragraphs, unique, parts = sentences.text(rng, topic, resident)
                content = "\n\n".join(paragraphs)
                text = search_text(code, title, *summaries, *parts)
                if not checked:  # the shortcut gives what the services would store
                    assert text == index(code, title, *summaries, content)
                    checked = True
                if i == count // 2:
                    query = " ".join(resident)
                total_words += len(words(content))
                rows.append(
                    Document(
                        code=code,
                        title=title,
                        kind=kind,
                        unit=rng.choice(units),
                        process=rng.choice(processes),
                        search_title=search_text(code, title),
                        search_text=text,
                        is_published=True,  # its edition in force, created below
                    )
                )
                texts.append((summaries, content))
            created = Document.objects.bulk_create(rows)
            DocumentVersion.objects.bulk_create(
                version
                for document, (summaries, content) in zip(created, texts, strict=True)
                for version in self.editions(document, summaries, content, user)
            )
        self.stdout.write(
            f"Created {count} documents ({total_words / count:,.0f} words of text each on "
            f"average) in {time.perf_counter() - started:.1f} s."
        )
        return query

    @staticmethod
    def editions(document, summaries, content, user):
        now, today = timezone.now(), timezone.localdate()
        for revision, summary in enumerate([*summaries, ""], start=1):
            in_force = revision == len(summaries) + 1
            yield DocumentVersion(
                document=document,
                revision=revision,
                change_summary=summary,
                file=f"documents/benchmark-{revision}.pdf",
                sha256="0" * 64,
                content_type="application/pdf",
                status=VersionStatus.IN_FORCE if in_force else VersionStatus.SUPERSEDED,
                content=content if in_force else "",
                content_state=ContentState.TEXT if in_force else ContentState.PENDING,
                author=user,
                approver=user,
                approved_at=now,
                effective_on=today,
                next_review_on=default_next_review(today),
            )

    def vacuum_postgresql(self):
        """Clear the rows earlier runs rolled back, as autovacuum would have (where it is off,
        they pile up in the tables and indexes, and each run would be slower than the last)."""
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for table in ("qms_document", "qms_documentversion", "qms_searchword"):
                cursor.execute(f"VACUUM {table}")
        self.stdout.write(f"Tables vacuumed in {time.perf_counter() - started:.1f} s.")

    def tidy_postgresql(self):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            # A real register's indexes have had their pending entries merged by autovacuum;
            # do it now, then give the planner fresh statistics.
            for name in ("qms_document_search_idx", "qms_document_search_title_idx"):
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
            for table in ("qms_document", "qms_documentversion", "qms_searchword"):
                cursor.execute(f"ANALYZE {table}")
        self.stdout.write(f"Indexes merged and analysed in {time.perf_counter() - started:.1f} s.")

    def run(self, text, staff):
        """The register's page for `text`, as qms.views.documents.document_list makes it: the
        time of each step in ms, and the number of rows found."""
        steps = {}
        started = time.perf_counter()
        filters = DocumentFilter(
            QueryDict(urlencode({"q": text})), queryset=register_queryset(staff)
        )
        query = filters.query  # looked up once, for the filter and the snippets
        steps["Query"] = time.perf_counter()
        page = CountingPaginator(filters.qs.only("pk"), PER_PAGE).get_page(1)
        count = page.paginator.count
        steps["page"] = time.perf_counter()
        page.object_list = register_rows(staff, page.object_list)
        steps["rows"] = time.perf_counter()
        with_snippets(page, query)
        steps["snippets"] = time.perf_counter()
        times, previous = {}, started
        for step in STEPS:
            times[step], previous = (steps[step] - previous) * 1000, steps[step]
        return times, count

    def measure(self, texts, runs):
        staff = AnonymousUser()  # sees what staff see: documents in force
        texts = ["", *texts]  # the register's first page without a query: the baseline
        cold = {text: self.run(text, staff)[0] for text in texts}  # fills the caches
        slowest = max(texts, key=lambda text: sum(cold[text].values()))
        timings = {text: [] for text in texts}
        counts = {}
        for _ in range(runs):
            for text in texts:
                times, counts[text] = self.run(text, staff)
                timings[text].append(times)
        totals = {text: [sum(times.values()) for times in timings[text]] for text in texts}
        base = statistics.median(totals[""])
        self.stdout.write(
            f"{'query':<32}{'words':>6}{'rows':>7}{'median ms':>11}{'p95 ms':>8}{'× base':>8}"
            + "".join(f"{step:>9}" for step in STEPS)
        )
        for text in texts:
            steps = "".join(
                f"{statistics.median(times[step] for times in timings[text]):>9.1f}"
                for step in STEPS
            )
            median = statistics.median(totals[text])
            self.stdout.write(
                f"{repr(text) if text else '(no query: the first page)':<32}"
                f"{len(text.split()):>6}{counts[text]:>7}{median:>11.1f}"
                f"{percentile(totals[text], 0.95):>8.1f}{median / base:>8.2f}{steps}"
            )
        self.stdout.write(f"{'by number of words':<32}{'median ms':>11}{'p95 ms':>8}{'× base':>8}")
        for size in (1, 2, 3):
            pooled = [t for text in texts if len(text.split()) == size for t in totals[text]]
            if pooled:
                median = statistics.median(pooled)
                self.stdout.write(
                    f"{f'{size} word' + ('s' if size > 1 else ''):<32}{median:>11.1f}"
                    f"{percentile(pooled, 0.95):>8.1f}{median / base:>8.2f}"
                )
        self.stdout.write(
            f"First round, caches cold: the slowest was {slowest!r} "
            f"({sum(cold[slowest].values()):.1f} ms, of which Query {cold[slowest]['Query']:.1f})."
        )
