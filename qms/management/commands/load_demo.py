"""Load the demonstration data: the Zabrze city hall's quality page, four demo accounts, and a
quality system to work with (units, process cards, a register of controlled documents).

Facts from the office's public "Zarządzanie Jakością" page are kept exactly (the 2021
recertification audit, the standard, the scope, the representative's contact); what the page does
not say (certificate numbers, the certification body, other audits) is invented, and the site then
shows a "dane demonstracyjne" notice. The units, processes and documents (demo_data.py) and the
internal audits (demo_audits.py) are invented. Running it again updates the same rows: nothing is
duplicated. Documents are keyed by code; a document that already has versions keeps them (no new
files on a second run); an audit already there keeps its checklist, findings and actions.
"""

import datetime
import textwrap
import unicodedata
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from certificates.models import (
    AuditKind,
    AuditResult,
    Certificate,
    CertificateStatus,
    CertificationBody,
    ExternalAudit,
)
from qms import history, roles, services
from qms.models import (
    Document,
    DocumentVersion,
    Frequency,
    MeasureValue,
    Organisation,
    OrganisationalUnit,
    PolicyStatus,
    Process,
    ProcessMeasure,
    ProcessRisk,
    QualityPolicy,
    ReadConfirmation,
    Representative,
    StaffProfile,
    pause_history,
    today,
)

from . import demo_audits, demo_data

D = datetime.date
SCOPE = "wykonywanie przez Urząd Miejski w Zabrzu zadań z zakresu administracji publicznej"
STANDARD_2015 = "PN-EN ISO 9001:2015-10"

DEMO_ACCOUNTS = [
    # username, role, first name, last name
    ("coordinator", roles.COORDINATOR, "Biuro", "Pełnomocnika"),
    ("auditor", roles.AUDITOR, "Audytor", "Wewnętrzny"),
    ("owner", roles.PROCESS_OWNER, "Właściciel", "Procesu"),
    ("employee", roles.EMPLOYEE, "Pracownik", "Urzędu"),
]
DEMO_PASSWORD = "demo"

# The strengths named by the audit team in June 2021, as the office published them.
STRENGTHS_2021 = "\n".join(
    [
        "nieustające zaangażowanie Kierownictwa w działania projakościowe oraz proklienckie",
        "zaangażowanie osób bezpośrednio odpowiedzialnych za ciągłe doskonalenie "
        "i funkcjonowanie Systemu Zarządzania Jakością",
        "kompleksowo zdefiniowany kontekst organizacji oraz zainteresowane strony",
        "wymagania stawiane wobec pracowników oraz wynikająca z tego mobilizacja "
        "do podnoszenia kwalifikacji",
    ]
)

POLICY_V1 = "\n\n".join(
    [
        (
            "Urząd Miejski w Zabrzu służy mieszkańcom, przedsiębiorcom i wszystkim, którzy "
            "załatwiają u nas sprawy. Chcemy robić to rzetelnie, w terminie i zgodnie z "
            "prawem."
        ),
        ("Wdrażamy system zarządzania jakością zgodny z normą ISO 9001 i stale go doskonalimy."),
    ]
)

POLICY_V2 = "\n\n".join(
    [
        (
            "Urząd Miejski w Zabrzu działa dla mieszkańców, przedsiębiorców i wszystkich "
            "osób, które załatwiają u nas swoje sprawy. Naszym celem jest obsługa rzetelna, "
            "życzliwa i terminowa, prowadzona zgodnie z prawem i z poszanowaniem każdego "
            "klienta."
        ),
        (
            "Aby to osiągnąć: znamy i nadzorujemy procesy, w których realizujemy zadania "
            "miasta; słuchamy opinii mieszkańców i reagujemy na ich potrzeby; oceniamy ryzyka"
            " i szanse, zanim podejmiemy decyzje; dbamy o kompetencje pracowników i warunki "
            "ich pracy."
        ),
        (
            "Kierownictwo Urzędu zapewnia zasoby potrzebne do realizacji tej polityki i co "
            "roku sprawdza, czy wyznaczone cele jakościowe zostały osiągnięte. Każdy "
            "pracownik zna tę politykę i stosuje ją w codziennej pracy."
        ),
        (
            "Utrzymujemy i stale doskonalimy System Zarządzania Jakością zgodny z wymaganiami"
            " normy PN-EN ISO 9001:2015-10."
        ),
    ]
)

