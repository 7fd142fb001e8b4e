"""Time the register's search on a large register, then leave the database as it was.

    python manage.py benchmark_search [--documents 10000] [--queries 50]

Inside one transaction that is rolled back at the end, it bulk-creates N documents (generated
Polish titles, each with three editions' summaries of changes in its search text and an edition
in force), runs ANALYZE on PostgreSQL, then times the register's own code path (the filters and
qms.search.search on the register's queryset, evaluated as the first page with its count) for a
few queries, and prints the median and 95th percentile in milliseconds with the row counts.
"""

import random
import statistics
import time
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import QueryDict
from django.utils import timezone

from qms.filters import DocumentFilter, register_queryset
from qms.models import (
    Document,
    DocumentKind,
    DocumentVersion,
    OrganisationalUnit,
    Process,
    ProcessKind,
    VersionStatus,
    default_next_review,
)
from qms.search import index

KINDS = [
    (DocumentKind.PROCEDURE, "PR", "Procedura"),
    (DocumentKind.INSTRUCTION, "IN", "Instrukcja"),
    (DocumentKind.FORM, "F", "Formularz"),
    (DocumentKind.RECORD, "Z", "Rejestr"),
    (DocumentKind.QUALITY_BOOK, "KJ", "Księga"),
]
SUBJECTS = [
    "obsługi skarg i wniosków mieszkańców",
    "nadzoru nad udokumentowaną informacją",
    "zarządzania jakością w Wydziale Komunikacji",
    "audytów wewnętrznych systemu zarządzania jakością",
    "przyjmowania i rejestrowania korespondencji w kancelarii",
    "wydawania decyzji w sprawach podatku od nieruchomości",
    "prowadzenia ewidencji ludności i dowodów osobistych",
    "udzielania zamówień publicznych poniżej progów unijnych",
    "rozpatrywania wniosków o dodatek mieszkaniowy",
    "zarządzania ryzykiem i szansami w procesach",
    "obsługi klienta w Biurze Obsługi Mieszkańców",
    "naboru na wolne stanowiska urzędnicze",
    "ochrony danych osobowych i bezpieczeństwa informacji",
    "gospodarowania nieruchomościami gminy",
    "wydawania zezwoleń na sprzedaż napojów alkoholowych",
    "działań korygujących i doskonalących",
    "pomiaru satysfakcji klientów urzędu",
    "przeglądu zarządzania przez Prezydenta Miasta",
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
QUERIES = ["jakosci", "jakości", "procedura", "skarg", "PR-001"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Rollback(Exception):
    """Leaves the transaction, undoing everything the benchmark created."""


class Command(BaseCommand):
    help = "Time the register's search on N generated documents (nothing is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=10000)
        parser.add_argument("--queries", type=int, default=50, help="Runs of each query.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, documents, queries, seed, **options):
        if documents < 1 or queries < 1:
            raise CommandError("--documents and --queries must be at least 1.")
        vendor = connection.vendor
        self.stdout.write(
            f"Database: {vendor} ({connection.settings_dict['NAME']}); "
            f"{documents} documents, {queries} runs per query."
        )
        try:
            with transaction.atomic():
                self.create(documents, random.Random(seed))
                if vendor == "postgresql":
                    with connection.cursor() as cursor:
                        # A real register's index has had its pending entries merged by
                        # autovacuum; do it now, then give the planner fresh statistics.
                        cursor.execute("SELECT gin_clean_pending_list('qms_document_search_idx')")
                        cursor.execute("ANALYZE qms_document")
                        cursor.execute("ANALYZE qms_documentversion")
                self.measure(queries)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write("Rolled back: the benchmark's documents are gone.")

    def create(self, count, rng):
        started = time.perf_counter()
        user = get_user_model().objects.create(username=f"benchmark-{timezone.now():%H%M%S%f}")
        units = OrganisationalUnit.objects.bulk_create(
            OrganisationalUnit(code=f"BM-{i:02d}", name=f"Wydział testowy {i}") for i in range(20)
        )
        processes = Process.objects.bulk_create(
            Process(code=f"BM-P{i:02d}", name=f"Proces testowy {i}", kind=ProcessKind.CORE)
            for i in range(12)
        )
        rows, version_rows = [], []
        for i in range(count):
            kind, prefix, word = KINDS[i % len(KINDS)]
            code = f"{prefix}-{i:05d}"
            title = f"{word} {rng.choice(SUBJECTS)}"
            summaries = rng.sample(CHANGES, 3)
            rows.append(
                Document(
                    code=code,
                    title=title,
                    kind=kind,
                    unit=rng.choice(units),
                    process=rng.choice(processes),
                    search_text=index(code, title, *summaries),
                )
            )
        created = Document.objects.bulk_create(rows, batch_size=2000)
        now, today = timezone.now(), timezone.localdate()
        for document in created:
            version_rows.append(
                DocumentVersion(
                    document=document,
                    revision=3,
                    change_summary="",
                    file="documents/benchmark.pdf",
                    sha256="0" * 64,
                    content_type="application/pdf",
                    status=VersionStatus.IN_FORCE,
                    author=user,
                    approver=user,
                    approved_at=now,
                    effective_on=today,
                    next_review_on=default_next_review(today),
                )
            )
        DocumentVersion.objects.bulk_create(version_rows, batch_size=2000)
        self.stdout.write(f"Created in {time.perf_counter() - started:.1f} s.")

    def measure(self, runs):
        staff = AnonymousUser()  # sees what staff see: documents in force
        self.stdout.write(f"{'query':<14}{'rows':>8}{'median ms':>12}{'p95 ms':>10}")
        for query in QUERIES:
            timings, count = [], 0
            for _ in range(runs):
                started = time.perf_counter()
                filters = DocumentFilter(
                    QueryDict(urlencode({"q": query})), queryset=register_queryset(staff)
                )
                page = Paginator(filters.qs, 50).get_page(1)
                list(page)
                count = page.paginator.count
                timings.append((time.perf_counter() - started) * 1000)
            self.stdout.write(
                f"{repr(query):<14}{count:>8}{statistics.median(timings):>12.1f}"
                f"{percentile(timings, 0.95):>10.1f}"
            )
