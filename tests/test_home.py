"""The intranet home: every list of work says how many there are and leads to all of them; no
page cuts a list short without saying so; findings nobody owns reach the coordinator's office."""

import ast
import re
from html import unescape
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from audits.models import AuditStatus, Finding, FindingKind
from qms import roles
from qms import services as qms_services
from qms.models import StaffProfile, today
from qms.views import home
from tests import factories
from tests.helpers import BASE_DIR

# No silent caps: a list shown in part says how many there are and links to the rest

APPS = ("qms", "audits", "certificates")
# What a QuerySet method returns is a QuerySet; a slice of that is a list shown in part.
QUERYSET_METHODS = {
    "all",
    "alias",
    "annotate",
    "complex_filter",
    "dates",
    "datetimes",
    "defer",
    "difference",
    "distinct",
    "exclude",
    "extra",
    "filter",
    "intersection",
    "none",
    "only",
    "order_by",
    "prefetch_related",
    "reverse",
    "select_for_update",
    "select_related",
    "union",
    "using",
    "values",
    "values_list",
}
# The slices that are no silent cap, and why.
SLICES_THAT_SAY_HOW_MANY = {
    ("qms/views/home.py", "work_list"): (
        "each list of the home page says how many there are in all and links to the full list "
        "(test_every_list_of_work_says_how_many_and_links_to_all)"
    ),
    ("qms/shortcuts.py", "get_page"): (
        "CountingPaginator cuts a page as Django's Paginator does, and counts every row in the "
        "same query: the page says how many there are and links to the others"
    ),
    ("qms/models/objectives.py", "with_progress"): (
        "a quality objective's latest measured value and the one before it: two values, not a "
        "list shown in part"
    ),
    ("qms/models/objectives.py", "_progress"): (
        "the same two values, read for one objective without the annotation"
    ),
    ("qms/review_snapshot.py", "first_rows"): (
        "a management review's section lists its first rows and says how many more there were "
        "(qms.review_snapshot.table)"
    ),
    ("qms/management/commands/benchmark_pdf.py", "create_audits"): (
        "a benchmark's sample of clauses, shown to no one"
    ),
    ("qms/forms/fields.py", "to_python"): (
        "a code or key typed in a filter matches at most two records (a key, and another "
        "record's code of digits alone): the field picks one and shows no list"
    ),
}


def project_queryset_methods():
    """The methods of the project's own querysets and managers (in_force, overdue ...)."""
    names = set()
    for model in apps.get_models():
        manager = model._default_manager
        for cls in (*type(manager).__mro__, *type(manager.get_queryset()).__mro__):
            if cls.__module__.split(".")[0] in APPS:
                names |= {name for name in vars(cls) if not name.startswith("_")}
    return names


def queryset_slices(source, methods):
    """(line, function) of each slice of a queryset in Python `source`: `<...>.filter(...)[:20]`,
    and each islice(); a slice of one row (`[:1]`, a subquery's pick) is no list."""
    found = []

    def visit(node, function):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            value, upper = node.value, node.slice.upper
            one_row = isinstance(upper, ast.Constant) and upper.value == 1
            if (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Attribute)
                and value.func.attr in methods
                and not one_row
            ):
                found.append((node.lineno, function))
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name == "islice":
                found.append((node.lineno, function))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(ast.parse(source), None)
    return found


# A template tag or variable that slices; a test in {% if %} compares a value's first characters.
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_SLICE = re.compile(r"\|\s*slice\s*:")
_TEST = re.compile(r"\{%-?\s*(if|elif)\b")


def template_slices(text):
    """The line of each `|slice` in template `text` that shows part of a list."""
    return [
        text.count("\n", 0, tag.start()) + 1
        for tag in _TEMPLATE_TAG.finditer(text)
        if _SLICE.search(tag.group()) and not _TEST.match(tag.group())
    ]


