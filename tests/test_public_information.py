"""What Polish law asks of a public body's pages: the accessibility statement in the structure of
the technical conditions (version 2.0 of 31 July 2024), the BIP 'metryczka' with its public
register of changes, and the site's icon and descriptions."""

import datetime
import html
import math
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from certificates.models import Certificate, CertificateStatus
from qms import history, services
from qms.models import Organisation, PolicyStatus, Representative
from qms.models.organisation import STATUTORY_STATUS, AccessibilityStatus
from tests import factories
from tests.pages import PAGES, page_url
from tests.test_personal_data import EMAIL, forbidden_marks

D = datetime.date
pytestmark = pytest.mark.django_db

# The ids the technical conditions prescribe, which every statement carries (a11y-data-przeglad
# from the first review on, which the demo has had).
PRESCRIBED_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-zakres",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-aplikacje",
    "a11y-komunikacja",
]
DATE_IDS = [
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# "częściowo zgodna" and "niezgodna" contain "zgodna": the longer words are tried first.
STATUS = re.compile(r"(?<!\w)(częściowo zgodna|niezgodna|zgodna)(?!\w)")


class Element:
    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parts = []

    @property
    def text(self):
        return " ".join("".join(self.parts).split())


class ElementsById(HTMLParser):
    """Every element with an id: its tag, attributes and text (its descendants' too)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.found = {}
        self.duplicates = []
        self.open = []  # (tag, element or None), innermost last
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        element = None
        if dict(attrs).get("id"):
            element = Element(tag, attrs)
            if element.attrs["id"] in self.found:
                self.duplicates.append(element.attrs["id"])
            self.found[element.attrs["id"]] = element
        if tag not in self.VOID:
            self.open.append((tag, element))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        for _tag, element in self.open:
            if element is not None:
                element.parts.append(data)


def pl(name, *args):
    """The Polish path of a URL name (a request under /en/ leaves English active in the
    thread, and `reverse` would follow it)."""
    with translation.override("pl"):
        return reverse(name, args=args)


def elements(response):
    assert response.status_code == 200
    return ElementsById(response.content.decode())


def metryczka(response):
    page = html.unescape(response.content.decode())
    start = page.index('aria-labelledby="metryczka-heading"')
    return page[start : page.index("</section>", start)]


# --- The accessibility statement -----------------------------------------------------------------


@pytest.mark.parametrize("status", list(AccessibilityStatus))
def test_statement_declares_the_status_the_office_chose(client, status):
    factories.organisation(accessibility_status=status)
    found = elements(client.get(pl("public:accessibility"))).found
    assert STATUS.search(found["a11y-status"].text).group(1) == STATUTORY_STATUS[status]


def test_statement_names_the_burden_analysis_and_the_external_auditor_when_given(client):
    factories.organisation(
        accessibility_prepared_on=D(2025, 3, 1),
        accessibility_burden_analysis_url="https://um.example.org/analiza.pdf",
        accessibility_auditor="Fundacja Przykładowa",
    )
    found = elements(client.get(pl("public:accessibility"))).found
    assert found["a11y-ocena"].attrs["href"] == "https://um.example.org/analiza.pdf"
    assert found["a11y-audytor"].text == "Fundacja Przykładowa"
    assert found["a11y-data-sporzadzenie"].attrs["datetime"] == "2025-03-01"
    # Not reviewed yet: no review date, which the conditions require only after a review.
    assert "a11y-data-przeglad" not in found


def test_statement_of_an_office_not_set_up_yet_keeps_its_structure(client):
    found = elements(client.get(pl("public:accessibility"))).found
    assert set(PRESCRIBED_IDS) - {"a11y-data-przeglad"} <= set(found)


def test_coordinator_fills_in_the_statement(client_as, coordinator):
    factories.organisation()
    response = client_as(coordinator).post(
        reverse("intranet:organisation_update"),
        {
            "name": "Urząd Miejski w Zabrzu",
            "email": "um@example.org",
            "accessibility_status": "compliant",
            "accessibility_prepared_on": "2025-03-01",
            "accessibility_reviewed_on": "2026-03-30",
            "accessibility_contact": "Biuro Obsługi Klientów",
            "accessibility_phone": "(32) 373 30 00",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.load()
    assert organisation.accessibility_status == "compliant"
    assert organisation.accessibility_contact_email == "um@example.org"
    assert organisation.accessibility_phone_uri == "tel:+48323733000"


def test_a_review_before_the_statement_was_prepared_is_refused(client_as, coordinator):
    factories.organisation()
    response = client_as(coordinator).post(
        reverse("intranet:organisation_update"),
        {
            "name": "Urząd Miejski w Zabrzu",
            "accessibility_status": "compliant",
            "accessibility_prepared_on": "2025-03-01",
            "accessibility_reviewed_on": "2025-02-28",
        },
    )
    assert response.status_code == 200
    constraint = next(
        c
        for c in Organisation._meta.constraints
        if c.name == "qms_organisation_statement_reviewed_after_prepared"
    )
    with translation.override("pl"):
        message = str(constraint.violation_error_message)
    assert message in html.unescape(response.content.decode())
    assert Organisation.load().accessibility_prepared_on is None


def test_a_form_sent_without_the_status_keeps_the_one_declared(client_as, coordinator):
    factories.organisation(accessibility_status="non_compliant")
    client_as(coordinator).post(
        reverse("intranet:organisation_update"), {"name": "Urząd Miejski w Zabrzu"}
    )
    assert Organisation.load().accessibility_status == "non_compliant"


# --- The 'metryczka' -----------------------------------------------------------------------------


def public_pages_with_metryczka():
    certificate = Certificate.objects.get(number="PL-QMS-0142/2021")
    pages = [pl("public:quality_page"), certificate.get_absolute_url()]
    pages.append(pl("public:accessibility"))
    return pages + ["/en" + path for path in pages]


# --- The public register of changes ---------------------------------------------------------------


def register(client, prefix="", **params):
    response = client.get(prefix + pl("public:change_register"), params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def rows_of(page):
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("<tr>")[1:]]


def saved_by(record, user, **changes):
    """Change the record as `user` would on a form: the history row names them."""
    for name, value in changes.items():
        setattr(record, name, value)
    record._history_user = user
    record.save()
    return record


def test_register_shows_which_record_and_which_fields_changed(client, make_user):
    clerk = make_user("kbystrzycka", first_name="Kinga", last_name="Bystrzycka")
    organisation = factories.organisation(phone="(32) 111 11 11")
    certificate = factories.certificate(number="PL-QMS-7/2024")
    saved_by(organisation, clerk, phone="(32) 222 22 22")
    saved_by(
        certificate,
        clerk,
        status=CertificateStatus.WITHDRAWN,
        status_changed_on=D(2025, 1, 10),
    )

    rows = rows_of(register(client))
    assert len(rows) == 4
    withdrawn, changed, *created = rows
    assert "PL-QMS-7/2024" in withdrawn
    with translation.override("pl"):
        assert str(capfirst(Certificate._meta.get_field("status").verbose_name)) in withdrawn
        assert str(capfirst(Organisation._meta.get_field("phone").verbose_name)) in changed
    assert "wycofano" in withdrawn.lower()
    assert "(32) 111 11 11" not in changed and "(32) 222 22 22" not in changed
    assert all("utworzono" in row.lower() for row in created)
    page = register(client)
    for mark in ("Bystrzycka", "kbystrzycka", "Kinga"):
        assert mark not in page
    assert f'href="{certificate.get_absolute_url()}"' in page


def test_register_names_no_former_representative_and_no_draft(client):
    factories.organisation()
    former = factories.representative(full_name="Anna Poprzedniczka", email="anna@example.org")
    services.representative_appoint(
        new=Representative(
            full_name="Beata Następczyni",
            title="Pełnomocnik ds. SZJ",
            email="beata@example.org",
            appointed_on=D(2024, 1, 2),
            appointed_by="Prezydent Miasta",
        )
    )
    draft = factories.policy(status=PolicyStatus.DRAFT, approved_on=None, text="Szkic.")
    saved_by(draft, None, text="Drugi szkic.")
    factories.external_audit(lead_auditor="Ewa Audytorka", is_archived=True)

    page = register(client)
    for mark in ("Poprzedniczka", "Następczyni", "anna@example.org", "Ewa Audytorka", "Szkic"):
        assert mark not in page
    assert former.history.count() == 2
    # The organisation and each appointment; nothing of the draft nor of the archived audit.
    assert len(rows_of(page)) == 3


def test_register_is_open_to_visitors_and_changes_nothing(client):
    assert client.get(pl("public:change_register")).status_code == 200
    assert client.get("/en" + pl("public:change_register")).status_code == 200
    assert client.post(pl("public:change_register")).status_code == 405


def public_records_changed(times):
    """Each kind of record the public pages show, the certificate changed `times` times, then
    each of them changed once more (so that every kind is on the register's first page)."""
    organisation = factories.organisation()
    representative = factories.representative()
    policy = factories.policy()
    certificate = factories.certificate()
    audit = factories.external_audit(certificate=certificate, body=certificate.body)
    for n in range(times):
        saved_by(certificate, None, scope=f"zakres {n}")
    saved_by(certificate, None, scope="zakres ostateczny")
    saved_by(audit, None, summary="Audyt zakończony wynikiem pozytywnym.")
    saved_by(policy, None, approved_by="Prezydent Miasta")
    saved_by(representative, None, phone="(32) 373 33 71")
    saved_by(organisation, None, phone="(32) 373 33 01")


@pytest.mark.parametrize("times", [1, 40])
def test_register_answers_in_the_same_number_of_queries(client, django_assert_num_queries, times):
    public_records_changed(times)
    # The organisation; the count and the page of the register; per kind of record, its rows
    # with their predecessors' ids, and the predecessors; and the revision of the public
    # records, which names the page in the cache.
    with django_assert_num_queries(14):
        page = register(client)
    assert len(rows_of(page)) == min(25, 5 + times + 5)


# --- The icon and the descriptions ---------------------------------------------------------------


def test_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert response.content[:4] == b"\x00\x00\x01\x00"


def test_pages_link_their_icons(client):
    page = client.get(pl("public:quality_page")).content.decode()
    head = page[: page.index("</head>")]
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', head)
    assert len(icons) == 2
    for href in icons:
        response = client.get(href)
        assert response.status_code == 200, href
        assert b"".join(response.streaming_content if response.streaming else [response.content])


DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')


def description(client, path):
    response = client.get(path)
    found = DESCRIPTION.findall(response.content.decode())
    assert len(found) == 1, path
    return html.unescape(found[0]).strip()


# --- On the demo data, loaded once for the tests below --------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_statement_carries_every_prescribed_id_with_a_well_formed_value(
    client, shared_demo, prefix
):
    organisation = Organisation.load()
    found = elements(client.get(prefix + pl("public:accessibility")))
    assert not found.duplicates
    missing = [name for name in PRESCRIBED_IDS if name not in found.found]
    assert not missing
    empty = [name for name in PRESCRIBED_IDS if not found.found[name].text]
    assert not empty

    for name in DATE_IDS:
        element = found.found[name]
        assert element.tag == "time", name
        assert ISO_DATE.match(element.attrs["datetime"]), name
        assert element.text == element.attrs["datetime"], name
    assert found.found["a11y-data-publikacja"].text == "2021-06-21"
    assert found.found["a11y-data-przeglad"].text == "2026-03-31"

    assert STATUS.search(found.found["a11y-status"].text).group(1) == "częściowo zgodna"
    assert organisation.statutory_status == "częściowo zgodna"

    email = found.found["a11y-email"]
    assert EMAIL.fullmatch(email.text)
    assert email.attrs["href"] == f"mailto:{email.text}" == "mailto:um@um.zabrze.pl"
    phone = found.found["a11y-telefon"]
    assert phone.text == "(32) 373 33 00"
    assert phone.attrs["href"] == "tel:+48323733300"
    assert found.found["a11y-osoba"].text == "Biuro Pełnomocnika ds. ISO"
    assert found.found["a11y-podmiot"].text == "Urząd Miejski w Zabrzu"
    assert found.found["a11y-url"].attrs["href"].startswith("http://testserver/")
    assert "Powstańców Śląskich" in found.found["a11y-architektura"].text
    assert "języka migowego" in found.found["a11y-komunikacja"].text
    assert "Rzecznik" in found.found["a11y-procedura"].text
    # Without a disproportionate burden or an external audit, neither is named.
    assert "a11y-ocena" not in found.found
    assert "a11y-audytor" not in found.found


def test_statement_ids_are_the_same_in_both_languages(client, shared_demo):
    polish = elements(client.get(pl("public:accessibility"))).found
    english = elements(client.get("/en" + pl("public:accessibility"))).found
    assert sorted(k for k in polish if k.startswith("a11y-")) == sorted(
        k for k in english if k.startswith("a11y-")
    )
    for name in [*DATE_IDS, "a11y-email", "a11y-telefon", "a11y-osoba", "a11y-podmiot"]:
        assert polish[name].text == english[name].text, name


def test_statement_states_the_deadlines_and_the_complaint(client, shared_demo):
    english = html.unescape(client.get("/en" + pl("public:accessibility")).content.decode())
    assert "within 7 days" in english
    assert "2 months" in english
    assert 'href="https://bip.brpo.gov.pl/" lang="pl">Rzecznik Praw Obywatelskich' in english
    polish = html.unescape(client.get(pl("public:accessibility")).content.decode())
    assert "Deklaracja dostępności" in polish
    assert "7 dni" in polish
    assert "2 miesięcy" in polish
    assert "https://bip.brpo.gov.pl/" in polish


def test_every_public_page_carries_the_bip_metryczka(client, shared_demo):
    labels = [
        "Content prepared by",
        "Responsible for the content",
        "Entered by",
        "Produced on",
        "First published",
        "Last changed",
        "Register of changes",
    ]
    for path in public_pages_with_metryczka():
        language = "en" if path.startswith("/en/") else "pl"
        section = metryczka(client.get(path))
        with translation.override(language):
            assert all(gettext(label) in section for label in labels), path
        assert "Małgorzata Giela, Pełnomocnik Prezydenta Miasta ds. ISO" in section, path
        assert "Pełnomocnik Prezydenta Miasta ds. ISO" in section, path
        assert "Biuro Pełnomocnika ds. ISO" in section, path
        assert '<time datetime="2021-06-14">' in section, path
        assert '<time datetime="2021-06-21">' in section, path
        assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}T', section), path
        prefix = "/en" if language == "en" else ""
        assert f'href="{prefix}{pl("public:change_register")}"' in section, path


