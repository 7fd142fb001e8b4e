"""deploy/nginx.conf in front of two app servers, as docs/deployment.md describes: the file in
the repository, with only its addresses, certificate and cache directory put to this machine's
(a self-signed certificate, free ports), run by Debian's nginx in front of two gunicorn
instances on the test's database and cache.

It shows what the file promises: plain HTTP is sent to HTTPS; an anonymous public page is kept
by nginx for the minute the portal allows; a signed-in page is never kept nor served from the
cache, and the portal knows the request came over HTTPS (no redirect loop, secure cookies); the
health probe is not published; and when one app server stops, the other answers.
"""

import contextlib
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from qms import benchmarking as bench
from tests import factories, helpers

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CONF = helpers.BASE_DIR / "deploy" / "nginx.conf"
HOST = "jakosc.um.example.pl"  # the file's server_name


def _for_this_machine(text, *, apps, http_port, https_port, folder):
    """The repository's file with its machine-specific parts replaced (and nothing else)."""
    first, second = apps
    replacements = [
        (r"server 10\.0\.0\.11:8000", f"server 127.0.0.1:{first}"),
        (r"server 10\.0\.0\.12:8000", f"server 127.0.0.1:{second}"),
        (r"listen \[::\]:\d+[^;]*;\n", ""),  # no IPv6 promised on a test machine
        (r"listen 80;", f"listen 127.0.0.1:{http_port};"),
        (r"listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        (r"/etc/ssl/certs/[^;]+\.pem", str(folder / "cert.pem")),
        (r"/etc/ssl/private/[^;]+\.key", str(folder / "key.pem")),
        (r"/var/cache/nginx/qms", str(folder / "cache")),
    ]
    for pattern, replacement in replacements:
        text, found = re.subn(pattern, replacement, text)
        assert found, f"deploy/nginx.conf no longer has {pattern!r}: update this test"
    return text


@contextlib.contextmanager
def nginx(apps):
    """nginx with the repository's file, in front of the app servers on `apps`; yields its
    (http port, https port)."""
    if shutil.which("nginx") is None:
        pytest.fail("nginx is missing: `make test` installs it (Debian's nginx-light)")
    http_port, https_port = bench.free_port(), bench.free_port()
    with tempfile.TemporaryDirectory(prefix="nginx-") as name:
        folder = Path(name)
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", f"/CN={HOST}", "-keyout", folder / "key.pem", "-out", folder / "cert.pem"],
            check=True, capture_output=True,
        )  # fmt: skip
        site = _for_this_machine(
            CONF.read_text(), apps=apps, http_port=http_port, https_port=https_port, folder=folder
        )
        (folder / "nginx.conf").write_text(
            # Run by root (CI), its workers would be `nobody`, who cannot write in the folder.
            f"{'user root;' if os.geteuid() == 0 else ''}\n"
            f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
            f"http {{\n  access_log off;\n"
            f"  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
            f"{site}\n}}\n"
        )
        process = subprocess.Popen(
            ["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
            stderr=subprocess.PIPE,
        )
        try:
            _wait_for(https_port, process)
            yield http_port, https_port
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_for(port, process):
    for _ in range(100):
        if process.poll() is not None:
            pytest.fail(f"nginx stopped: {process.stderr.read().decode()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail("nginx did not start listening")


def _get(port, path, *, tls=True, cookie=None):
    """(status, headers, body) of one GET of `path` on nginx, over HTTPS unless `tls` is off."""
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
        connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=60, context=context)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": HOST, **({"Cookie": cookie} if cookie else {})}
    try:
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        return answer.status, answer.headers, answer.read()
    finally:
        connection.close()


def test_nginx_in_front_of_two_app_servers_keeps_only_what_the_portal_allows():
    factories.organisation()
    factories.representative(phone="(32) 100 00 07")
    coordinator = factories.staff_user("coordinator", role="coordinator")
    client = Client()
    client.force_login(coordinator)
    session = f"sessionid={client.cookies['sessionid'].value}"
    environment = {
        **bench.cache_environment(),
        "ALLOWED_HOSTS": HOST,
        "BEHIND_TLS_PROXY": "1",
        "SECURE_SSL_REDIRECT": "1",
        "SESSION_COOKIE_SECURE": "1",
        "CSRF_COOKIE_SECURE": "1",
    }
    # The benchmarks' application: static files' addresses from the finders, as a checkout
    # without `collectstatic` has no manifest (the production one would answer 500).
    app = bench.WSGI_APP
    with contextlib.ExitStack() as servers:
        first, log = servers.enter_context(helpers.gunicorn(environment, app=app))
        second_server = contextlib.ExitStack()
        second, _log2 = second_server.enter_context(helpers.gunicorn(environment, app=app))
        with second_server, nginx((first, second)) as (http_port, https_port):
            status, headers, _body = _get(http_port, "/", tls=False)
            assert (status, headers["Location"]) == (301, f"https://{HOST}/")

            status, headers, body = _get(https_port, "/")
            assert status == 200, helpers.read_log(log)
            assert "(32) 100 00 07" in body.decode()
            assert headers["X-Cache-Status"] == "MISS"
            assert headers["Cache-Control"] == "public, max-age=60"
            status, headers, again = _get(https_port, "/")
            assert (status, headers["X-Cache-Status"], again) == (200, "HIT", body)

            # Signed in: rendered for the person, never kept, never taken from the cache.
            intranet = reverse("intranet:home")
            for _ in range(2):
                status, headers, body = _get(https_port, intranet, cookie=session)
                assert status == 200, status  # HTTPS as far as the portal knows: no redirect
                assert headers["X-Cache-Status"] == "BYPASS"
                assert "no-store" in headers["Cache-Control"]
            status, headers, _body = _get(https_port, intranet)
            assert status == 302 and "/accounts/login/" in headers["Location"]

            status, headers, _body = _get(https_port, reverse("login"))
            assert status == 200
            assert "secure" in headers["Set-Cookie"].lower()  # the CSRF cookie, HTTPS only

            assert _get(https_port, "/healthz")[0] == 404
            assert bench.request(first, "GET", "/healthz")[0] == 200

            second_server.close()  # one app server stops: the other answers every request
            for _ in range(4):
                status, _headers, _body = _get(https_port, intranet, cookie=session)
                assert status == 200
