"""The portal served as in production, measured with a real load tool (wrk).

    python manage.py benchmark_serving [--seconds 3] [--rounds 5] [--connections 8]
                                       [--workers 2] [--factor N]

Nothing is written to the configured database: the command makes a throwaway one beside it
(qms.benchmarking), loads the demo into it (and, with --factor, N times the demo:
generate_scale_data), starts gunicorn with the repository's settings file and the production
settings (--workers sync workers; a throwaway directory for the file cache, or the Redis of
REDIS_URL), signs the coordinator in, and runs wrk (Debian's package: `make bench` installs it)
against each page in turn, round after round, so that every page meets the machine in the
same state:

- the trivial response: an anonymous GET of /intranet/, answered with the redirect to the
  sign-in page through the whole middleware stack (the baseline of the ratios);
- /healthz (one query);
- the residents' quality page and the current certificate's PDF, anonymous (from the cache once
  rendered: qms/public_cache.py);
- signed in as the coordinator: the document register, a process card, an audit, the search.

For each: requests per second over all rounds, the median of the rounds' 50th, 95th and 99th
latency percentiles in milliseconds (wrk's own figures), and the ratio of its requests per second
to the trivial response's in the same round (the median of the rounds'). The signed-in pages are
measured a second time each round with one connection a worker: their p95 then is a request's
own time, where with 8 connections on 2 workers it is mostly the queue. Then the certificate's
PDF rendered without the cache, one request at a time (a new query string each time makes a new
cache key). The issue's goals are printed against the figures: they are read, not asserted
(README, "Speed is measured").
"""

import functools
import io
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import reverse

from qms.benchmarking import (
    cache_environment,
    database_url,
    gunicorn,
    milliseconds,
    on_throwaway,
    request,
    run_on_throwaway,
)

THROWAWAY = "SERVING_BENCHMARK_THROWAWAY_DATABASE"
TRIVIAL = "trivial: GET /intranet/ (→ sign-in)"
# What wrk prints at the end of a run, read back as JSON: its own percentiles, in microseconds.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %d, "duration_us": %d, "errors": %d, ' ..
    '"p50": %d, "p95": %d, "p99": %d}\\n',
    summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""
UNCACHED_PDFS = 5
# The goals (issue 15): ratios to the trivial response, and times.
GOALS = {
    "public page ≥ 0.8× the trivial response": ("quality page", "ratio", 0.8),
    "cached certificate PDF ≥ 0.5×": ("certificate PDF", "ratio", 0.5),
}
INTRANET_P95_MS = 150
UNCACHED_PDF_MS = 300


def targets(session):
    """(name, path, headers) of each page measured, on the demo's records."""
    from audits.models import Audit
    from certificates.models import Certificate
    from qms.models import Process

    certificate = Certificate.objects.current()
    process = Process.objects.get(code="P-04")
    audit = Audit.objects.order_by("-pk").first()
    signed_in = {"Cookie": f"sessionid={session}"}
    return [
        (TRIVIAL, reverse("intranet:home"), {}),
        ("/healthz", "/healthz", {}),
        ("quality page", reverse("public:quality_page"), {}),
        ("certificate PDF", reverse("public:certificate_pdf", args=[certificate.pk]), {}),
        ("document register", reverse("intranet:document_list"), signed_in),
        ("process card", reverse("intranet:process_detail", args=[process.pk]), signed_in),
        ("audit", reverse("audits:audit_detail", args=[audit.pk]), signed_in),
        ("search", reverse("intranet:search") + "?q=audyt", signed_in),
    ]