def test_register_of_the_demo_names_no_one_but_the_representative(client, shared_demo):
    accounts = list(User.objects.order_by("pk"))
    for user in accounts:
        user.username = f"konto-{user.pk:03d}-ukryte"
        user.first_name = "Zenobia"
        user.last_name = f"Niejawna{user.pk:03d}"
        user.save(update_fields=["username", "first_name", "last_name"])
    marks = forbidden_marks(accounts)
    allowed = {Representative.objects.current().email, Organisation.load().email}
    changes = history.timeline(history.public_sources()).count()
    assert changes
    for prefix in ("", "/en"):
        for number in range(1, math.ceil(changes / 25) + 1):
            page = register(client, prefix, page=number)
            assert not [what for mark, what in marks.items() if mark in page], number
            assert not set(EMAIL.findall(page)) - allowed, number
    assert "PL-QMS-0142/2021" in register(client)


def test_every_public_page_has_a_description(client, shared_demo):
    paths = [page_url(path) for path, who, status in PAGES.values() if who is None]
    paths += [pl("public:change_register"), "/en" + pl("public:change_register")]
    paths += ["/en" + pl("public:accessibility")]
    for path in paths:
        assert description(client, path), path


def test_the_public_pages_describe_themselves(client, shared_demo):
    certificate = Certificate.objects.get(number="PL-QMS-0142/2021")
    pages = [
        pl("public:quality_page"),
        certificate.get_absolute_url(),
        pl("public:accessibility"),
        pl("public:change_register"),
        pl("login"),
    ]
    descriptions = [description(client, path) for path in pages]
    assert len(set(descriptions)) == len(pages)
    assert all("Urząd Miejski w Zabrzu" in text for text in descriptions)
    assert "PL-QMS-0142/2021" in descriptions[1]
