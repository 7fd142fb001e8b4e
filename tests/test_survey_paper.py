"""The survey on paper: the printable questionnaire and the desk's poster of a campaign, each with
the QR code of its online form, and the page where the desk types in the sheets from the box
(the survey_clerk role and the coordinator), marked as paper and saved once."""

import datetime
import re
import uuid
from html import unescape
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from qms import roles
from surveys import services
from surveys.forms.paper import PaperScoreField
from surveys.models import Answer, Campaign, Channel, Response, Source
from surveys.qr import qr_data_uri
from tests import factories
from tests.helpers import messages_of, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today


@pytest.fixture
def clerk(make_user):
    return make_user("clerk", roles.SURVEY_CLERK)


@pytest.fixture
def campaign():
    factories.organisation()
    return factories.campaign(
        code="2030",
        questionnaire=factories.questionnaire(
            groups=[
                ("Kompetencje", ["Wiedza pracownika", "Jasność wyjaśnień"]),
                ("Terminowość", ["Czas oczekiwania na obsługę"]),
            ]
        ),
    )


def questions(campaign):
    return [q for g in campaign.questionnaire.groups.all() for q in g.questions.all()]


def entry_url(campaign):
    return reverse("surveys:campaign_paper_entry", args=[campaign.pk])


def sheet(campaign, **extra):
    """A typed-in sheet: the first question 5, the second "not applicable" (0), the third left
    empty; by phone, with a comment."""
    first, second, third = questions(campaign)
    return {
        "submission": str(uuid.uuid4()),
        f"q{first.pk}": "5",
        f"q{second.pk}": "0",
        f"q{third.pk}": "",
        "unit": "",
        "channel": Channel.PHONE,
        "comment": "Miła obsługa.",
        **extra,
    }


# Who may type sheets in


def test_clerk_and_coordinator_open_the_entry_form(client_as, campaign, clerk, coordinator):
    for user in (clerk, coordinator):
        response = client_as(user).get(entry_url(campaign))
        assert response.status_code == 200
        html = response.content.decode()
        first = questions(campaign)[0]
        # The cursor starts in the first question's box.
        assert re.search(rf'<input[^>]*name="q{first.pk}"[^>]*autofocus', html)


def test_anonymous_visitor_is_sent_to_sign_in_and_nothing_is_stored(client, campaign):
    response = client.post(entry_url(campaign), sheet(campaign))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(entry_url(campaign)).status_code == 302
    assert not Response.objects.exists()


@pytest.mark.parametrize("who", ["employee", "auditor"])
def test_staff_without_the_clerks_right_are_refused(request, client_as, campaign, who):
    client = client_as(request.getfixturevalue(who))
    assert client.get(entry_url(campaign)).status_code == 403
    assert client.post(entry_url(campaign), sheet(campaign)).status_code == 403
    assert client.get(reverse("surveys:paper_campaign_list")).status_code == 403
    assert not Response.objects.exists()


def test_clerk_reaches_the_entry_form_from_the_intranet_home(client_as, campaign, clerk):
    client = client_as(clerk)
    home = client.get(reverse("intranet:home")).content.decode()
    assert reverse("surveys:paper_campaign_list") in home
    listing = client.get(reverse("surveys:paper_campaign_list")).content.decode()
    assert entry_url(campaign) in listing
    assert reverse("surveys:campaign_paper_pdf", args=[campaign.pk]) in listing
    assert reverse("surveys:campaign_poster_pdf", args=[campaign.pk]) in listing


def test_employee_home_has_no_paper_link(client_as, campaign, employee):
    home = client_as(employee).get(reverse("intranet:home")).content.decode()
    assert reverse("surveys:paper_campaign_list") not in home


def test_clerk_has_no_other_rights(client_as, clerk):
    client = client_as(clerk)
    for name in ["intranet:process_map", "intranet:document_list", "audits:action_register"]:
        assert client.get(reverse(name)).status_code == 403, name


# Typing a sheet in


