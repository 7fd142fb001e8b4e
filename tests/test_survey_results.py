"""A campaign's results: the figures (computed in the database, in the same number of queries
for ten responses or hundreds), the comparison with the previous campaign, the coordinator's
conclusions and publishing, the report PDF, and the summary on the public quality page, which
never shows results that are not published."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from qms import charts, pdf, roles
from surveys import services
from surveys.models import Answer, Campaign, Channel, Response, Source
from surveys.results import campaign_results, campaign_with_figures
from tests import factories
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def add_responses(campaign, rows, clerk=None):
    """Responses made in bulk: each row (channel, unit, source, [score of each question in the
    questionnaire's order, None for "not applicable"])."""
    questions = list(
        campaign.questionnaire.groups.values_list("questions", flat=True).order_by(
            "position", "questions__position"
        )
    )
    clerk = clerk or factories.staff_user()
    responses = Response.objects.bulk_create(
        Response(
            campaign=campaign,
            channel=channel,
            unit=unit,
            source=source,
            entered_by=clerk if source == Source.PAPER else None,
        )
        for channel, unit, source, _scores in rows
    )
    Answer.objects.bulk_create(
        Answer(response=response, question_id=question, score=score)
        for response, (*_row, scores) in zip(responses, rows, strict=True)
        for question, score in zip(questions, scores, strict=True)
    )
    return responses


@pytest.fixture
def units():
    return factories.org_unit(name="Wydział Komunikacji"), factories.org_unit(name="Biuro Rad")


@pytest.fixture
def campaign(units):
    """Three responses to two groups (Kompetencje: two questions; Terminowość: one)."""
    factories.organisation()
    made = factories.campaign(
        name="Badanie satysfakcji 2026",
        code="2026",
        opens_on=TODAY - datetime.timedelta(days=30),
        questionnaire=factories.questionnaire(
            groups=[
                ("Kompetencje", ["Wiedza pracownika", "Jasność wyjaśnień"]),
                ("Terminowość", ["Czas oczekiwania"]),
            ]
        ),
    )
    communication, council = units
    add_responses(
        made,
        [
            (Channel.IN_PERSON, communication, Source.ONLINE, [5, 4, 2]),
            (Channel.PHONE, council, Source.ONLINE, [3, None, 5]),
            (Channel.IN_PERSON, None, Source.PAPER, [4, 1, None]),
        ],
    )
    return made


@pytest.fixture
def previous(campaign):
    """The campaign before, on another version of the questionnaire: Kompetencje is asked
    there too, Terminowość is not, and Wizerunek urzędu no longer is. An older one still, and
    one that opened later, are not "the previous campaign"."""
    older = factories.campaign(
        opens_on=campaign.opens_on - datetime.timedelta(days=800),
        closes_on=campaign.opens_on - datetime.timedelta(days=700),
    )
    add_responses(older, [(Channel.EMAIL, None, Source.ONLINE, [1, 1])])
    factories.campaign(opens_on=campaign.opens_on + datetime.timedelta(days=1))
    made = factories.campaign(
        name="Badanie satysfakcji 2025",
        opens_on=campaign.opens_on - datetime.timedelta(days=365),
        closes_on=campaign.opens_on - datetime.timedelta(days=1),
        questionnaire=factories.questionnaire(
            groups=[("Kompetencje", ["Wiedza"]), ("Wizerunek urzędu", ["Czystość"])]
        ),
    )
    add_responses(made, [(Channel.EMAIL, None, Source.ONLINE, [3, 5])])
    return made


def results_of(campaign):
    return campaign_results(campaign_with_figures(campaign.pk))


def as_tuple(figures):
    return (figures.answers, figures.satisfied, round(figures.index, 4), round(figures.mean, 4))


# The figures


def test_overall_index_and_mean_leave_out_not_applicable(campaign):
    results = results_of(campaign)
    assert results.responses == 3
    # Scores given: 5 4 2 3 5 4 1; satisfied (4 or 5): four of seven.
    assert as_tuple(results.overall) == (7, 4, round(4 / 7, 4), round(24 / 7, 4))


def test_figures_per_group_and_question(campaign):
    kompetencje, terminowosc = results_of(campaign).groups
    assert kompetencje.name == "Kompetencje"
    assert as_tuple(kompetencje.figures) == (5, 3, 0.6, 3.4)
    wiedza, jasnosc = kompetencje.questions
    assert wiedza.text == "Wiedza pracownika"
    assert as_tuple(wiedza.figures) == (3, 2, round(2 / 3, 4), 4.0)
    assert as_tuple(jasnosc.figures) == (2, 1, 0.5, 2.5)
    assert as_tuple(terminowosc.figures) == (2, 1, 0.5, 3.5)


def test_figures_by_unit_channel_and_source(campaign, units):
    results = results_of(campaign)
    by_unit = {row.label: (row.responses, *as_tuple(row.figures)) for row in results.by_unit}
    communication, council = units
    assert list(by_unit) == [
        f"{council.code} Biuro Rad",
        f"{communication.code} Wydział Komunikacji",
        gettext("unit not named"),
    ]
    assert by_unit[f"{communication.code} Wydział Komunikacji"] == (1, 3, 2, 0.6667, 3.6667)
    assert by_unit[gettext("unit not named")][:3] == (1, 2, 1)
    by_channel = {row.label: (row.responses, row.figures.answers) for row in results.by_channel}
    # Every channel is listed, those nobody used too, in the choices' order.
    assert list(by_channel.values()) == [(2, 5), (1, 2), (0, 0), (0, 0)]
    assert results.by_channel[0].figures.index == 0.6
    assert results.by_channel[2].figures.index is None
    by_source = [
        (row.responses, row.figures.answers, row.figures.satisfied) for row in results.by_source
    ]
    assert by_source == [(2, 5, 3), (1, 2, 1)]


def test_the_previous_campaign_is_the_latest_that_opened_before_and_matched_by_group_name(
    campaign, previous
):
    results = results_of(campaign)
    assert results.previous == previous
    assert results.previous_overall.index == 0.5
    assert round(results.change, 4) == round(4 / 7 - 0.5, 4)
    kompetencje, terminowosc = results.groups
    assert kompetencje.previous.index == 0  # Wiedza: 3
    assert round(kompetencje.change, 4) == 0.6
    assert terminowosc.previous is None and terminowosc.change is None
    assert results.new_groups == ["Terminowość"]
    assert results.dropped_groups == ["Wizerunek urzędu"]


def test_a_campaign_without_responses_has_no_index(units):
    results = results_of(factories.campaign())
    assert results.responses == 0
    assert results.overall.index is None and results.overall.mean is None
    assert results.previous is None and results.change is None
    assert results.by_unit == []


# Charts


def test_bar_chart_scales_shares_and_writes_them_in_the_language(settings):
    chart = charts.bar_chart(
        [("Kompetencje", [0.6, 0.5]), ("Terminowość", [0.875, None])],
        series=["2026", "2025"],
    )
    bars = [bar for row in chart["rows"] for bar in row["bars"]]
    assert len(bars) == 3  # no bar for a group the previous campaign did not ask
    assert [bar["text"] for bar in bars] == ["60\xa0%", "50\xa0%", "87,5\xa0%"]
    plot = charts.BAR_WIDTH - charts.BAR_LABEL_WIDTH - 56
    assert float(bars[0]["width"]) == pytest.approx(plot * 0.6, abs=0.1)
    assert charts.bar_chart([("Kompetencje", [None])], series=["2026"]) is None


def test_a_long_label_is_cut_in_the_chart_and_left_whole_for_the_table():
    label = "Wydział Architektury, Budownictwa i Ochrony Zabytków"
    chart = charts.bar_chart([(label, [0.5])], series=["2026"])
    assert chart["rows"][0]["label"].endswith("…")
    assert len(chart["rows"][0]["label"]) == charts.LABEL_CHARACTERS


# The results page


@pytest.fixture
def clerk(make_user):
    return make_user("clerk", roles.SURVEY_CLERK)


def test_results_page_shows_the_figures_charts_and_tables(
    client_as, coordinator, campaign, previous
):
    response = client_as(coordinator).get(reverse("surveys:campaign_results", args=[campaign.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "57,1\N{NO-BREAK SPACE}%" in html  # the overall index
    assert "3,43" in html  # the mean
    assert html.count('<svg class="chart"') == 3  # by group, by unit, by channel
    assert 'aria-labelledby="groups-chart-title groups-chart-desc"' in html
    assert "Badanie satysfakcji 2025" in html
    assert "Terminowość" in html
    assert "style=" not in html[html.index("<svg") : html.rindex("</svg>")]  # the CSP
    assert reverse("surveys:campaign_publish", args=[campaign.pk]) in html


def result_queries(client, campaign, url_name):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(url_name, args=[campaign.pk]))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["surveys:campaign_results", "surveys:campaign_report_pdf"])
def test_results_and_report_cost_the_same_queries_for_few_and_many_responses(
    client_as, coordinator, campaign, previous, units, monkeypatch, url_name
):
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html, base_url: b"%PDF-1.7")
    client = client_as(coordinator)
    few = result_queries(client, campaign, url_name)
    communication, council = units
    channels = list(Channel)
    add_responses(
        campaign,
        [
            (channels[n % 4], (communication, council, None)[n % 3], Source.ONLINE, [n % 5 + 1] * 3)
            for n in range(300)
        ],
    )
    add_responses(previous, [(Channel.EMAIL, council, Source.ONLINE, [4, 2])] * 100)
    many = result_queries(client, campaign, url_name)
    assert few == many
    assert many <= 14


def test_results_page_of_a_campaign_without_responses(client_as, coordinator):
    campaign = factories.campaign()
    response = client_as(coordinator).get(reverse("surveys:campaign_results", args=[campaign.pk]))
    assert response.status_code == 200
    assert reverse("surveys:campaign_publish", args=[campaign.pk]) not in response.content.decode()


def test_unknown_campaign_is_not_found(client_as, coordinator):
    client = client_as(coordinator)
    for name in ["campaign_results", "campaign_conclusions", "campaign_report_pdf"]:
        assert client.get(reverse(f"surveys:{name}", args=[999])).status_code == 404
    assert client.post(reverse("surveys:campaign_publish", args=[999])).status_code == 404


# Who may read and publish


def test_the_results_are_refused_to_visitors_staff_and_the_clerk(
    client_as, employee, clerk, campaign
):
    for name in ["campaign_results", "campaign_report_pdf", "campaign_conclusions"]:
        url = reverse(f"surveys:{name}", args=[campaign.pk])
        assert client_as(None).get(url).status_code == 302
        assert client_as(employee).get(url).status_code == 403
        assert client_as(clerk).get(url).status_code == 403


def test_an_auditor_reads_the_results_and_the_report_but_does_not_publish(
    client_as, auditor, campaign, monkeypatch
):
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html, base_url: b"%PDF-1.7")
    client = client_as(auditor)
    page = client.get(reverse("surveys:campaign_results", args=[campaign.pk]))
    assert page.status_code == 200
    assert reverse("surveys:campaign_publish", args=[campaign.pk]) not in page.content.decode()
    assert client.get(reverse("surveys:campaign_report_pdf", args=[campaign.pk])).status_code == 200
    assert client.post(reverse("surveys:campaign_publish", args=[campaign.pk])).status_code == 403
    assert (
        client.get(reverse("surveys:campaign_conclusions", args=[campaign.pk])).status_code == 403
    )


@pytest.mark.parametrize("name", ["campaign_publish", "campaign_unpublish"])
def test_publishing_is_refused_to_visitors_staff_the_clerk_and_auditors(
    client_as, employee, clerk, auditor, campaign, name
):
    url = reverse(f"surveys:{name}", args=[campaign.pk])
    assert client_as(None).post(url).status_code == 302
    for user in [employee, clerk, auditor]:
        assert client_as(user).post(url).status_code == 403
    assert Campaign.objects.get(pk=campaign.pk).results_published_at is None


def test_the_coordinator_publishes_and_unpublishes_keeping_the_history(
    client_as, coordinator, campaign
):
    client = client_as(coordinator)
    url = reverse("surveys:campaign_results", args=[campaign.pk])
    assert client.get(reverse("surveys:campaign_publish", args=[campaign.pk])).status_code == 405
    response = client.post(reverse("surveys:campaign_publish", args=[campaign.pk]))
    assert response.status_code == 302 and response["Location"] == url
    campaign.refresh_from_db()
    assert campaign.is_published
    assert campaign.history.first().history_user == coordinator
    client.post(reverse("surveys:campaign_unpublish", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert not campaign.is_published
    published = [row.results_published_at for row in campaign.history.order_by("history_date")]
    assert published[-2] is not None and published[-1] is None


def test_publishing_refuses_a_campaign_without_responses(client_as, coordinator):
    campaign = factories.campaign()
    client = client_as(coordinator)
    response = client.post(reverse("surveys:campaign_publish", args=[campaign.pk]), follow=True)
    refusal = gettext("This campaign has no responses yet: there is nothing to publish.")
    assert refusal in [str(message) for message in response.context["messages"]]
    assert Campaign.objects.get(pk=campaign.pk).results_published_at is None
    with pytest.raises(services.ValidationError):
        services.campaign_publish(campaign=campaign, user=coordinator)


def test_publishing_twice_changes_nothing(coordinator, campaign):
    services.campaign_publish(campaign=campaign, user=coordinator)
    first = Campaign.objects.get(pk=campaign.pk).results_published_at
    with pytest.raises(services.ValidationError):
        services.campaign_publish(campaign=campaign, user=coordinator)
    assert Campaign.objects.get(pk=campaign.pk).results_published_at == first


# The conclusions


def test_the_coordinator_writes_the_conclusions(client_as, coordinator, campaign):
    url = reverse("surveys:campaign_conclusions", args=[campaign.pk])
    client = client_as(coordinator)
    assert client.get(url).status_code == 200
    text = "Mieszkańcy chwalą uprzejmość; skrócimy czas oczekiwania w Wydziale Komunikacji."
    response = client.post(url, {"conclusions": f"  {text}  "})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.conclusions == text
    assert campaign.history.first().history_user == coordinator
    page = client.get(reverse("surveys:campaign_results", args=[campaign.pk])).content.decode()
    assert "skrócimy czas oczekiwania" in page


def test_conclusions_too_long_are_refused(client_as, coordinator, campaign):
    url = reverse("surveys:campaign_conclusions", args=[campaign.pk])
    response = client_as(coordinator).post(url, {"conclusions": "x" * 2001})
    assert response.status_code == 200
    assert response.context["form"].errors["conclusions"]
    assert Campaign.objects.get(pk=campaign.pk).conclusions == ""


def test_hostile_input_makes_no_error(client_as, coordinator, campaign):
    client = client_as(coordinator)
    url = reverse("surveys:campaign_conclusions", args=[campaign.pk])
    for data in [{}, {"conclusions": "<script>alert(1)</script>\x00"}, {"conclusions": ["a", "b"]}]:
        assert client.post(url, data).status_code in (200, 302)
    page = client.get(reverse("surveys:campaign_results", args=[campaign.pk])).content.decode()
    assert "<script>alert(1)" not in page
    assert client.get(reverse("public:survey_report_pdf", args=["nie-ma"])).status_code == 404


# The report


def test_report_pdf_reads_the_method_figures_groups_and_conclusions(
    client_as, coordinator, campaign, previous
):
    services.campaign_conclude(
        campaign=campaign, conclusions="Skrócimy czas oczekiwania.", user=coordinator
    )
    response = client_as(coordinator).get(
        reverse("surveys:campaign_report_pdf", args=[campaign.pk])
    )
    assert response.status_code == 200
    assert 'filename="raport-z-badania-satysfakcji-2026.pdf"' in response["Content-Disposition"]
    text = pdf_text(response)
    for expected in [
        "Urząd Miejski w Zabrzu",
        "Badanie satysfakcji 2026",
        "Kompetencje",
        "Terminowość",
        "Jasność wyjaśnień",
        "57,1 %",  # the overall index
        "60 %",  # Kompetencje
        "3,43",  # the mean
        "Badanie satysfakcji 2025",  # the comparison
        "Skrócimy czas oczekiwania.",
    ]:
        assert expected in text, expected


def test_report_pdf_title_in_english(client, coordinator, campaign):
    client.force_login(coordinator)
    url = "/en" + reverse("surveys:campaign_report_pdf", args=[campaign.pk])
    text = pdf_text(client.get(url))
    assert "Customer satisfaction survey report" in text
    assert "57.1 %" in text


def test_public_report_is_not_found_until_the_results_are_published(
    client, coordinator, campaign, monkeypatch
):
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html, base_url: b"%PDF-1.7")
    url = reverse("public:survey_report_pdf", args=[campaign.code])
    assert client.get(url).status_code == 404
    services.campaign_publish(campaign=campaign, user=coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    services.campaign_unpublish(campaign=campaign, user=coordinator)
    assert client.get(url).status_code == 404


# The public quality page


def survey_summary(client):
    html = client.get(reverse("public:quality_page")).content.decode()
    start = html.find('id="survey-heading"')
    return "" if start < 0 else html[start : html.index("</section>", start)]


def test_quality_page_never_shows_unpublished_results(client, campaign, previous):
    summary = survey_summary(client)
    # The latest open campaign invites residents; no figure of any campaign is shown.
    latest_open = Campaign.objects.open_on(TODAY).order_by("-opens_on").first()
    assert reverse("public:survey_form", args=[latest_open.code]) in summary
    assert "%" not in summary
    assert "raport.pdf" not in summary


def test_quality_page_shows_the_latest_published_results_with_the_report(
    client, coordinator, campaign, previous
):
    services.campaign_publish(campaign=previous, user=coordinator)
    summary = survey_summary(client)
    assert "50\N{NO-BREAK SPACE}%" in summary  # the previous campaign's index
    assert "Badanie satysfakcji 2025" in summary
    assert reverse("public:survey_report_pdf", args=[previous.code]) in summary
    services.campaign_publish(campaign=campaign, user=coordinator)
    summary = survey_summary(client)
    assert "57,1\N{NO-BREAK SPACE}%" in summary
    assert "Badanie satysfakcji 2026" in summary
    assert '<dd class="col-sm-8">3</dd>' in summary  # responses


def test_quality_page_without_any_campaign_has_no_survey_section(client):
    factories.organisation()
    assert survey_summary(client) == ""


def test_quality_page_cost_does_not_grow_with_the_responses(
    client, coordinator, campaign, units, django_assert_max_num_queries
):
    services.campaign_publish(campaign=campaign, user=coordinator)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("public:quality_page"))
    add_responses(campaign, [(Channel.PHONE, None, Source.ONLINE, [5, 5, 5])] * 200)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("public:quality_page"))


# The benchmark (no timing is asserted: it reports figures)


@pytest.mark.slow
def test_benchmark_reports_figures_and_keeps_nothing(units):
    from django.core.management import call_command

    before = (Campaign.objects.count(), Response.objects.count())
    out = io.StringIO()
    call_command("benchmark_survey_report", responses=30, baseline=5, runs=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Database: ")
    assert lines[-1] == "Rolled back: the benchmark's records are gone."
    assert any(line.startswith("report PDF") for line in lines)
    assert (Campaign.objects.count(), Response.objects.count()) == before


def test_the_quality_page_imports_nothing_of_the_survey():
    # Dependencies point one way: the survey registers its section with qms.public_sections.
    import ast
    from pathlib import Path

    from django.conf import settings

    qms = Path(settings.BASE_DIR, "qms")
    for path in [
        *Path(settings.BASE_DIR, "certificates").rglob("*.py"),
        qms / "public_sections.py",
        qms / "charts.py",
    ]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [
            node.module if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        ]
        assert not [name for name in imported if name and name.startswith("surveys")], path