# (number, standard, issued, valid from, valid until)
CERTIFICATES = [
    ("PL-QMS-0142/2008", "PN-EN ISO 9001:2001", D(2008, 7, 10), D(2008, 7, 14), D(2011, 7, 13)),
    ("PL-QMS-0142/2011", "PN-EN ISO 9001:2009", D(2011, 7, 8), D(2011, 7, 14), D(2014, 7, 13)),
    ("PL-QMS-0142/2014", "PN-EN ISO 9001:2009", D(2014, 7, 9), D(2014, 7, 14), D(2017, 7, 13)),
    # Transition to the 2015 edition; extended by a year in 2020 under the pandemic rules.
    ("PL-QMS-0142/2017", STANDARD_2015, D(2017, 7, 7), D(2017, 7, 14), D(2021, 7, 13)),
    ("PL-QMS-0142/2021", STANDARD_2015, D(2021, 7, 5), D(2021, 7, 14), D(2024, 7, 13)),
    ("PL-QMS-0142/2024", STANDARD_2015, D(2024, 7, 8), D(2024, 7, 14), D(2027, 7, 13)),
]

# (kind, first day, last day, lead auditor, certificate number, summary, strengths, improvements)
AUDITS = [
    (
        AuditKind.CERTIFICATION,
        D(2008, 6, 2),
        D(2008, 6, 5),
        "Tomasz Przykładowy",
        "PL-QMS-0142/2008",
        "Audyt certyfikujący potwierdził wdrożenie systemu zarządzania jakością w Urzędzie.",
        "",
        "",
    ),
    (
        AuditKind.RECERTIFICATION,
        D(2017, 6, 5),
        D(2017, 6, 8),
        "Ewa Przykładowa",
        "PL-QMS-0142/2017",
        "System przeszedł na wymagania normy w wydaniu z 2015 roku.",
        "podejście procesowe opisane w mapie procesów i kartach procesów",
        "analiza ryzyka w procesach wspierających",
    ),
    (
        AuditKind.RECERTIFICATION,
        D(2021, 6, 8),
        D(2021, 6, 11),
        "Ewa Przykładowa",
        "PL-QMS-0142/2021",
        "Audyt ponownej certyfikacji ocenił, czy system zarządzania jakością Urzędu nadal spełnia "
        "wymagania normy PN-EN ISO 9001:2015-10. Zakończył się wynikiem pozytywnym, a Urząd "
        "otrzymał certyfikat na kolejne 3 lata.",
        STRENGTHS_2021,
        "",
    ),
    (
        AuditKind.SURVEILLANCE,
        D(2022, 6, 13),
        D(2022, 6, 14),
        "Ewa Przykładowa",
        "PL-QMS-0142/2021",
        "Pierwszy audyt nadzoru po ponownej certyfikacji.",
        "sprawna obsługa klientów w Biurze Obsługi Mieszkańców",
        "",
    ),
    (
        AuditKind.SURVEILLANCE,
        D(2023, 6, 12),
        D(2023, 6, 13),
        "Ewa Przykładowa",
        "PL-QMS-0142/2021",
        "Drugi audyt nadzoru potwierdził utrzymanie certyfikatu.",
        "",
        "",
    ),
    (
        AuditKind.RECERTIFICATION,
        D(2024, 6, 10),
        D(2024, 6, 13),
        "Piotr Przykładowy",
        "PL-QMS-0142/2024",
        "Urząd otrzymał certyfikat na kolejny trzyletni okres.",
        "monitorowanie satysfakcji mieszkańców i wykorzystanie wyników w doskonaleniu usług",
        "aktualizacja dokumentacji po zmianach w strukturze organizacyjnej",
    ),
    (
        AuditKind.SURVEILLANCE,
        D(2025, 6, 16),
        D(2025, 6, 17),
        "Piotr Przykładowy",
        "PL-QMS-0142/2024",
        "Audyt nadzoru potwierdził utrzymanie certyfikatu.",
        "",
        "",
    ),
    (
        AuditKind.SURVEILLANCE,
        D(2026, 6, 15),
        D(2026, 6, 16),
        "Piotr Przykładowy",
        "PL-QMS-0142/2024",
        "Drugi audyt nadzoru w cyklu certyfikacji zakończył się wynikiem pozytywnym.",
        "cyfrowa obsługa spraw i krótki czas odpowiedzi na wnioski mieszkańców",
        "analiza przyczyn niezgodności z audytów wewnętrznych",
    ),
]