def test_sheet_is_stored_as_paper_by_its_clerk_and_the_form_comes_back_empty(
    client_as, campaign, clerk
):
    client = client_as(clerk)
    first, second, third = questions(campaign)
    response = client.post(entry_url(campaign), sheet(campaign))
    assert response.status_code == 302
    assert response["Location"] == entry_url(campaign)
    stored = Response.objects.get()
    assert (stored.source, stored.entered_by, stored.channel) == (Source.PAPER, clerk, "phone")
    assert stored.comment == "Miła obsługa."
    assert dict(Answer.objects.values_list("question", "score")) == {first.pk: 5, second.pk: None}
    assert gettext("Saved. Enter the next questionnaire.") in messages_of(response)
    page = client.get(entry_url(campaign))
    form = page.context["form"]
    assert not form.is_bound
    assert page.context["mine_today"] == 1 and page.context["paper_total"] == 1


def test_running_count_is_the_clerks_own_of_today(client_as, campaign, clerk, coordinator):
    client = client_as(clerk)
    for _ in range(2):
        client.post(entry_url(campaign), sheet(campaign))
    first = questions(campaign)[0]
    services.response_submit(
        campaign=campaign, scores={first.pk: 3}, channel="phone", entered_by=coordinator
    )
    Response.objects.filter(entered_by=clerk).update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )
    client.post(entry_url(campaign), sheet(campaign))
    page = client.get(entry_url(campaign))
    assert (page.context["mine_today"], page.context["paper_total"]) == (1, 4)


def test_double_submit_stores_one_sheet(client_as, campaign, clerk):
    client = client_as(clerk)
    data = sheet(campaign)
    first = client.post(entry_url(campaign), data)
    second = client.post(entry_url(campaign), data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == entry_url(campaign)
    assert Response.objects.count() == 1
    assert gettext("This form had already been sent; it was saved once.") in messages_of(second)


@pytest.mark.parametrize("typed", ["6", "9", "12", "a", "-1", "1.5", "٣", "5 5", "x" * 5000])
def test_score_off_the_scale_is_refused_and_everything_typed_is_kept(
    client_as, campaign, clerk, typed
):
    second = questions(campaign)[1]
    data = sheet(campaign, **{f"q{second.pk}": typed, "comment": "Długo czekałem."})
    response = client_as(clerk).post(entry_url(campaign), data)
    assert response.status_code == 200
    assert not Response.objects.exists()
    html = unescape(response.content.decode())
    message = str(PaperScoreField.default_error_messages["invalid"])
    assert message in html
    # The message names the question's box and leads to it; the cursor is put there.
    assert f'href="#id_q{second.pk}"' in html
    assert re.search(
        rf'<input[^>]*id="id_q{second.pk}"[^>]*aria-invalid="true"[^>]*autofocus', html
    )
    assert f'value="{typed}"' in html
    first = questions(campaign)[0]
    assert re.search(rf'name="q{first.pk}" id="id_q{first.pk}" value="5"', html)
    assert "Długo czekałem." in html
    assert '<option value="phone" selected>' in html


@pytest.mark.parametrize("typed", ["0", "n", "N", "x", "-", " 0 "])
def test_not_applicable_has_several_keys(client_as, campaign, clerk, typed):
    first = questions(campaign)[0]
    data = sheet(campaign, **{f"q{first.pk}": typed})
    assert client_as(clerk).post(entry_url(campaign), data).status_code == 302
    assert Answer.objects.get(question=first).score is None


def test_empty_sheet_is_refused(client_as, campaign, clerk):
    data = {k: ("" if k.startswith("q") else v) for k, v in sheet(campaign).items()}
    response = client_as(clerk).post(entry_url(campaign), data)
    assert response.status_code == 200
    empty = gettext("Type at least one score (or 0 for “not applicable”): the sheet is empty.")
    assert empty in unescape(response.content.decode())
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    "careless",
    [
        {"unit": "999999"},
        {"unit": "abc"},
        {"channel": "pigeon"},
        {"channel": ""},
        {"comment": "ż" * 1001},
        {"comment": "a\x00b"},
        {"unit": "1 OR 1=1"},
        {"submission": "not-a-uuid"},
        {"q999999": "5"},
    ],
)
def test_careless_and_hostile_input_is_answered_without_an_error_page(
    client_as, campaign, clerk, careless
):
    response = client_as(clerk).post(entry_url(campaign), sheet(campaign, **careless))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert not Response.objects.exists()
        assert response.context["form"].errors