def test_the_search_finds_a_list_cut_short():
    methods = QUERYSET_METHODS | {"in_force"}
    source = (
        "def page(request):\n"
        "    rows = Document.objects.in_force()[:20]\n"
        "    rest = list(islice(qs, 5))\n"
        "    first = Version.objects.filter(x=1).values('pk')[:1]\n"
        "    name = self.title[:60]\n"
        "    return rows\n"
    )
    assert queryset_slices(source, methods) == [(2, "page"), (3, "page")]
    text = (
        '{% for d in documents|slice:":5" %}{{ d }}{% endfor %}\n'
        '{% if url|slice:":4" == "http" %}{{ url }}{% endif %}\n'
        '{{ names|slice:":3"|join:", " }}\n'
    )
    assert template_slices(text) == [1, 3]


def test_no_page_cuts_a_list_short_without_saying_how_many():
    methods = QUERYSET_METHODS | project_queryset_methods()
    silent = []
    for app in APPS:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            relative = path.relative_to(BASE_DIR).as_posix()
            if "/migrations/" in relative:
                continue
            for line, function in queryset_slices(path.read_text(encoding="utf-8"), methods):
                if (relative, function) not in SLICES_THAT_SAY_HOW_MANY:
                    silent.append(f"{relative}:{line} (in {function}) slices a queryset")
    for path in sorted((BASE_DIR / "templates").rglob("*")):
        if path.suffix in (".html", ".txt"):
            for line in template_slices(path.read_text(encoding="utf-8")):
                relative = path.relative_to(BASE_DIR).as_posix()
                silent.append(f"{relative}:{line} shows part of a list with |slice")
    assert not silent, (
        "Lists cut short without saying how many there are: "
        + "; ".join(silent)
        + ". Show the count and link to the full list (qms/views/home.py work_list), or name the "
        "place in SLICES_THAT_SAY_HOW_MANY with the reason."
    )


def test_every_slice_excused_is_still_there():
    methods = QUERYSET_METHODS | project_queryset_methods()
    for path, function in SLICES_THAT_SAY_HOW_MANY:
        source = Path(BASE_DIR / path).read_text(encoding="utf-8")
        assert function in {f for _line, f in queryset_slices(source, methods)}, (path, function)


# Every list of work on the home page


