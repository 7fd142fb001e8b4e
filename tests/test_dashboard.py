"""The coordinator's dashboard (/intranet/dashboard/): who reads it, each figure counted right at
its boundaries, each link leading to a list of exactly that many rows, the tiles each role may
see, flat query counts, and the home's link."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from audits.models import ActionStatus, AuditStatus, FindingKind
from certificates.models import AuditKind
from qms import dashboard_tiles, roles, services
from qms.models import DocumentVersion, ManagementReview, ObjectiveStatus
from surveys.models import Campaign, CommentAction
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/intranet/dashboard/"
DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


@pytest.fixture
def management(make_user):
    return make_user("manager", roles.MANAGEMENT)


@pytest.fixture
def clerk(make_user):
    return make_user("clerk", roles.SURVEY_CLERK)


def tiles_of(client):
    """The tiles the dashboard shows `client`, by key."""
    response = client.get(URL)
    assert response.status_code == 200
    return {tile.key: tile for _key, _title, tiles in response.context["groups"] for tile in tiles}


def rows_behind(client, url):
    """How many rows the list at `url` shows in all (its paginator's count)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


# --- Who reads it --------------------------------------------------------------------------


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", [roles.EMPLOYEE, roles.PROCESS_OWNER, roles.SURVEY_CLERK, None])
def test_staff_outside_the_quality_team_and_top_management_are_refused(client_as, role):
    user = factories.staff_user(role=role)
    assert client_as(user).get(URL).status_code == 403


@pytest.mark.parametrize("role", [roles.COORDINATOR, roles.AUDITOR, roles.MANAGEMENT])
def test_the_quality_team_and_top_management_read_it(client_as, role):
    response = client_as(factories.staff_user(role=role)).get(URL)
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


def test_a_post_is_not_taken(client_as, coordinator):
    assert client_as(coordinator).post(URL).status_code == 405


def test_the_home_links_to_the_dashboard_for_its_readers_only(
    client_as, coordinator, auditor, management, owner, employee, clerk
):
    link = f'href="{URL}"'
    for user in (coordinator, auditor, management):
        assert link in client_as(user).get("/intranet/").content.decode(), user
    for user in (owner, employee, clerk):
        assert link not in client_as(user).get("/intranet/").content.decode(), user


def test_the_page_has_its_groups_as_headings_in_order(client_as, coordinator):
    factories.certificate(valid_from=today() - 100 * DAY, valid_until=today() + 400 * DAY)
    html = client_as(coordinator).get(URL).content.decode()
    headings = re.findall(r"<h([1-3])[ >]", html)
    assert headings[0] == "1" and headings.count("1") == 1
    # No level skipped: each h3 (a tile) comes after an h2 (its group).
    assert headings[1] == "2"
    for before, after in zip(headings, headings[1:], strict=False):
        assert int(after) <= int(before) + 1
    assert html.index('id="group-certification"') < html.index('id="group-audits"')
    assert html.index('id="group-audits"') < html.index('id="group-objectives"')
    assert html.index('id="group-objectives"') < html.index('id="group-documents"')


# --- Certification -------------------------------------------------------------------------


def test_a_certificate_expiring_today_has_no_day_left(client_as, coordinator):
    certificate = factories.certificate(
        valid_from=today() - 3 * 365 * DAY + DAY, valid_until=today()
    )
    tile = tiles_of(client_as(coordinator))["certificate"]
    assert tile.figure == "0"
    assert certificate.number in tile.title
    assert tile.tone == "warning"
    assert certificate.number in client_as(coordinator).get(tile.url).content.decode()


def test_the_days_left_count_from_today(client_as, coordinator):
    factories.certificate(valid_from=today() - 10 * DAY, valid_until=today() + 200 * DAY)
    tile = tiles_of(client_as(coordinator))["certificate"]
    assert tile.figure == "200"
    assert tile.tone == ""


def test_without_a_certificate_in_force_the_tile_says_so(client_as, coordinator):
    factories.certificate(valid_from=today() - 400 * DAY, valid_until=today() - DAY)  # expired
    tile = tiles_of(client_as(coordinator))["certificate"]
    assert tile.figure == "—"
    assert tile.tone == "danger"


def test_the_next_external_audit_is_the_first_from_today(client_as, coordinator):
    factories.certificate(valid_from=today() - 10 * DAY, valid_until=today() + 900 * DAY)
    factories.external_audit(first_day=today() - DAY, last_day=today())  # began yesterday
    factories.external_audit(
        kind="recertification", first_day=today() + 90 * DAY, last_day=today() + 91 * DAY
    )
    factories.external_audit(first_day=today(), last_day=today() + DAY)  # begins today
    factories.external_audit(
        first_day=today() + 5 * DAY, last_day=today() + 6 * DAY, is_archived=True
    )
    tile = tiles_of(client_as(coordinator))["certificate"]
    (line,) = tile.details
    assert str(AuditKind.SURVEILLANCE.label) in line  # the one starting today
    assert str(AuditKind.RECERTIFICATION.label) not in line
    assert str(today().year) in line
    assert reverse("certificates:externalaudit_list") in dict(map(reversed, tile.links))


# --- Audits and improvement ----------------------------------------------------------------


def _carried_out(**kw):
    audit = factories.audit(status=AuditStatus.IN_PROGRESS, **kw)
    audit.status = AuditStatus.REPORTED
    audit.save(update_fields=["status"])
    return audit


def test_audits_carried_out_against_planned_this_year(client_as, coordinator):
    this_year = factories.programme(year=today().year)
    last_year = factories.programme(year=today().year - 1)
    factories.audit(programme=this_year, planned_month=3)
    factories.audit(programme=this_year, planned_month=3, status=AuditStatus.IN_PROGRESS)
    _carried_out(programme=this_year, planned_month=3)
    factories.audit(programme=this_year, planned_month=9, status=AuditStatus.CLOSED)
    # Planned last year, carried out then: not this year's.
    factories.audit(programme=last_year, planned_month=12, status=AuditStatus.CLOSED)
    client = client_as(coordinator)
    tile = tiles_of(client)["audits-done"]
    assert re.fullmatch(r"2 \D+ 4", tile.figure)  # "2 z 4"
    assert rows_behind(client, tile.url) == 2
    ((text, planned_url),) = tile.links
    assert "4" in text
    assert rows_behind(client, planned_url) == 4
    assert tile.table.rows == [(str(MONTHS[3]), [3, 1]), (str(MONTHS[9]), [1, 1])]
    assert tile.chart is not None


def test_an_audit_of_this_year_s_programme_counts_this_year_whenever_it_was_held(
    client_as, coordinator
):
    # Planned for January, held in the last days of December before: this year's programme.
    early = _carried_out(programme=factories.programme(year=today().year), planned_month=1)
    held = datetime.date(today().year - 1, 12, 30)
    type(early).objects.filter(pk=early.pk).update(first_day=held, last_day=held)
    # Last year's programme, held this January: last year's.
    late = _carried_out(programme=factories.programme(year=today().year - 1), planned_month=12)
    january = datetime.date(today().year, 1, 8)
    type(late).objects.filter(pk=late.pk).update(first_day=january, last_day=january)
    client = client_as(coordinator)
    tile = tiles_of(client)["audits-done"]
    assert re.fullmatch(r"1 \D+ 1", tile.figure)
    assert tile.table.rows == [(str(MONTHS[1]), [1, 1])]
    response = client.get(tile.url)
    assert [audit.pk for audit in response.context["page_obj"]] == [early.pk]


def test_the_chart_s_numbers_are_on_the_page_for_screen_readers(client_as, coordinator):
    _carried_out(programme=factories.programme(year=today().year), planned_month=2)
    html = client_as(coordinator).get(URL).content.decode()
    assert 'aria-labelledby="chart-audits-done-title chart-audits-done-desc"' in html
    assert f'<th scope="row">{MONTHS[2]}</th><td data-label="{_("Planned")}">1</td>' in html
    assert "style=" not in html  # the CSP allows no inline style


def test_open_nonconformities_are_those_not_yet_effectively_answered(client_as, coordinator):
    verifier = factories.staff_user(role=roles.AUDITOR)

    def action(finding, status):
        done = {}
        if status != ActionStatus.OPEN:
            done = {"implemented_on": today() - 2 * DAY}
        if status in (ActionStatus.EFFECTIVE, ActionStatus.NOT_EFFECTIVE):
            done.update(verified_on=today() - DAY, verified_by=verifier)
        return factories.corrective_action(finding=finding, status=status, **done)

    factories.finding()  # a nonconformity with no action: open
    action(factories.finding(kind=FindingKind.MAJOR), ActionStatus.OPEN)  # open
    action(factories.finding(), ActionStatus.NOT_EFFECTIVE)  # open
    action(factories.finding(), ActionStatus.IMPLEMENTED)  # open: not verified yet
    action(factories.finding(), ActionStatus.EFFECTIVE)  # answered
    answered_and_open = factories.finding()
    action(answered_and_open, ActionStatus.EFFECTIVE)
    action(answered_and_open, ActionStatus.OPEN)  # one action still open: open
    factories.finding(kind=FindingKind.OBSERVATION)  # not a nonconformity
    factories.finding(kind=FindingKind.IMPROVEMENT)
    client = client_as(coordinator)
    tile = tiles_of(client)["nonconformities-open"]
    assert tile.figure == "5"
    assert rows_behind(client, tile.url) == 5


def test_an_action_due_yesterday_is_overdue_and_one_due_today_is_not(client_as, coordinator):
    factories.corrective_action(due_on=today() - DAY)
    factories.corrective_action(due_on=today())
    factories.corrective_action(
        due_on=today() - 10 * DAY, status=ActionStatus.IMPLEMENTED, implemented_on=today()
    )
    client = client_as(coordinator)
    tile = tiles_of(client)["actions-overdue"]
    assert tile.figure == "1"
    assert tile.tone == "danger"
    assert rows_behind(client, tile.url) == 1


# --- Objectives and satisfaction -----------------------------------------------------------


def _objective(values, **kw):
    measure = factories.process_measure(target=90)
    for month, value in enumerate(values, start=1):
        factories.measure_value(
            measure=measure, period_end=datetime.date(today().year, month, 28), value=value
        )
    return factories.quality_objective(measure=measure, **kw)


def test_this_year_s_objectives_by_their_computed_status(client_as, coordinator):
    year = today().year
    _objective([95])  # met
    _objective([80], deadline=today() - DAY)  # missed
    _objective([85, 80], deadline=datetime.date(year, 12, 31))  # at risk: moving away
    _objective([])  # no data
    factories.quality_objective(year=year - 1, deadline=datetime.date(year - 1, 12, 31))
    client = client_as(coordinator)
    tile = tiles_of(client)["objectives"]
    assert tile.figure == "4"
    counts = dict(tile.table.rows)
    assert counts[str(ObjectiveStatus.MET.label)] == [1]
    assert counts[str(ObjectiveStatus.MISSED.label)] == [1]
    assert counts[str(ObjectiveStatus.AT_RISK.label)] == [1]
    assert counts[str(ObjectiveStatus.NO_DATA.label)] == [1]
    assert counts[str(ObjectiveStatus.ON_TRACK.label)] == [0]
    assert tile.tone == "warning"
    listed = client.get(tile.url).context["objectives"]
    assert len(listed) == 4


def test_staff_who_read_approved_objectives_only_count_those(client_as, auditor, coordinator):
    _objective([95])  # a draft: the auditor does not read it
    assert tiles_of(client_as(auditor))["objectives"].figure == "0"
    assert tiles_of(client_as(coordinator))["objectives"].figure == "1"


def _published(campaign, scores):
    for score in scores:
        factories.survey_response(campaign, scores=(score,))
    Campaign.objects.filter(pk=campaign.pk).update(results_published_at=timezone.now())


def test_the_latest_published_index_against_the_previous_and_the_open_one(client_as, coordinator):
    older = factories.campaign(opens_on=today() - 800 * DAY, closes_on=today() - 700 * DAY)
    _published(older, [5, 2])  # 50 %
    previous = factories.campaign(opens_on=today() - 500 * DAY, closes_on=today() - 400 * DAY)
    factories.survey_response(previous, scores=(4,))  # not published, still the one before
    latest = factories.campaign(opens_on=today() - 300 * DAY, closes_on=today() - 200 * DAY)
    _published(latest, [5, 4, 4, 1])  # 75 %
    open_now = factories.campaign()
    factories.survey_response(open_now, scores=(5,))
    client = client_as(coordinator)
    tile = tiles_of(client)["satisfaction"]
    assert tile.figure == "75\N{NO-BREAK SPACE}%"
    assert tile.url == reverse("surveys:campaign_results", args=[latest.pk])
    assert previous.name in tile.details[0] and "100\N{NO-BREAK SPACE}%" in tile.details[0]
    assert open_now.name in tile.details[1]
    for _text, url in [(tile.link_text, tile.url), *tile.links]:
        assert client.get(url).status_code == 200


def test_without_published_results_the_tile_says_so(client_as, coordinator):
    factories.campaign()
    tile = tiles_of(client_as(coordinator))["satisfaction"]
    assert tile.figure == "—"
    assert tile.url == reverse("surveys:campaign_list")


def test_overdue_actions_on_comments(client_as, coordinator):
    overdue = factories.comment_action(user=coordinator)
    due_today = factories.comment_action(user=coordinator)
    done = factories.comment_action(user=coordinator)
    CommentAction.objects.filter(pk__in=[overdue.pk, done.pk]).update(due_on=today() - DAY)
    CommentAction.objects.filter(pk=due_today.pk).update(due_on=today())
    CommentAction.objects.filter(pk=done.pk).update(
        status="done", done_on=today(), done_by=coordinator, outcome="Zrobione."
    )
    client = client_as(coordinator)
    tile = tiles_of(client)["comment-actions-overdue"]
    assert tile.figure == "1"
    assert rows_behind(client, tile.url) == 1


# --- Documents and context -----------------------------------------------------------------


def _document_in_force(coordinator, approver, *, review_on):
    document = factories.document()
    version = factories.version_in_force(document, author=coordinator, approver=approver)
    DocumentVersion.objects.filter(pk=version.pk).update(
        effective_on=review_on - 400 * DAY, next_review_on=review_on
    )
    return document


def test_documents_past_their_review_date(client_as, coordinator):
    approver = factories.staff_user(role=roles.COORDINATOR)
    _document_in_force(coordinator, approver, review_on=today() - DAY)
    _document_in_force(coordinator, approver, review_on=today())  # due today: not yet past
    client = client_as(coordinator)
    tile = tiles_of(client)["documents-review"]
    assert tile.figure == "1"
    assert rows_behind(client, tile.url) == 1


def test_context_entries_not_reviewed_for_a_year(client_as, coordinator):
    year_ago = today() - datetime.timedelta(days=365)
    factories.context_issue(reviewed_on=None)
    factories.context_issue(kind="internal", reviewed_on=year_ago - DAY)
    factories.context_issue(reviewed_on=year_ago)  # reviewed exactly a year ago: not yet due
    factories.interested_party(reviewed_on=year_ago - DAY)
    factories.interested_party(reviewed_on=today())
    factories.context_issue(reviewed_on=None, is_active=False)  # archived
    client = client_as(coordinator)
    tile = tiles_of(client)["context-review"]
    assert tile.figure == "3"
    context = client.get(tile.url).context
    shown = [*context["internal_issues"], *context["external_issues"], *context["parties"]]
    assert len(shown) == 3
    whole = client.get(reverse("intranet:context_register")).context
    assert len([*whole["internal_issues"], *whole["external_issues"], *whole["parties"]]) == 5


# --- Each role's tiles ---------------------------------------------------------------------


def test_the_coordinator_and_the_auditors_see_every_tile(client_as, coordinator, auditor):
    factories.certificate(valid_from=today() - 10 * DAY, valid_until=today() + 900 * DAY)
    every = {
        "certificate",
        "audits-done",
        "nonconformities-open",
        "actions-overdue",
        "objectives",
        "satisfaction",
        "comment-actions-overdue",
        "documents-review",
        "context-review",
        "review-actions",
    }
    assert set(tiles_of(client_as(coordinator))) == every
    assert set(tiles_of(client_as(auditor))) == every


def test_top_management_sees_the_tiles_whose_lists_it_may_open(client_as, management):
    factories.certificate(valid_from=today() - 10 * DAY, valid_until=today() + 900 * DAY)
    client = client_as(management)
    tiles = tiles_of(client)
    assert set(tiles) == {
        "certificate",
        "objectives",
        "satisfaction",
        "context-review",
        "review-actions",
    }
    # The certificate is public: its tile leads top management to its public page, and the
    # next external audit (on the external audits' list, not theirs) is left out.
    assert tiles["certificate"].url.startswith("/certificates/")
    assert tiles["certificate"].details == [] and tiles["certificate"].links == []
    for tile in tiles.values():
        for url in [tile.url, *(url for _text, url in tile.links)]:
            assert client.get(url).status_code == 200, url


def test_every_link_of_every_tile_opens_for_its_reader(client_as, coordinator):
    factories.certificate(valid_from=today() - 10 * DAY, valid_until=today() + 900 * DAY)
    _published(factories.campaign(opens_on=today() - 300 * DAY, closes_on=today() - 200 * DAY), [4])
    client = client_as(coordinator)
    for tile in tiles_of(client).values():
        for url in [tile.url, *(url for _text, url in tile.links)]:
            assert client.get(url).status_code == 200, url


def test_a_tile_in_no_group_is_refused(monkeypatch, coordinator):
    stray = dashboard_tiles.Tile(
        key="stray", group="elsewhere", title="x", figure="1", explanation=""
    )
    monkeypatch.setattr(dashboard_tiles, "TILE_SOURCES", [lambda user, on: [stray]])
    with pytest.raises(ValueError, match="elsewhere"):
        dashboard_tiles.gather(coordinator, today())


# --- Queries -------------------------------------------------------------------------------


def _records(n, coordinator):
    """`n` records of every kind the dashboard counts, each counted."""
    year = today().year
    programme = factories.programme(year=year)
    approver = factories.staff_user(role=roles.COORDINATOR)
    published = factories.campaign(opens_on=today() - 300 * DAY, closes_on=today() - 200 * DAY)
    open_now = factories.campaign()
    factories.campaign(opens_on=today() - 700 * DAY, closes_on=today() - 600 * DAY)
    for i in range(n):
        factories.audit(programme=programme, planned_month=i % 12 + 1)
        factories.corrective_action(due_on=today() - DAY)  # its finding open, it overdue
        _objective([80 + i % 20])
        factories.survey_response(published, scores=(4, 2))
        factories.survey_response(open_now, scores=(5,))
        factories.context_issue(reviewed_on=None)
        factories.interested_party(reviewed_on=None)
        factories.external_audit(
            first_day=today() + (i + 1) * DAY, last_day=today() + (i + 2) * DAY
        )
    for _i in range(min(n, 4)):  # documents cost an upload each: a few are enough to tell
        _document_in_force(coordinator, approver, review_on=today() - DAY)
    action = factories.comment_action(user=coordinator)
    CommentAction.objects.filter(pk=action.pk).update(due_on=today() - DAY)
    Campaign.objects.filter(pk=published.pk).update(results_published_at=timezone.now())
    factories.certificate(valid_from=today() - 10 * DAY, valid_until=today() + 900 * DAY)
    _approved_review(coordinator, overdue=n, open_=n)


def _approved_review(coordinator, *, overdue, open_):
    """An approved management review with `overdue` actions past their deadline and `open_`
    more still in time, and a draft with one open action of its own."""
    chair = factories.staff_user(role=roles.MANAGEMENT)
    review = factories.management_review(
        chair=chair,
        held_on=today() - 100 * DAY,
        period_start=today() - 400 * DAY,
        period_end=today() - 100 * DAY,
    )
    for i in range(overdue):
        factories.review_action(review, due_on=today() - DAY - i * DAY)
    for i in range(open_):
        factories.review_action(review, due_on=today() + i * DAY)
    services.review_take_snapshot(review=review, user=coordinator)
    ManagementReview.objects.filter(pk=review.pk).update(conclusions="Wnioski.")
    review.refresh_from_db()
    services.review_approve(review=review, user=chair)
    draft = factories.management_review(chair=chair)
    factories.review_action(draft)
    return review


def test_the_review_actions_tile_counts_the_open_and_the_overdue_as_the_register_lists_them(
    client_as, coordinator
):
    review = _approved_review(coordinator, overdue=2, open_=3)
    client = client_as(coordinator)
    tile = tiles_of(client)["review-actions"]
    # Open: the approved review's five and the draft's one, as the register's "open" filter.
    assert tile.figure == "6"
    assert rows_behind(client, tile.url) == 6
    (overdue_text, overdue_url), (_minutes, minutes_url) = tile.links
    assert overdue_text.startswith("2 ")
    assert rows_behind(client, overdue_url) == 2
    assert minutes_url == review.get_absolute_url()
    assert tile.tone == "danger"
    assert review.number in tile.details[0]


def test_without_an_approved_review_the_tile_says_so(client_as, coordinator):
    tile = tiles_of(client_as(coordinator))["review-actions"]
    assert tile.figure == "0"
    assert tile.tone == ""
    assert [url for _text, url in tile.links] == [tile.url.replace("open", "overdue")]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_dashboard_s_queries_do_not_grow_with_the_records(
    client_as, coordinator, django_assert_max_num_queries, rows
):
    _records(rows, coordinator)
    client = client_as(coordinator)
    client.get(URL)  # the session's first request
    # 17, and 2 for the management review's actions and its latest approved minutes.
    with django_assert_max_num_queries(19):
        tiles = tiles_of(client)
    assert tiles["nonconformities-open"].figure == str(rows)
    assert tiles["actions-overdue"].figure == str(rows)
    assert tiles["objectives"].figure == str(rows)
    assert tiles["review-actions"].figure == str(2 * rows + 1)


def test_the_home_still_shows_its_link_to_the_groups_it_had(client_as, make_user):
    # A user in two roles (an owner who is also an auditor) reads the dashboard as an auditor.
    user = make_user("both", roles.PROCESS_OWNER)
    user.groups.add(Group.objects.get(name=roles.AUDITOR))
    assert client_as(user).get(URL).status_code == 200


# --- The lists the tiles link to -------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "?kind=everything&open=yes",
        "?year=abc&process=99999999999999999999",
        "?kind=nonconformity&open=on&page=-1",
        "?open=" + "x" * 5000,
        "?kind=%00",
    ],
)
def test_the_findings_list_takes_any_query_without_an_error(client_as, coordinator, query):
    factories.finding()
    response = client_as(coordinator).get(reverse("audits:finding_list") + query)
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["?review_due=" + "x" * 5000, "?review_due=%00", "?review_due"])
def test_the_context_register_takes_any_query_without_an_error(client_as, coordinator, query):
    factories.context_issue(reviewed_on=None)
    response = client_as(coordinator).get(reverse("intranet:context_register") + query)
    assert response.status_code == 200
    assert not response.context.get("due_only")


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("audits:audit_list", "?done=" + "x" * 5000),
        ("surveys:comment_action_list", "?overdue=%00"),
    ],
)
def test_the_new_filters_take_any_query_without_an_error(client_as, coordinator, url, query):
    assert client_as(coordinator).get(reverse(url) + query).status_code == 200


@pytest.mark.parametrize("rows", [2, 30])
def test_the_findings_list_s_queries_do_not_grow_with_its_rows(
    client_as, auditor, django_assert_max_num_queries, rows
):
    process = factories.process()
    for _n in range(rows):  # an audit holds 20 findings at most: a few audits
        factories.finding(process=process, clause=None)
    client = client_as(auditor)
    client.get(URL)
    with django_assert_max_num_queries(9):
        assert rows_behind(client, reverse("audits:finding_list") + "?open=on") == rows