def test_closed_campaign_still_takes_the_sheets_from_the_box(client_as, clerk):
    factories.organisation()
    closed = factories.campaign(
        opens_on=TODAY() - datetime.timedelta(days=60), closes_on=TODAY() - datetime.timedelta(1)
    )
    client = client_as(clerk)
    assert client.get(entry_url(closed)).status_code == 200
    question = questions(closed)[0]
    data = {"submission": str(uuid.uuid4()), f"q{question.pk}": "4", "channel": "in_person"}
    assert client.post(entry_url(closed), data).status_code == 302
    assert Response.objects.get().source == Source.PAPER


def test_campaign_not_open_yet_takes_no_sheet(client_as, clerk):
    factories.organisation()
    coming = factories.campaign(
        opens_on=TODAY() + datetime.timedelta(days=3), closes_on=TODAY() + datetime.timedelta(30)
    )
    client = client_as(clerk)
    page = client.get(entry_url(coming))
    assert page.status_code == 200
    assert "form" not in page.context
    notice = gettext(
        "This survey opens on %(day)s: its paper questionnaires can be entered from then."
    )
    assert notice.split("%(day)s")[1] in unescape(page.content.decode())
    question = questions(coming)[0]
    data = {"submission": str(uuid.uuid4()), f"q{question.pk}": "4", "channel": "in_person"}
    assert client.post(entry_url(coming), data).status_code == 200
    assert not Response.objects.exists()
    # The rule is the workflow's, whoever calls it.
    with pytest.raises(services.ValidationError):
        services.response_submit(
            campaign=coming, scores={question.pk: 4}, channel="phone", entered_by=clerk
        )


@pytest.mark.parametrize("rows", [2, 30])
def test_entry_page_queries_do_not_grow_with_responses(
    client_as, campaign, clerk, django_assert_max_num_queries, rows
):
    first = questions(campaign)[0]
    for n in range(rows):
        services.response_submit(
            campaign=campaign,
            scores={first.pk: n % 5 + 1},
            channel="phone",
            entered_by=clerk if n % 2 else None,
            address=None if n % 2 else f"198.51.100.{n}",
        )
    client = client_as(clerk)
    # Session, user, permissions (2), the campaign, its groups, their questions, the units, the
    # counts, the organisation.
    with django_assert_max_num_queries(10):
        response = client.get(entry_url(campaign))
    assert response.context["paper_total"] == rows // 2


@pytest.mark.parametrize("rows", [2, 30])
def test_paper_list_queries_do_not_grow_with_campaigns(
    client_as, clerk, django_assert_max_num_queries, rows
):
    factories.organisation()
    questionnaire = factories.questionnaire()
    for _ in range(rows):
        factories.campaign(questionnaire=questionnaire)
    client = client_as(clerk)
    # Session, user, permissions (2), the count, the page of campaigns, the organisation.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("surveys:paper_campaign_list"))
    assert len(response.context["page_obj"]) == rows


# The PDFs


def test_paper_questionnaire_pdf_has_the_questions_boxes_and_the_short_address(
    client_as, campaign, clerk
):
    response = client_as(clerk).get(reverse("surveys:campaign_paper_pdf", args=[campaign.pk]))
    assert 'filename="ankieta-2030.pdf"' in response["Content-Disposition"]
    reader, pages = pdf_pages(response)
    text = " ".join(pages)
    for expected in [
        "Urząd Miejski w Zabrzu",
        campaign.name,
        "Kompetencje",
        "Wiedza pracownika",
        "Jasność wyjaśnień",
        "Czas oczekiwania na obsługę",
        "testserver/ankieta/2030/",
        "☐",
    ]:
        assert expected in text, expected
    assert len(pages) == 1
    assert reader.trailer["/Root"]["/Lang"] == "pl"