def wrk(port, path, headers, *, seconds, connections, script):
    """One wrk run: its figures (requests, duration, errors, percentiles in µs)."""
    command = [
        "wrk",
        "--threads=2",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={script}",
        *[f"--header={name}: {value}" for name, value in headers.items()],
        f"http://127.0.0.1:{port}{path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        if line.startswith("WRK-JSON "):
            return json.loads(line.removeprefix("WRK-JSON "))
    raise CommandError(f"wrk printed no figures:\n{output}")


class Command(BaseCommand):
    help = (
        "Serve the demo with gunicorn on a throwaway database and measure the public page, the "
        "certificate PDF and intranet pages with wrk, as ratios to a trivial response."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=3, help="each page, each round")
        parser.add_argument("--rounds", type=int, default=5)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--factor", type=int, default=1, help="N times the demo's records")
        parser.add_argument("--here", action="store_true", help="(Used by the command itself.)")
        parser.add_argument("--described", default="", help=" (with --here) the database, said")

    def handle(self, *args, seconds, rounds, connections, workers, factor, here, **options):
        if min(seconds, rounds, connections, workers, factor) < 1:
            raise CommandError("Every number must be at least 1.")
        if shutil.which("wrk") is None:
            raise CommandError("wrk is missing: `make bench` installs it (Debian's package wrk).")
        arguments = [
            f"--seconds={seconds}",
            f"--rounds={rounds}",
            f"--connections={connections}",
            f"--workers={workers}",
            f"--factor={factor}",
        ]
        if not here:
            with tempfile.TemporaryDirectory(prefix="serving-cache-") as cache_dir:
                os.environ.setdefault("CACHE_DIR", cache_dir)
                run_on_throwaway("benchmark_serving", "serving", THROWAWAY, arguments)
            return
        if not on_throwaway(THROWAWAY):
            raise CommandError("--here runs only on the throwaway database the command makes.")
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_demo", force=True, stdout=io.StringIO())
        if factor > 1:
            call_command("generate_scale_data", factor=factor)
        call_command("reindex_search", stdout=io.StringIO())
        prepared = time.perf_counter() - started
        client = Client()
        client.force_login(self.coordinator())
        session = client.cookies["sessionid"].value
        pages = targets(session)
        with (
            tempfile.NamedTemporaryFile("w", suffix=".lua") as script,
            gunicorn(database_url(), workers=workers, environment=cache_environment()) as port,
        ):
            script.write(WRK_REPORT)
            script.flush()
            for _name, path, headers in pages:  # warm up: fill the cache, load each worker
                for _ in range(workers * 2):
                    status, _h, _b = request(port, "GET", path, headers=headers)
                    if status >= 400:
                        raise CommandError(f"GET {path} answered {status}.")
            runs = {name: [] for name, _path, _headers in pages}
            alone = {name: [] for name, _path, headers in pages if headers}
            for _round in range(rounds):
                for name, path, headers in pages:
                    measure = functools.partial(
                        wrk, port, path, headers, seconds=seconds, script=script.name
                    )
                    runs[name].append(measure(connections=connections))
                    if name in alone:
                        alone[name].append(measure(connections=workers))
            pdf_path = pages[3][1]
            uncached = []
            for number in range(UNCACHED_PDFS):
                begun = time.perf_counter()
                status, _h, _b = request(port, "GET", f"{pdf_path}?uncached={number}")
                uncached.append(time.perf_counter() - begun)
                if status != 200:
                    raise CommandError(f"GET {pdf_path} answered {status}.")
        self.report(runs, uncached, pages, seconds, rounds, connections, workers, factor, alone)
        self.stdout.write(
            f"On {options['described']}, demo ×{factor} prepared in {prepared:.0f} s; "
            f"{os.cpu_count()} cores."
        )

    def coordinator(self):
        from django.contrib.auth.models import User

        return User.objects.get(username="coordinator")

    def report(
        self, runs, uncached, pages, seconds, rounds, connections, workers, factor, alone=None
    ):
        alone = alone or {}
        figures = {name: self.figures(results) for name, results in runs.items()}
        # Each page against the trivial response of its own round, the median of the rounds:
        # the machine's pace drifts between rounds more than the pages differ.
        ratios = {
            name: statistics.median(
                page["requests"] / page["duration_us"] / (base["requests"] / base["duration_us"])
                for page, base in zip(results, runs[TRIVIAL], strict=True)
            )
            for name, results in runs.items()
        }
        self.stdout.write(
            f"Served by gunicorn ({workers} sync workers, production settings); wrk with 2 "
            f"threads and {connections} connections, {seconds} s a page, {rounds} rounds "
            "interleaved. Percentiles: the median of the rounds'; × trivial: the median of the "
            "rounds' ratios."
        )
        self.stdout.write(
            f"  {'page':<38}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
            f"{'× trivial':>11}{'errors':>8}"
        )
        for name, _path, _headers in pages:
            row = figures[name]
            self.stdout.write(
                f"  {name:<38}{row['per_second']:>8.0f}{row['p50']:>9.1f}{row['p95']:>9.1f}"
                f"{row['p99']:>9.1f}{ratios[name]:>11.2f}{row['errors']:>8}"
            )
        lone = {name: self.figures(results) for name, results in alone.items()}
        if lone:
            self.stdout.write(
                f"Signed-in pages again with {workers} connections, one request a worker at a "
                "time (a request's own time, no queue):"
            )
            for name, row in lone.items():
                self.stdout.write(
                    f"  {name:<38}{row['per_second']:>8.0f}{row['p50']:>9.1f}"
                    f"{row['p95']:>9.1f}{row['p99']:>9.1f}{'':>11}{row['errors']:>8}"
                )
        median_pdf = milliseconds(uncached, 0.5)
        self.stdout.write(
            f"  certificate PDF without the cache, one at a time: median {median_pdf:.0f} ms "
            f"over {len(uncached)}"
        )
        self.stdout.write("Goals (issue 15):")
        for goal, (name, _kind, least) in GOALS.items():
            ratio = ratios[name]
            self.stdout.write(f"  {goal}: {ratio:.2f}× — {'met' if ratio >= least else 'NOT met'}")
        self.stdout.write(
            f"  uncached certificate PDF < {UNCACHED_PDF_MS} ms: {median_pdf:.0f} ms — "
            f"{'met' if median_pdf < UNCACHED_PDF_MS else 'NOT met'}"
        )
        for name in ("document register", "process card", "audit", "search"):
            for label, table in (("", figures), (f", {workers} connections", lone)):
                if name not in table:
                    continue
                p95 = table[name]["p95"]
                self.stdout.write(
                    f"  {name} p95 < {INTRANET_P95_MS} ms{label}: {p95:.1f} ms — "
                    f"{'met' if p95 < INTRANET_P95_MS else 'NOT met'}"
                )
        errors = sum(row["errors"] for row in [*figures.values(), *lone.values()])
        if errors:
            raise CommandError(f"{errors} requests failed or were refused: the figures are void.")

    @staticmethod
    def figures(results):
        """Requests per second over `results` (wrk runs), errors, and the median of their
        percentiles in ms."""
        requests = sum(result["requests"] for result in results)
        duration = sum(result["duration_us"] for result in results) / 1e6
        return {
            "per_second": requests / duration,
            "errors": sum(result["errors"] for result in results),
            **{
                key: statistics.median(result[key] for result in results) / 1000
                for key in ("p50", "p95", "p99")
            },
        }
