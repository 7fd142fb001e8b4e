"""Load the demonstration data: the Zabrze city hall's quality page and four demo accounts.

Facts from the office's public "Zarządzanie Jakością" page are kept exactly (the 2021
recertification audit, the standard, the scope, the representative's contact); what the page does
not say (certificate numbers, the certification body, other audits) is invented, and the site then
shows a "dane demonstracyjne" notice. Running it again updates the same rows: nothing is duplicated.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from certificates.models import (
    AuditKind,
    AuditResult,
    Certificate,
    CertificateStatus,
    CertificationBody,
    ExternalAudit,
)
from qms import roles
from qms.models import Organisation, PolicyStatus, QualityPolicy, Representative

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
            self.load_records()
            self.load_accounts()
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
        for username, role, first, last in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@example.org"
            user.is_active = True
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
