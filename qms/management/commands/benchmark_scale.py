"""Time every intranet list with N times the demo's records (qms/scale.py).

    python manage.py benchmark_scale [--factor 100] [--runs 20] [--as-is] [--only /intranet/x/]

Inside one transaction that is rolled back at the end, it loads the demo (what is missing of it)
and makes the database hold `--factor` times it (manage.py generate_scale_data), then opens each
intranet list as the demo account who uses it would, through the whole middleware stack (the test
client), `--runs` times after one warm-up, and counts its queries. It prints the median and p95
in milliseconds, and the median's ratios to two responses measured in the same run: a trivial
one (an anonymous GET of /intranet/, answered with the redirect to the sign-in page) and a small
signed-in page (the two quality policies): the ratios compare between machines. `--as-is`
measures the database as it is instead (one already holding the demo and its copies), and
changes nothing but a session row per account, removed at the end.
"""

import statistics
import time

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from qms import demo, scale
from qms.models import DocumentVersion

BAR_MS = 150  # the bar for a list's p95 on PostgreSQL at 100 times the demo


class Rollback(Exception):
    """Leaves the transaction, undoing everything the benchmark loaded."""


class QueryCounter:
    """Counts a request's queries and the time they take (the test client's request resets
    connection.queries, so CaptureQueriesContext would see none)."""

    def __init__(self):
        self.count, self.ms = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.ms += (time.perf_counter() - started) * 1000


def p95(timings):
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Time every intranet list with N times the demo's records (nothing kept)."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=100)
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument(
            "--as-is",
            action="store_true",
            help="Measure the database as it is (holding the demo and its copies already).",
        )
        parser.add_argument(
            "--only", default="", help="Measure only the pages whose address contains this."
        )

    def handle(self, *args, factor, runs, as_is=False, only="", **options):
        self.only = only
        self.stdout.write(f"Database: {connection.vendor} ({connection.settings_dict['NAME']}).")
        if as_is:
            copies = scale.present_copies()
            self.stdout.write(f"As it is: the demo and {len(copies)} copies of it.")
            self.measure(runs)
            return
        existing = set(DocumentVersion.objects.values_list("file", flat=True))
        stored = set()
        try:
            with transaction.atomic():
                started = time.perf_counter()
                demo.load_all()
                stored = set(DocumentVersion.objects.values_list("file", flat=True)) - existing
                outcome = scale.generate(factor)
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")  # the planner sees the rows just written
                self.stdout.write(
                    f"{factor} times the demo made in {time.perf_counter() - started:.1f} s "
                    f"({outcome.rows} records copied in {outcome.seconds:.1f} s)."
                )
                self.measure(runs)
                raise Rollback
        except Rollback:
            pass
        finally:
            for name in stored:
                default_storage.delete(name)
        self.stdout.write("Rolled back: the records made and the files stored are gone.")

    def measure(self, runs):
        # The static files as they are in the repository: no collectstatic's manifest needed.
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(STORAGES=storages):
            self.measure_pages(runs)

    def measure_pages(self, runs):
        host = next((h for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost")
        clients = {}

        def client_for(username):
            if username not in clients:
                user = User.objects.filter(username=username).first()
                if user is None:
                    raise CommandError(f"No account {username!r}: load the demo first.")
                client = Client(HTTP_HOST=host.lstrip("."))
                if username:
                    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
                clients[username] = client
            return clients[username]

        def timed(client, path, expected):
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                response = client.get(path, secure=True)  # the warm-up
            if response.status_code != expected:
                raise CommandError(f"{path} answered {response.status_code}")
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                client.get(path, secure=True)
                timings.append((time.perf_counter() - started) * 1000)
            return statistics.median(timings), p95(timings), counter

        anonymous = Client(HTTP_HOST=host.lstrip("."))
        base, base_p95, _counter = timed(anonymous, reverse("intranet:home"), 302)
        # A signed-in page whose rows do not grow with the factor (the two quality policies):
        # what the middleware, the session and the base template cost alone.
        small, small_p95, _counter = timed(
            client_for("coordinator"), reverse("intranet:policy_list"), 200
        )
        self.stdout.write(
            f"Baselines: an anonymous GET of /intranet/ (a redirect), median {base:.1f} ms, p95 "
            f"{base_p95:.1f} ms; the quality policies (2 rows) as the coordinator, median "
            f"{small:.1f} ms, p95 {small_p95:.1f} ms. Ratios are to the medians."
        )
        self.stdout.write(
            f"| {'page':<44} | {'account':<11} | median | p95 | × redirect | × policies "
            "| queries | SQL ms |"
        )
        self.stdout.write(f"|{'-' * 46}|{'-' * 13}|---|---|---|---|---|---|")
        slow = []
        try:
            for username, name, query in scale.PAGES:
                path = reverse(name) + (f"?{query}" if query else "")
                if self.only not in path:
                    continue
                median, high, counter = timed(client_for(username), path, 200)
                if high > BAR_MS:
                    slow.append(path)
                self.stdout.write(
                    f"| {path:<44} | {username:<11} | {median:.1f} | {high:.1f} | "
                    f"{median / base:.0f} | {median / small:.1f} | {counter.count} | "
                    f"{counter.ms:.0f} |"
                )
        finally:
            for client in clients.values():
                client.logout()
        if slow:
            self.stdout.write(f"Over {BAR_MS} ms at p95: {', '.join(slow)}")