def test_poster_pdf_is_one_tagged_a4_page_with_the_short_address(client_as, campaign, clerk):
    response = client_as(clerk).get(reverse("surveys:campaign_poster_pdf", args=[campaign.pk]))
    reader, pages = pdf_pages(response)
    assert len(pages) == 1
    assert "testserver/ankieta/2030/" in pages[0]
    assert "Urząd Miejski w Zabrzu" in pages[0]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "pl" and "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    for ref in page["/Resources"]["/Font"].values():
        font = ref.get_object()
        font = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = font["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize("name", ["campaign_paper_pdf", "campaign_poster_pdf"])
def test_qr_code_encodes_the_campaigns_public_address(client_as, settings, campaign, clerk, name):
    settings.DEBUG = True
    url = reverse(f"surveys:{name}", args=[campaign.pk]) + "?html=1"
    html = client_as(clerk).get(url).content.decode()
    (src,) = re.findall(r'<img src="([^"]+)"', html)
    address = "http://testserver/ankieta/2030/"
    # segno draws the same modules for the same text: the image is the code of the address.
    assert unescape(src) == qr_data_uri(address)
    assert "<svg" in unquote(src) and "viewBox" in unquote(src)
    assert address in unescape(html)  # in the image's alt text


def test_pdfs_are_refused_to_staff_without_the_survey(client_as, campaign, employee):
    client = client_as(employee)
    for name in ["campaign_paper_pdf", "campaign_poster_pdf"]:
        assert client.get(reverse(f"surveys:{name}", args=[campaign.pk])).status_code == 403


def test_paper_questionnaire_lists_few_units_to_tick_and_many_as_a_line(
    client_as, settings, campaign, clerk
):
    settings.DEBUG = True
    url = reverse("surveys:campaign_paper_pdf", args=[campaign.pk]) + "?html=1"
    factories.org_unit(name="Biuro Obsługi Mieszkańców")
    html = client_as(clerk).get(url).content.decode()
    assert "☐ Biuro Obsługi Mieszkańców" in html
    for _ in range(20):
        factories.org_unit()
    html = client_as(clerk).get(url).content.decode()
    assert "Biuro Obsługi Mieszkańców" not in html and 'class="paper-line"' in html


# Every field at its longest


def test_pdfs_print_with_every_field_at_its_longest(client_as, clerk):
    factories.organisation(name="Ż" * 200, address="ul. " + "Ą" * 990)
    questionnaire = factories.questionnaire(
        groups=[("G" * 100, ["Ś" * 300] * 5)] * 6, introduction="wstęp " * 333
    )
    campaign = factories.campaign(name="Ń" * 200, code="a" * 20, questionnaire=questionnaire)
    client = client_as(clerk)
    for name in ["campaign_paper_pdf", "campaign_poster_pdf"]:
        response = client.get(reverse(f"surveys:{name}", args=[campaign.pk]))
        assert "/ankieta/" + "a" * 20 + "/" in pdf_text(response).replace(" ", "")


# The demo's campaign (the demo is loaded once for the tests below)


def test_demo_paper_questionnaire_fits_one_sheet_with_the_privacy_statement(client, shared_demo):
    client.force_login(User.objects.get(username="clerk"))
    campaign = Campaign.objects.open_on(timezone.localdate()).get()
    response = client.get(reverse("surveys:campaign_paper_pdf", args=[campaign.pk]))
    _reader, pages = pdf_pages(response)
    assert len(pages) <= 2  # one sheet, printed on both sides
    text = pdf_text(response)
    for expected in [
        "Łatwość znalezienia właściwego pokoju lub stanowiska",
        "Możliwość załatwienia sprawy przez internet",
        "Biuro Obsługi Mieszkańców",
        f"/ankieta/{campaign.code}/",
        "nie dotyczy",
        "Administratorem danych jest",
    ]:
        assert expected in text, expected
