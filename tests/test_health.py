"""/healthz (qms/views/health.py) and the production server's settings (qms/gunicorn_conf.py,
`make serve`): the probe says "ok" only when the database answers, says nothing else, is never
cached, and is exempt from the HTTPS redirect that every other page gets."""

import os
import time

import pytest

from qms import benchmarking as bench
from tests import helpers


@pytest.mark.django_db
def test_the_probe_says_ok_to_anyone_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain"
    assert "no-store" in response["Cache-Control"]
    # No session, no CSRF cookie: a probe every few seconds leaves nothing behind.
    assert not response.cookies
    assert client.head("/healthz").status_code == 200


@pytest.mark.django_db
def test_the_probe_takes_no_post_and_has_no_language_variant(client):
    assert client.post("/healthz").status_code == 405
    assert client.get("/en/healthz").status_code == 404


@pytest.mark.django_db
def test_the_probe_is_exempt_from_the_https_redirect_that_every_page_gets(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_the_probe_answers_a_load_balancer_that_asks_by_the_server_s_address(client, settings):
    settings.ALLOWED_HOSTS = ["jakosc.um.example.pl"]
    assert client.get("/", HTTP_HOST="10.0.0.11:8000").status_code == 400
    response = client.get("/healthz", HTTP_HOST="10.0.0.11:8000")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert client.post("/healthz", HTTP_HOST="10.0.0.11:8000").status_code == 405


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_gunicorn_with_the_repositorys_settings_answers_the_probe():
    with helpers.gunicorn({}) as (port, log):
        status, _headers, body = bench.request(port, "GET", "/healthz")
        assert (status, body) == (200, b"ok\n")
        time.sleep(0.5)
        log.seek(0)
        # The access log goes to the standard output, for the journal.
        assert '"GET /healthz HTTP/1.1" 200' in log.read().decode()


@pytest.mark.slow
def test_without_its_database_the_server_says_unavailable_and_nothing_more(tmp_path):
    missing = tmp_path / "no-such-directory" / "db.sqlite3"
    with helpers.gunicorn({"DATABASE_URL": f"sqlite:///{missing}"}) as (port, _log):
        status, _headers, body = bench.request(port, "GET", "/healthz")
    assert (status, body) == (503, b"unavailable\n")


def test_the_server_settings_follow_the_environment(monkeypatch):
    import importlib

    import qms.gunicorn_conf as conf

    monkeypatch.setenv("BIND", "0.0.0.0:9000")
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    importlib.reload(conf)
    assert (conf.bind, conf.workers, conf.timeout) == ("0.0.0.0:9000", 4, 90)
    for name in ("BIND", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name)
    importlib.reload(conf)
    assert conf.bind == "127.0.0.1:8000"
    assert conf.workers == (os.cpu_count() or 1) * 2 + 1
    assert conf.wsgi_app == "qms.wsgi:application"
