"""Dates go through the active language's formats (qms/formats): the Polish pages write them as
the office does, the English pages in English, never as "26.11.2026"."""

import datetime

import pytest
from django.utils import translation

from audits.models import AuditStatus
from qms.templatetags.qms_tags import date_range
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 26)


@pytest.fixture
def document_in_force(coordinator):
    document = factories.document(code="PR-26", title="Procedura testowa")
    author = factories.staff_user()
    factories.version_in_force(document, author=author, approver=coordinator, effective_on=DAY)
    return document


@pytest.fixture
def audit_with_action():
    audit = factories.audit(
        status=AuditStatus.IN_PROGRESS, first_day=DAY, last_day=DAY + datetime.timedelta(days=1)
    )
    factories.corrective_action(finding=factories.finding(audit=audit), due_on=DAY)
    return audit


def test_english_register_writes_dates_in_english(client_as, coordinator, document_in_force):
    page = client_as(coordinator).get("/en/intranet/documents/").content.decode()
    assert '<time datetime="2026-11-26">26 Nov 2026</time>' in page
    assert "26.11.2026" not in page


def test_polish_register_writes_dates_as_the_office_does(client_as, coordinator, document_in_force):
    page = client_as(coordinator).get("/intranet/documents/").content.decode()
    assert '<time datetime="2026-11-26">26.11.2026</time>' in page


def test_english_audit_page_writes_dates_in_english(client_as, coordinator, audit_with_action):
    page = client_as(coordinator).get(f"/en/intranet/audits/{audit_with_action.pk}/")
    page = page.content.decode()
    assert '<time datetime="2026-11-26">26 November 2026</time>' in page  # the audit's dates
    # The corrective action's due date, in the findings table.
    assert '<time datetime="2026-11-26">26 Nov 2026</time>' in page
    assert "26.11.2026" not in page
    assert "listopada" not in page


def test_polish_audit_page_writes_dates_as_the_office_does(
    client_as, coordinator, audit_with_action
):
    page = client_as(coordinator).get(f"/intranet/audits/{audit_with_action.pk}/")
    page = page.content.decode()
    assert '<time datetime="2026-11-26">26 listopada 2026</time>' in page
    assert '<time datetime="2026-11-26">26.11.2026</time>' in page
    assert "November" not in page


@pytest.mark.parametrize(
    ("language", "first", "last", "expected"),
    [
        ("pl", datetime.date(2021, 6, 8), datetime.date(2021, 6, 11), "8–11 czerwca 2021"),
        ("en", datetime.date(2021, 6, 8), datetime.date(2021, 6, 11), "8–11 June 2021"),
        ("en", datetime.date(2021, 6, 30), datetime.date(2021, 7, 2), "30 June – 2 July 2021"),
        ("en", DAY, DAY, "26 November 2026"),
    ],
)
def test_date_range_follows_the_language(language, first, last, expected):
    with translation.override(language):
        assert date_range(first, last) == expected
