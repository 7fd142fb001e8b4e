"""Time the minutes of the management review ("Protokół z przeglądu zarządzania") as a PDF, on a
year of demo data, then leave the database as it was.

    python manage.py benchmark_review_minutes [--runs 5]

Inside one transaction that is rolled back at the end, it loads the demo (what is missing of
it), then renders, `--runs` times each, the minutes of the demo's approved review (last year's,
with its twelve sections, charts, commentary and actions) and, as a baseline measured in the
same run, the PDF of this year's quality objectives, both as the coordinator would open them.
It prints the medians and p95 in milliseconds, the queries of each, and the ratio of the
minutes to the baseline: the figures compare between machines. No test asserts the time; the
aim is minutes in well under 2 s.
"""

import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import translation

from qms.demo import load_all
from qms.models import ManagementReview, today


class Rollback(Exception):
    """Leaves the transaction, undoing everything the benchmark created."""


def p95(timings):
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Time the management review's minutes PDF on the demo's year (nothing kept)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5, help="Timings of each PDF.")

    def handle(self, *args, runs, **options):
        if runs < 1:
            raise CommandError("--runs must be at least 1.")
        self.stdout.write(
            f"Database: {connection.vendor} ({connection.settings_dict['NAME']}); {runs} runs."
        )
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        try:
            with (
                transaction.atomic(),
                translation.override(settings.LANGUAGE_CODE),
                override_settings(STORAGES=storages),
            ):
                load_all()
                self.measure(runs)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write("Rolled back: the benchmark's records are gone.")

    def measure(self, runs):
        review = ManagementReview.objects.approved().order_by("-held_on").first()
        if review is None:
            raise CommandError("The demo has no approved management review.")
        user = get_user_model().objects.get(username="coordinator")
        host = next((h for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost")
        requests = RequestFactory(HTTP_HOST=host.lstrip("."))

        def pdf(path):
            def call():
                request = requests.get(path)
                request.user = user
                match = resolve(path)
                response = match.func(request, *match.args, **match.kwargs)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")
                return len(response.content)

            return call

        def timed(work):
            with CaptureQueriesContext(connection) as queries:
                size = work()  # the first call also warms WeasyPrint and the templates
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                work()
                timings.append((time.perf_counter() - started) * 1000)
            return statistics.median(timings), p95(timings), len(queries), size

        baseline = timed(pdf(reverse("intranet:objective_pdf", args=[today().year])))
        minutes = timed(pdf(reverse("intranet:review_pdf", args=[review.pk])))
        self.stdout.write(f"{'':<26}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'bytes':>10}")
        for label, (median, high, queries, size) in (
            ("objectives PDF (baseline)", baseline),
            (f"minutes {review.number}", minutes),
        ):
            self.stdout.write(f"{label:<26}{median:>10.0f}{high:>9.0f}{queries:>9}{size:>10}")
        self.stdout.write(f"Ratio of the minutes to the baseline: {minutes[0] / baseline[0]:.1f}")
