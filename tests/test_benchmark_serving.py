"""The serving benchmark (manage.py benchmark_serving) reads wrk truly: its figures come from a
real wrk run against gunicorn, a refused request makes the figures void, and the report's ratios
and goals are computed from the figures."""

import io

import pytest
from django.core.management.base import CommandError

from qms.benchmarking import WSGI_APP
from qms.management.commands import benchmark_serving
from tests import helpers


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_wrk_figures_are_read_back_and_refusals_are_counted(tmp_path):
    script = tmp_path / "report.lua"
    script.write_text(benchmark_serving.WRK_REPORT)
    with helpers.gunicorn({}, app=WSGI_APP) as (port, _log):
        served = benchmark_serving.wrk(
            port, "/healthz", {}, seconds=1, connections=2, script=script
        )
        refused = benchmark_serving.wrk(
            port, "/no-such-page/", {}, seconds=1, connections=2, script=script
        )
    assert served["requests"] > 10
    assert served["errors"] == 0
    assert 0 < served["p50"] <= served["p95"] <= served["p99"]
    # Every figure the report reads came back (req/s is worked out from the run's duration).
    assert set(served) >= {"requests", "duration_us", "errors", "p50", "p95", "p99"}
    # A 404 is not a page served: every one counts as an error.
    assert refused["errors"] == refused["requests"] > 0


def run(requests, *, errors=0, p95=10_000):
    return {
        "requests": requests,
        "duration_us": 1_000_000,
        "errors": errors,
        "p50": 5_000,
        "p95": p95,
        "p99": 2 * p95,
    }


PAGES = [
    (benchmark_serving.TRIVIAL, "/intranet/", {}),
    ("/healthz", "/healthz", {}),
    ("quality page", "/", {}),
    ("certificate PDF", "/certificates/1/pdf/", {}),
    ("document register", "/intranet/documents/", {}),
    ("process card", "/intranet/processes/1/", {}),
    ("audit", "/intranet/audits/1/", {}),
    ("search", "/intranet/search/?q=audyt", {}),
]


def report(runs, uncached=(0.2, 0.25, 0.4), alone=None):
    command = benchmark_serving.Command(stdout=io.StringIO())
    command.report(runs, list(uncached), PAGES, 3, 2, 8, 2, 1, alone)
    return command.stdout.getvalue()


def test_the_report_gives_each_page_as_a_ratio_to_the_trivial_response_and_reads_the_goals():
    runs = {name: [run(500), run(500)] for name, _path, _headers in PAGES}
    runs["quality page"] = [run(450), run(450)]
    runs["certificate PDF"] = [run(200), run(200)]
    runs["search"] = [run(50, p95=400_000), run(50, p95=200_000)]
    text = report(runs)
    assert "0.90" in text  # the quality page: 900 requests against 1,000
    assert "public page ≥ 0.8× the trivial response: 0.90× — met" in text
    assert "cached certificate PDF ≥ 0.5×: 0.40× — NOT met" in text
    # The median of the rounds' p95: 300 ms.
    assert "search p95 < 150 ms: 300.0 ms — NOT met" in text
    assert "uncached certificate PDF < 300 ms: 250 ms — met" in text


def test_each_ratio_is_the_median_of_the_rounds_ratios_to_the_trivial_response_of_that_round():
    runs = {name: [run(1000), run(500), run(800)] for name, _path, _headers in PAGES}
    # The machine slowed down in the second round: each round's ratio is 0.8.
    runs["quality page"] = [run(800), run(400), run(640)]
    assert "public page ≥ 0.8× the trivial response: 0.80× — met" in report(runs)


def test_the_signed_in_pages_p95_is_also_read_with_one_connection_a_worker():
    runs = {name: [run(500)] for name, _path, _headers in PAGES}
    runs["search"] = [run(50, p95=400_000)]
    alone = {"search": [run(20, p95=120_000)]}
    text = report(runs, alone=alone)
    assert "search p95 < 150 ms: 400.0 ms — NOT met" in text
    assert "search p95 < 150 ms, 2 connections: 120.0 ms — met" in text
    alone["search"] = [run(20, p95=120_000, errors=1)]
    with pytest.raises(CommandError, match="1 requests failed"):
        report(runs, alone=alone)


def test_a_run_with_refused_requests_is_void():
    runs = {name: [run(500)] for name, _path, _headers in PAGES}
    runs["audit"] = [run(500, errors=3)]
    with pytest.raises(CommandError, match="3 requests failed"):
        report(runs)