class Command(BaseCommand):
    help = "Load demonstration data and the demo accounts (password 'demo'). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (creates accounts with a known password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production, and the demo creates accounts with "
                "the password 'demo'. Pass --force if you really mean it."
            )
        with transaction.atomic():
            # Row by row, the change history would double the load's time: it is paused, and
            # each record then gets its "created" row in bulk, dated when the demo says it was
            # created. Records that have one already keep their history: a second run adds none.
            with pause_history():
                users = self.load_accounts()
                self.load_records()
                units = self.load_units(users)
                processes = self.load_processes(users, units)
                self.load_documents(users, units, processes)
                audits = demo_audits.load_audits(users=users, units=units, processes=processes)
            history.record_creations()
        self.stdout.write(
            f"Units: {OrganisationalUnit.objects.count()}, "
            f"processes: {Process.objects.count()}, "
            f"documents: {Document.objects.count()} "
            f"({DocumentVersion.objects.count()} versions); internal audits: "
            f"{audits['audits']} added, {audits['skipped']} already there."
        )
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo accounts (password 'demo'):"))
        for username, role, _first, _last in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<12} {roles.ROLE_LABELS[role]}")

    def load_records(self):
        Organisation.objects.update_or_create(
            pk=1,
            defaults={
                "name": "Urząd Miejski w Zabrzu",
                "address": "ul. Powstańców Śląskich 5–7\n41-800 Zabrze",
                "email": "um@um.zabrze.pl",
                "phone": "(32) 373 33 00",
                "website": "https://miastozabrze.pl/",
                "content_prepared_by": "Małgorzata Giela, Pełnomocnik Prezydenta Miasta ds. ISO",
                "content_published_by": "Biuro Pełnomocnika ds. ISO",
                "content_published_on": D(2021, 6, 21),
                "accessibility_contact": "Biuro Pełnomocnika ds. ISO",
                "accessibility_reviewed_on": D(2026, 3, 31),
                "is_demo": True,
            },
        )
        # Whatever was appointed on the demo site since, the demo's own history comes back.
        Representative.objects.exclude(full_name="Małgorzata Giela").update(is_current=False)
        QualityPolicy.objects.filter(status=PolicyStatus.IN_FORCE).exclude(version=2).update(
            status=PolicyStatus.SUPERSEDED
        )
        Representative.objects.update_or_create(
            full_name="Anna Przykładowa",
            defaults={
                "title": "Pełnomocnik Prezydenta Miasta ds. ISO",
                "email": "pelnomocnik.iso@example.org",
                "phone": "(32) 373 33 99",
                "appointed_on": D(2008, 1, 2),
                "appointed_by": "Prezydent Miasta Zabrze",
                "ended_on": D(2016, 12, 31),
                "is_current": False,
            },
        )
        Representative.objects.update_or_create(
            full_name="Małgorzata Giela",
            defaults={
                "title": "Pełnomocnik Prezydenta Miasta ds. ISO",
                "email": "sekretariat_wru@um.zabrze.pl",
                "phone": "(32) 373 33 70",
                "appointed_on": D(2017, 1, 2),
                "appointed_by": "Prezydent Miasta Zabrze",
                "ended_on": None,
                "is_current": True,
            },
        )
        # The superseded version first, so that only one is ever in force.
        QualityPolicy.objects.update_or_create(
            version=1,
            defaults={
                "text": POLICY_V1,
                "approved_on": D(2008, 1, 15),
                "approved_by": "Prezydent Miasta Zabrze",
                "status": PolicyStatus.SUPERSEDED,
            },
        )
        QualityPolicy.objects.update_or_create(
            version=2,
            defaults={
                "text": POLICY_V2,
                "approved_on": D(2018, 3, 1),
                "approved_by": "Prezydent Miasta Zabrze",
                "status": PolicyStatus.IN_FORCE,
            },
        )
        body, _created = CertificationBody.objects.update_or_create(
            name="CERT-POL Jednostka Certyfikująca Sp. z o.o.",
            defaults={
                "accreditation": "PCA, nr AC 999",
                "address": "ul. Przykładowa 1\n00-001 Warszawa",
            },
        )
        certificates = {}
        for number, standard, issued, valid_from, valid_until in CERTIFICATES:
            certificates[number], _created = Certificate.objects.update_or_create(
                number=number,
                defaults={
                    "body": body,
                    "standard": standard,
                    "scope": SCOPE,
                    "issued_on": issued,
                    "valid_from": valid_from,
                    "valid_until": valid_until,
                    "status": CertificateStatus.VALID,
                },
            )
        for kind, first, last, lead, number, summary, strengths, improvements in AUDITS:
            ExternalAudit.objects.update_or_create(
                kind=kind,
                first_day=first,
                defaults={
                    "last_day": last,
                    "body": body,
                    "lead_auditor": lead,
                    "result": AuditResult.POSITIVE,
                    "summary": summary,
                    "strengths": strengths,
                    "improvement_areas": improvements,
                    "certificate": certificates[number],
                },
            )

    def load_accounts(self):
        # One hash for the four accounts: the password is public anyway, and hashing it four
        # times with the production hasher would take most of the command's time.
        password = make_password(DEMO_PASSWORD)
        users = {}
        for username, role, first, last in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@example.org"
            user.is_active = True
            user.password = password
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            users[username] = user
        username, first, last = demo_data.APPROVER
        approver, _created = User.objects.get_or_create(username=username)
        approver.first_name, approver.last_name = first, last
        approver.email = f"{username}@example.org"
        approver.set_unusable_password()
        approver.save()
        approver.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="qms", codename="approve_documentversion"
            )
        )
        users[username] = approver
        return users

    # --- Units, processes, documents --------------------------------------------------------

    def load_units(self, users):
        units = {}
        for code, name, kind, head in demo_data.UNITS:
            units[code], _created = OrganisationalUnit.objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "kind": kind,
                    "head": users[head] if head else None,
                    "is_active": True,
                },
            )
        for username, (unit, position) in demo_data.STAFF.items():
            StaffProfile.objects.update_or_create(
                user=users[username], defaults={"unit": units[unit], "position": position}
            )
        return units

    def load_processes(self, users, units):
        on = today()
        processes = {}
        for card in demo_data.PROCESSES:
            process, _created = Process.objects.update_or_create(
                code=card.code,
                defaults={
                    "name": card.name,
                    "kind": card.kind,
                    "owner": users[card.owner] if card.owner else None,
                    "purpose": card.purpose,
                    "scope": card.scope,
                    "inputs": "\n".join(card.inputs),
                    "outputs": "\n".join(card.outputs),
                    "customers": "\n".join(card.customers),
                    "resources": "\n".join(card.resources),
                    "is_active": True,
                },
            )
            process.units.set([units[code] for code in card.units])
            processes[card.code] = process
            for risk in card.risks:
                ProcessRisk.objects.update_or_create(
                    process=process,
                    description=risk.description,
                    defaults={
                        "kind": risk.kind,
                        "likelihood": risk.likelihood,
                        "impact": risk.impact,
                        "treatment": risk.treatment,
                        "review_on": months_before(on, -risk.review_in_months),
                        "is_active": True,
                    },
                )
            recorder = process.owner or users["coordinator"]
            for spec in card.measures:
                measure, _created = ProcessMeasure.objects.update_or_create(
                    process=process,
                    name=spec.name,
                    defaults={
                        "direction": spec.direction,
                        "target": Decimal(spec.target),
                        "unit": spec.unit,
                        "frequency": spec.frequency,
                        "is_active": True,
                    },
                )
                ends = period_ends(spec.frequency, len(spec.values), on)
                for period_end, value in zip(ends, spec.values, strict=True):
                    MeasureValue.objects.update_or_create(
                        measure=measure,
                        period_end=period_end,
                        defaults={"value": Decimal(str(value)), "recorded_by": recorder},
                    )
        # Interactions are symmetrical: each card lists some, the relation holds them all.
        partners = {code: set() for code in processes}
        for card in demo_data.PROCESSES:
            partners[card.code].update(card.interacts_with)
            for other in card.interacts_with:
                partners[other].add(card.code)
        for code, process in processes.items():
            process.interacts_with.set([processes[other] for other in sorted(partners[code])])
        return processes

    def load_documents(self, users, units, processes):
        all_units = list(units.values())
        for card in demo_data.DOCUMENTS:
            document, _created = Document.objects.update_or_create(
                code=card.code,
                defaults={
                    "title": card.title,
                    "kind": card.kind,
                    "process": processes[card.process],
                    "unit": units[card.unit],
                    "owner": users[card.owner],
                },
            )
            document.concerned_units.set(
                all_units
                if card.concerned == demo_data.ALL_UNITS
                else [units[code] for code in card.concerned]
            )
            if not document.versions.exists():
                self.load_versions(document, card, users)
            if card.withdrawal_reason and not document.is_withdrawn:
                services.document_withdraw(
                    document=document, user=users["coordinator"], reason=card.withdrawal_reason
                )
                Document.objects.filter(pk=document.pk).update(
                    withdrawn_at=at(months_before(today(), 2))
                )
            services.document_refresh_search_text(document)

    def load_versions(self, document, card, users):
        """Run the document's history through the workflow services, then date it in the past.

        The services stamp "now" on every step; the demo moves those stamps back to the dates the
        history describes, so that a version in force since 2022 was also approved in 2022.
        """
        if card.owner == "owner":
            author, approver = users["owner"], users["coordinator"]
        else:
            author, approver = users["coordinator"], users[demo_data.APPROVER[0]]
        on = today()
        stamps = {}
        in_force = None
        edition = 0
        for step, months_ago, summary, *comment in card.steps:
            if step == "read":
                confirmation = services.read_confirm(version=in_force, user=users["employee"])
                ReadConfirmation.objects.filter(pk=confirmation.pk).update(
                    confirmed_at=at(min(in_force.effective_on + datetime.timedelta(days=5), on))
                )
                continue
            edition += 1
            version = services.version_create_draft(
                document=document,
                upload=SimpleUploadedFile(
                    f"{document.code}-wydanie-{edition}.pdf",
                    demo_pdf(code=document.code, title=document.title, edition=edition),
                    content_type="application/pdf",
                ),
                change_summary=summary,
                author=author,
            )
            if step == "approved":
                effective_on = months_before(on, months_ago)
                services.version_submit(version=version, user=author)
                version = services.version_approve(
                    version=version, user=approver, effective_on=effective_on
                )
                approved_at = at(effective_on - datetime.timedelta(days=3))
                stamps[version.pk] = {
                    "created_at": at(effective_on - datetime.timedelta(days=21)),
                    "submitted_at": at(effective_on - datetime.timedelta(days=10)),
                    "reviewed_at": approved_at,
                    "approved_at": approved_at,
                }
                if in_force is not None:
                    stamps[in_force.pk]["superseded_at"] = approved_at
                in_force = version
            elif step == "abandoned":
                services.version_withdraw_draft(version=version, user=author)
                created = at(months_before(on, months_ago))
                stamps[version.pk] = {"created_at": created, "withdrawn_at": created}
            else:  # still in work: a draft, a version in review, or one returned to its author
                stamps[version.pk] = {"created_at": at(on - datetime.timedelta(days=12))}
                if step != "draft":
                    services.version_submit(version=version, user=author)
                    stamps[version.pk]["submitted_at"] = at(on - datetime.timedelta(days=5))
                if step == "returned":
                    services.version_return(version=version, user=approver, comment=comment[0])
                    stamps[version.pk]["reviewed_at"] = at(on - datetime.timedelta(days=3))
        versions = list(document.versions.all())
        for version in versions:
            for name, value in stamps[version.pk].items():
                setattr(version, name, value)
        DocumentVersion.objects.bulk_update(
            versions,
            [
                "created_at",
                "submitted_at",
                "reviewed_at",
                "approved_at",
                "superseded_at",
                "withdrawn_at",
            ],
        )