def work_for(user, n, *, audits_per_list=1):
    """`n` rows of each list of work of the home page for `user` (who works in a unit and is on
    the team of the audits): editions to read and to approve, nonconformities of a process
    without an owner, the actions answering one of them, and actions waiting for verification."""
    from audits import services as audit_services

    unit = factories.org_unit()
    StaffProfile.objects.create(user=user, unit=unit, position="referent")
    author = factories.staff_user(role=roles.PROCESS_OWNER)
    approver = factories.staff_user(role=roles.COORDINATOR)
    for _ in range(n):
        document = factories.document(unit=unit, concerned_units=[unit])
        factories.version_in_force(document, author=author, approver=approver)
        reviewing = factories.document(unit=unit)
        qms_services.version_submit(
            version=factories.draft_version(reviewing, author=author), user=author
        )
    ownerless = factories.process(name="Ochrona środowiska")
    owned = factories.process(owner=author)
    # An audit records at most 20 findings, a finding at most 5 actions.
    audits = [
        factories.audit(status=AuditStatus.IN_PROGRESS, team=[user])
        for _ in range(max(1, 2 * n // 15 + 1))
    ]
    for i in range(n):
        factories.finding(audit=audits[i % len(audits)], process=ownerless, raised_on=today())
    for i in range(0, n, 5):
        answered = factories.finding(audit=audits[i % len(audits)], process=ownerless)
        for _ in range(min(5, n - i)):
            factories.corrective_action(finding=answered, responsible=user)
        implemented = factories.finding(audit=audits[i % len(audits)], process=owned)
        for _ in range(min(5, n - i)):
            action = factories.corrective_action(finding=implemented, responsible=author)
            audit_services.action_implemented(action=action, user=author, on=today())


LISTS = {
    # name: (the id of its heading, the sentence that says how many: singular, plural)
    "to_read": ("to-read", "%(n)s edition to read in all.", "%(n)s editions to read in all."),
    "waiting_for_me": (
        "waiting",
        "%(n)s edition waiting for your approval in all.",
        "%(n)s editions waiting for your approval in all.",
    ),
    "findings_to_answer": (
        "to-answer",
        "%(n)s finding awaiting your answer in all.",
        "%(n)s findings awaiting your answer in all.",
    ),
    "my_actions": (
        "my-actions",
        "%(n)s corrective action to implement in all.",
        "%(n)s corrective actions to implement in all.",
    ),
    "to_verify": (
        "to-verify",
        "%(n)s action waiting for your verification in all.",
        "%(n)s actions waiting for your verification in all.",
    ),
}


def test_every_list_of_work_says_how_many_and_links_to_all(client_as, coordinator, monkeypatch):
    factories.organisation()
    work_for(coordinator, 3)
    monkeypatch.setattr(home, "SHOWN", 2)
    response = client_as(coordinator).get(reverse("intranet:home"))
    html = response.content.decode()
    shown_first = gettext("The list shows the first %(shown)s.") % {"shown": 2}
    for name, (heading, singular, plural) in LISTS.items():
        work = response.context[name]
        assert (len(work), work.total) == (2, 3), name
        section = html[html.index(f'id="{heading}-heading"') :]
        section = section[: section.index("</section>")]
        assert ngettext(singular, plural, 3) % {"n": 3} in section, name
        assert shown_first in section, name
        assert f'href="{escape(work.url)}"' in section, name


def test_each_list_of_work_leads_to_a_page_that_shows_all_of_it(client_as, coordinator):
    """Followed from the home page, each link finds every row the list counted: the register and
    the action register the same number, the reviews page every edition, and the audit list
    every audit that holds a finding to answer."""
    factories.organisation()
    work_for(coordinator, 3)
    factories.audit(status=AuditStatus.IN_PROGRESS)  # nothing in it to answer
    client = client_as(coordinator)
    work = client.get(reverse("intranet:home")).context

    def opened(name):
        return client.get(work[name].url).context

    for name in ("to_read", "my_actions", "to_verify"):
        page_obj = opened(name)["page_obj"]
        assert page_obj.paginator.count == work[name].total == 3, name
    to_read = {version.document_id for version in work["to_read"]}
    assert {document.pk for document in opened("to_read")["page_obj"]} == to_read
    assert {v.pk for v in opened("waiting_for_me")["waiting"]} == {
        v.pk for v in work["waiting_for_me"]
    }
    audits = {finding.audit_id for finding in work["findings_to_answer"]}
    assert {audit.pk for audit in opened("findings_to_answer")["page_obj"]} == audits
    # Without the filter, the audit list shows the coordinator more than those.
    assert client.get(reverse("audits:audit_list")).context["page_obj"].paginator.count > len(
        audits
    )


def test_the_register_filter_of_editions_to_read_is_each_readers_own(client_as, make_user):
    unit = factories.org_unit()
    reader = factories.staff_user("reader", unit=unit, role=roles.EMPLOYEE)
    other = factories.staff_user("other", unit=factories.org_unit(), role=roles.EMPLOYEE)
    author, approver = make_user("author"), make_user("approver")
    mine = factories.document(unit=unit, concerned_units=[unit])
    read = factories.document(unit=unit, concerned_units=[unit])
    for document in (mine, read):
        factories.version_in_force(document, author=author, approver=approver)
    qms_services.read_confirm(version=read.versions.get(), user=reader)
    url = reverse("intranet:document_list") + "?to_read=on"
    assert [d.pk for d in client_as(reader).get(url).context["page_obj"]] == [mine.pk]
    assert list(client_as(other).get(url).context["page_obj"]) == []


def test_employee_with_25_documents_to_read_is_told_of_all_25(client_as, make_user):
    factories.organisation()
    unit = factories.org_unit()
    reader = factories.staff_user("reader", unit=unit, role=roles.EMPLOYEE)
    author, approver = make_user("author"), make_user("approver")
    for _ in range(25):
        document = factories.document(unit=unit, concerned_units=[unit])
        factories.version_in_force(document, author=author, approver=approver)
    response = client_as(reader).get(reverse("intranet:home"))
    assert (len(response.context["to_read"]), response.context["to_read"].total) == (20, 25)
    html = response.content.decode()
    assert ngettext(*LISTS["to_read"][1:], 25) % {"n": 25} in html
    assert gettext("The list shows the first %(shown)s.") % {"shown": 20} in html
    assert f'href="{reverse("intranet:document_list")}?to_read=on"' in html


def test_a_short_list_says_how_many_and_not_that_it_is_cut(client_as, make_user):
    factories.organisation()
    unit = factories.org_unit()
    reader = factories.staff_user("reader", unit=unit, role=roles.EMPLOYEE)
    document = factories.document(unit=unit, concerned_units=[unit])
    factories.version_in_force(document, author=make_user("author"), approver=make_user("ok"))
    html = client_as(reader).get(reverse("intranet:home")).content.decode()
    assert ngettext(*LISTS["to_read"][1:], 1) % {"n": 1} in html
    assert gettext("The list shows the first %(shown)s.") % {"shown": 1} not in html


@pytest.mark.parametrize("rows", [2, 30])
def test_coordinator_home_queries_do_not_grow_with_work(
    client_as, coordinator, django_assert_num_queries, rows
):
    factories.organisation()
    work_for(coordinator, rows)
    client = client_as(coordinator)
    # Session, user, permissions (2), the roles, the certificate, owned processes, approvals,
    # reviews due, the unit, documents to read, overdue actions, findings, actions, actions to
    # verify, the open survey campaigns, the context's entries due for review, the organisation:
    # one query for each list, however long.
    with django_assert_num_queries(18):
        response = client.get(reverse("intranet:home"))
    for name in LISTS:
        assert response.context[name].total == rows, name


# A finding on a process without an owner reaches the coordinator's office: the demo's P-10


@pytest.fixture
def demo_p10_finding(shared_demo):
    return Finding.objects.select_related("audit").get(
        process__code="P-10", kind=FindingKind.MINOR, audit__status=AuditStatus.IN_PROGRESS
    )


def test_demo_finding_on_a_process_without_an_owner_waits_for_the_coordinator(
    client_as, demo_p10_finding
):
    assert demo_p10_finding.process.owner is None and not demo_p10_finding.actions.exists()
    coordinator = User.objects.get(username="coordinator")
    response = client_as(coordinator).get(reverse("intranet:home"))
    assert demo_p10_finding in response.context["findings_to_answer"]
    assert demo_p10_finding.get_absolute_url() in response.content.decode()
    owner = User.objects.get(username="owner")
    response = client_as(owner).get(reverse("intranet:home"))
    assert demo_p10_finding not in response.context.get("findings_to_answer", [])


def test_demo_finding_page_says_the_coordinators_office_answers(client_as, demo_p10_finding):
    coordinator = User.objects.get(username="coordinator")
    html = client_as(coordinator).get(demo_p10_finding.get_absolute_url()).content.decode()
    assert gettext("the ISO representative's office (process without an owner)") in unescape(html)
    assert reverse("audits:action_create", args=[demo_p10_finding.pk]) in html


def test_demo_process_map_flags_p10(client_as, demo_p10_finding):
    employee = User.objects.get(username="employee")
    html = client_as(employee).get(reverse("intranet:process_map")).content.decode()
    start = html.index(f'href="{demo_p10_finding.process.get_absolute_url()}"')
    assert escape(gettext("no owner")) in html[start : html.index("</a>", start)]
