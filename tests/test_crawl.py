"""Every page each role can reach, crawled from "/" and "/intranet/" over the demo data.

Breadth-first over the links of each page (<a href>, and GET forms as sent unchanged), same site
only, each URL once, at most CAP pages per URL name. Nobody gets a server error; the visitor
reaches no intranet page; the employee sees no form that changes a quality record; every PDF
link gives a PDF; and no GET changes a record.
"""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.urls import Resolver404, resolve

from qms import pdf

# The demo data is loaded once for the module (`shared_demo`); each test runs in its own
# transaction on top of it. Crawling every page as each role takes minutes: not for the quick
# loop (`-m "not slow"`).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Pages of one URL name crawled at most (three certificates, three documents ...); a PDF once.
CAP = 3
PDF_CAP = 1
# The POST forms an employee may see: its own account, confirming it has read a document, and
# the residents' survey (anyone answers it; the quality page invites to it).
EMPLOYEE_POSTS = {
    "logout",
    "password_change",
    "set_language",
    "intranet:version_confirm_read",
    "public:survey_form",
}


class Links(HTMLParser):
    """The links of a page: <a href>, GET forms (with their fields' values), POST forms."""

    def __init__(self):
        super().__init__()
        self.links, self.post_actions = [], []
        self._form = None  # [action, fields] of the GET form being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self.post_actions.append(attrs.get("action") or "")
            else:
                self._form = [attrs.get("action") or "", []]
        elif self._form is not None and tag in ("input", "select", "textarea") and "name" in attrs:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "reset", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._form[1].append((attrs["name"], attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            action, fields = self._form
            # Sent as it stands (empty filters): "?status=&year=" on the form's own page.
            self.links.append(f"{action.split('?')[0]}?{urlencode(fields)}")
            self._form = None


def url_name(path):
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def is_intranet(path):
    return path.startswith(("/intranet/", "/en/intranet/"))


def crawl(client, starts, *, english=False):
    """Visit what `client` can reach from `starts`. Returns (visited, problems, post forms)."""
    queue = deque(starts)
    seen = set(starts)
    per_name = Counter()
    visited, problems, post_forms = [], [], []

    def enqueue(page, href):
        parts = urlsplit(urljoin(page, href))
        if parts.scheme not in ("http", "") or parts.netloc not in ("", "testserver"):
            return
        if parts.path.startswith("/static/") or parts.path.startswith("/en/") != english:
            return  # not a page; or the switch to the other language
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        name = url_name(parts.path)
        if url in seen or name == "logout":
            return
        seen.add(url)
        queue.append(url)

    while queue:
        url = queue.popleft()
        path = urlsplit(url).path
        name = url_name(path)
        is_pdf = bool(name and (name.endswith("_pdf") or path.endswith(".pdf")))
        if per_name[name] >= (PDF_CAP if is_pdf else CAP):
            continue
        per_name[name] += 1
        try:
            response = client.get(url)
        except Exception as error:  # the test client re-raises a view's exception: a 500
            problems.append(f"{url}: {error!r}")
            continue
        visited.append((url, response))
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        elif is_pdf and (
            response.status_code != 200 or response["Content-Type"] != "application/pdf"
        ):
            problems.append(f"{url}: {response.status_code} {response['Content-Type']} (PDF)")
        if response.status_code in (301, 302):
            enqueue(url, response["Location"])
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        links = Links()
        links.feed(response.content.decode())
        for href in links.links:
            enqueue(url, href)
        for action in links.post_actions:
            post_forms.append((url, urlsplit(urljoin(url, action)).path))
    return visited, problems, post_forms


def row_counts():
    """How many rows each model of the quality system (and its change history) has."""
    return {
        model._meta.label: model._default_manager.count()
        for app in ("qms", "certificates", "audits", "surveys")
        for model in apps.get_app_config(app).get_models()
    }


def signed_in(client, username):
    client.logout()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def pdfs_rendered_once(monkeypatch, username):
    """WeasyPrint runs in the coordinator's crawls, which meet every PDF link. For the other
    roles a PDF's template is still rendered, but not typeset: that took most of their time."""
    if username != "coordinator":
        monkeypatch.setattr(pdf, "html_to_pdf", lambda html, base_url: b"%PDF-1.7 (not rendered)")


@pytest.mark.parametrize("username", [None, "employee", "owner", "auditor", "coordinator", "clerk"])
def test_crawl_as_each_role(client, shared_demo, pdfs_rendered_once, username):
    client = signed_in(client, username)
    before = row_counts()
    visited, problems, post_forms = crawl(client, ["/", "/intranet/"])
    assert not problems, f"{username or 'visitor'}:\n" + "\n".join(problems)
    intranet = [url for url, _response in visited if is_intranet(urlsplit(url).path)]
    assert intranet, "the crawl found no intranet page at all"
    if username is None:
        opened = [
            f"{url}: {response.status_code}"
            for url, response in visited
            if is_intranet(urlsplit(url).path)
            and not (
                response.status_code == 302
                and urlsplit(response["Location"]).path == "/accounts/login/"
            )
        ]
        assert not opened, "the visitor reached intranet pages:\n" + "\n".join(opened)
    if username == "employee":
        changing = sorted(
            {
                f"{page} posts to {action} ({url_name(action)})"
                for page, action in post_forms
                if url_name(action) not in EMPLOYEE_POSTS
            }
        )
        assert not changing, "the employee sees forms that change records:\n" + "\n".join(changing)
    changed = {label: (n, row_counts()[label]) for label, n in before.items()}
    changed = {label: counts for label, counts in changed.items() if counts[0] != counts[1]}
    assert not changed, f"GET requests changed records (rows before, after): {changed}"


def test_crawl_in_english(client, shared_demo):
    """The English side (/en/...) as the coordinator, who can open the most pages."""
    visited, problems, _post_forms = crawl(
        signed_in(client, "coordinator"), ["/en/", "/en/intranet/"], english=True
    )
    assert not problems, "\n".join(problems)
    assert len(visited) > 50