# --- Helpers ---------------------------------------------------------------------------------


def at(day, hour=10):
    """An aware moment on `day`, in the office's time zone."""
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def months_before(day, months):
    """The same day of the month `months` months earlier (later if negative), at most the 28th."""
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, min(day.day, 28))


_MONTHS_PER_PERIOD = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
}


def period_ends(frequency, count, day):
    """The last `count` periods (calendar months, quarters, half-years, years) ended before
    `day`, oldest first, as their last days."""
    step = _MONTHS_PER_PERIOD[frequency]
    index = day.year * 12 + day.month - 2  # the last month that has ended
    while (index % 12 + 1) % step:
        index -= 1
    ends = []
    for _ in range(count):
        following = index + 1
        ends.append(
            datetime.date(following // 12, following % 12 + 1, 1) - datetime.timedelta(days=1)
        )
        index -= step
    return ends[::-1]


_ASCII = str.maketrans({"ł": "l", "Ł": "L", "–": "-", "—": "-", "„": '"', "”": '"', "×": "x"})


def _pdf_text(text):
    """ASCII for the standard Helvetica font, with the string delimiters escaped."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII))
    text = text.encode("ascii", "ignore").decode("ascii")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(*, code, title, edition):
    """A small valid one-page PDF naming the document and its edition (no WeasyPrint: fast)."""
    lines = [
        (10, "Urzad Miejski w Zabrzu - System Zarzadzania Jakoscia"),
        (22, code),
        *[(14, line) for line in textwrap.wrap(title, 60)],
        (12, f"Wydanie {edition}"),
        (10, "Dokument demonstracyjny - tresc przykladowa."),
    ]
    operations = ["BT", "56 790 Td"]
    for number, (size, text) in enumerate(lines):
        if number:
            operations.append(f"0 -{size + 12} Td")
        operations.append(f"/F1 {size} Tf ({_pdf_text(text)}) Tj")
    operations.append("ET")
    stream = "\n".join(operations).encode("ascii")
    info = _pdf_text(f"{code} {title}, wydanie {edition}").encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title (%s) /Producer (load_demo) >>" % info,
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        pdf += b"%010d 00000 n \n" % offset
    pdf += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)
