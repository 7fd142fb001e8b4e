"""N times the demo (manage.py generate_scale_data, qms/scale.py): N times the records, each copy
whole and its own, a second run adding nothing, and every intranet list costing the queries it
costs on the demo alone."""

import io
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from audits.models import Audit
from qms import history, scale
from qms.models import Document, DocumentVersion, OrganisationalUnit, Process, VersionStatus
from qms.search import index

pytestmark = pytest.mark.django_db

FACTOR = 3
COPIED = [
    "auth.User", "qms.StaffProfile", "qms.OrganisationalUnit", "qms.Process", "qms.ProcessRisk",
    "qms.ProcessMeasure", "qms.MeasureValue", "qms.Document", "qms.DocumentVersion",
    "qms.ReadConfirmation", "qms.ContextIssue", "qms.InterestedParty", "qms.QualityObjective",
    "audits.Audit", "audits.ChecklistItem", "audits.Finding", "audits.CorrectiveAction",
]  # fmt: skip
NOT_COPIED = ["qms.Organisation", "qms.ScopeExclusion", "audits.AuditProgramme", "surveys.Response"]


def generate(factor, **options):
    out = io.StringIO()
    call_command("generate_scale_data", factor=factor, force=True, stdout=out, **options)
    return out.getvalue()


def counts():
    return {label: apps.get_model(label)._base_manager.count() for label in COPIED + NOT_COPIED}


# --- Before the demo is shared (these make their own database) ----------------------------------


def test_generate_scale_data_refuses_without_the_demo():
    with pytest.raises(CommandError, match="load_demo"):
        generate(2)
    assert not OrganisationalUnit.objects.exists()


def test_generate_scale_data_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("generate_scale_data", factor=2, stdout=io.StringIO())


@pytest.mark.parametrize("factor", [0, 1000])
def test_generate_scale_data_refuses_a_factor_out_of_range(factor):
    with pytest.raises(CommandError, match="from 1 to 999"):
        generate(factor)


# --- On the shared demo ---------------------------------------------------------------------------


@pytest.mark.slow
def test_factor_three_holds_three_times_the_demo_and_a_second_run_adds_nothing(shared_demo):
    demo = counts()
    assert "Added 2 copies of the demo (D002 to D003)" in generate(FACTOR)
    scaled = counts()
    assert {label: scaled[label] for label in COPIED} == {
        label: FACTOR * demo[label] for label in COPIED
    }
    assert {label: scaled[label] for label in NOT_COPIED} == {
        label: demo[label] for label in NOT_COPIED
    }
    assert "already holds 3 times the demo: nothing added" in generate(FACTOR)
    assert counts() == scaled
    assert "Added 1 copies of the demo (D004 to D004)" in generate(FACTOR + 1)
    assert counts()["qms.Document"] == (FACTOR + 1) * demo["qms.Document"]
    assert scale.present_copies() == {2, 3, 4}


@pytest.mark.slow
def test_a_copy_is_its_own_delegation_with_its_relations_inside_it(shared_demo):
    generate(FACTOR)
    process = Process.objects.get(code="D003-P-01")
    assert process.name.endswith(" – D003 Białołęka")
    assert process.owner is None or process.owner.username.startswith("d003.")
    assert {unit.code[:5] for unit in process.units.all()} <= {"D003-"}
    for document in Document.objects.filter(code__startswith="D002-").select_related("unit"):
        assert document.unit.code.startswith("D002-")
        assert all(v.author.username.startswith("d002.") for v in document.versions.all())
    for audit in Audit.objects.filter(title__contains=" – D002 ").prefetch_related("team"):
        assert all(member.username.startswith("d002.") for member in audit.team.all())
    copies = User.objects.filter(username__startswith="d002.")
    assert copies.count() == User.objects.exclude(username__regex=r"^d[0-9]{3}\.").count()
    coordinator = copies.get(username="d002.coordinator")
    assert list(coordinator.groups.values_list("name", flat=True)) == ["coordinator"]
    assert coordinator.first_name and coordinator.first_name != "Biuro"


@pytest.mark.slow
def test_copies_keep_the_rules_the_database_and_the_workflows_hold(shared_demo):
    generate(FACTOR)
    # Audits numbered AW/<year>/<nn> without gaps, the copies' after the demo's.
    for programme_id in Audit.objects.values_list("programme", flat=True).distinct():
        audits = Audit.objects.filter(programme=programme_id).order_by("sequence")
        sequences = list(audits.values_list("sequence", flat=True))
        assert sequences == list(range(1, len(sequences) + 1))
        for audit in audits:
            year = audit.programme.year
            assert audit.number == f"AW/{year}/{audit.sequence:02d}"
    # At most one edition in force a document, as many in force as in the demo, times three.
    in_force = DocumentVersion.objects.filter(status=VersionStatus.IN_FORCE)
    assert not in_force.values("document").annotate(n=Count("pk")).filter(n__gt=1).exists()
    demo_in_force = in_force.exclude(document__code__regex=r"^D[0-9]{3}-").count()
    assert in_force.count() == FACTOR * demo_in_force
    # Every copied record has its "created" row in the change history.
    assert history.record_creations() == 0


@pytest.mark.slow
def test_copies_are_indexed_for_the_search_as_the_services_index_them(shared_demo):
    generate(FACTOR)
    out = io.StringIO()
    call_command("reindex_search", stdout=out)
    for line in out.getvalue().splitlines()[1:-1]:
        assert re.search(r"changed: 0$", line), line
    document = Document.objects.get(code="D002-PR-01")
    assert set(document.search_title.split()) == set(index(document.code, document.title).split())


@pytest.mark.slow
def test_every_intranet_list_costs_the_same_queries_with_three_times_the_demo(
    shared_demo, django_assert_num_queries
):
    clients = {}
    for account in {account for account, _name, _query in scale.PAGES}:
        clients[account] = Client()
        clients[account].force_login(User.objects.get(username=account))

    def path(name, query):
        return reverse(name) + (f"?{query}" if query else "")

    def queries(account, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        clients[account].get(url)  # the first request of an account warms its caches
        with CaptureQueriesContext(connection) as captured:
            response = clients[account].get(url)
        assert response.status_code == 200, url
        return len(captured)

    on_the_demo = {(a, n, q): queries(a, path(n, q)) for a, n, q in scale.PAGES}
    generate(FACTOR)
    for account, name, query in scale.PAGES:
        url = path(name, query)
        clients[account].get(url)
        with django_assert_num_queries(on_the_demo[account, name, query]):
            response = clients[account].get(url)
        assert response.status_code == 200, url
