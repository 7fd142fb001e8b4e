"""Time each of the portal's PDFs, then leave the database as it was.

    python manage.py benchmark_pdf [--runs 5] [--findings 50] [--documents 200] [--longest]

Inside one transaction that is rolled back at the end, it creates a certificate, a process card
with risks and measures, a register of documents in force, an audit programme, and an audit
under way with a long checklist and many findings, each with corrective actions. Then it calls
each PDF view (certificate, process card, document register, audit report, blank checklist,
programme, corrective-action register) `--runs` times as a member of the office, and again with
WeasyPrint replaced by a function that returns the HTML it was given: the same view, queries and
template, without the typesetting. It prints the median of each in milliseconds and their ratio,
so the figures compare between machines; the first PDF a process makes (WeasyPrint and the fonts
loading) is timed apart.

With --longest, every record holds as many children as the portal allows (risks, measures,
questions, findings, actions) and every free-text field is at its longest: the worst a user can
make each PDF.
"""

import datetime
import statistics
import time
from contextlib import contextmanager
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max, TextField
from django.test import RequestFactory, override_settings
from django.urls import resolve, reverse
from django.utils import timezone, translation

from audits.models import (
    MAX_ACTIONS,
    MAX_FINDINGS,
    MAX_QUESTIONS,
    Answer,
    Audit,
    AuditProgramme,
    AuditStatus,
    ChecklistItem,
    Clause,
    CorrectiveAction,
    Finding,
    FindingKind,
)
from certificates.models import Certificate, CertificationBody, ExternalAudit
from qms import pdf
from qms.models import (
    Document,
    DocumentKind,
    DocumentVersion,
    MeasureValue,
    OrganisationalUnit,
    Process,
    ProcessKind,
    ProcessMeasure,
    ProcessRisk,
    VersionStatus,
    default_next_review,
)
from qms.models.processes import MAX_MEASURES, MAX_RISKS

# A line of Polish text, repeated to the length a field allows.
LINE = "Zażółć gęślą jaźń: sprawa załatwiona w terminie przez wydział urzędu miejskiego.\n"


def longest_text(length):
    return (LINE * (length // len(LINE) + 1))[:length]


class Rollback(Exception):
    """Leaves the transaction, undoing everything the benchmark created."""


@contextmanager
def html_only():
    """The PDF views as they are, with WeasyPrint's part replaced by returning the HTML."""
    with mock.patch.object(pdf, "html_to_pdf", lambda html, base_url: html.encode()):
        yield


class Command(BaseCommand):
    help = "Time each PDF of the portal against its HTML alone (nothing is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5, help="Renders of each PDF.")
        parser.add_argument("--findings", type=int, default=50, help="Findings of the audit.")
        parser.add_argument("--documents", type=int, default=200, help="Documents in force.")
        parser.add_argument(
            "--longest",
            action="store_true",
            help="Every record as full as allowed, every text field at its longest.",
        )

    def handle(self, *args, runs, findings, documents, longest=False, **options):
        if runs < 1 or findings < 1 or documents < 1:
            raise CommandError("--runs, --findings and --documents must be at least 1.")
        self.longest = longest
        if longest:
            findings = MAX_FINDINGS
            self.counts = {"risks": MAX_RISKS, "measures": MAX_MEASURES}
            self.counts |= {"questions": MAX_QUESTIONS, "actions": MAX_ACTIONS}
        else:
            self.counts = {"risks": 12, "measures": 5, "questions": 60, "actions": 2}
        self.stdout.write(
            f"Database: {connection.vendor} ({connection.settings_dict['NAME']}); "
            f"{runs} runs of each PDF; audit with {findings} findings; {documents} documents."
        )
        # Static files under their own names, as in development: the templates need no
        # collectstatic manifest, and the PDFs load their stylesheet and fonts from the finders.
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        try:
            with (
                transaction.atomic(),
                translation.override(settings.LANGUAGE_CODE),
                override_settings(STORAGES=storages),
            ):
                paths, user = self.create(findings=findings, documents=documents)
                self.measure(paths, user, runs)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write("Rolled back: the benchmark's records are gone.")

    def create(self, *, findings, documents):
        """The records every PDF needs; returns ({PDF: its path}, a user who may open them)."""
        stamp = timezone.now().strftime("%H%M%S%f")
        today = timezone.localdate()
        user = get_user_model().objects.create_superuser(
            username=f"benchmark-{stamp}", email="", password=None
        )
        body = CertificationBody.objects.create(name=f"Jednostka certyfikująca {stamp}")
        certificate = Certificate.objects.create(
            number=f"BENCH-{stamp}",
            body=body,
            scope="wykonywanie zadań z zakresu administracji publicznej",
            issued_on=today - datetime.timedelta(days=30),
            valid_from=today - datetime.timedelta(days=30),
            valid_until=today + datetime.timedelta(days=1000),
        )
        ExternalAudit.objects.create(
            certificate=certificate,
            body=body,
            kind="certification",
            first_day=today - datetime.timedelta(days=40),
            last_day=today - datetime.timedelta(days=39),
            lead_auditor="Audytor wiodący",
            result="positive",
            summary="System zarządzania jakością jest skuteczny.",
        )
        unit = OrganisationalUnit.objects.create(code=f"B{stamp}", name="Wydział testowy")
        process = Process.objects.create(
            code=f"BP-{stamp}",
            name="Obsługa mieszkańców",
            kind=ProcessKind.CORE,
            owner=user,
            purpose="Sprawna obsługa spraw mieszkańców.",
            inputs="wnioski\nskargi",
            outputs="decyzje\nzaświadczenia",
        )
        process.units.add(unit)
        ProcessRisk.objects.bulk_create(
            ProcessRisk(
                process=process,
                description=f"Ryzyko {n}: przekroczenie terminu załatwienia sprawy.",
                likelihood=n % 5 + 1,
                impact=(n * 2) % 5 + 1,
            )
            for n in range(self.counts["risks"])
        )
        measures = ProcessMeasure.objects.bulk_create(
            ProcessMeasure(process=process, name=f"Miernik {n}", target=95, unit="%")
            for n in range(self.counts["measures"])
        )
        MeasureValue.objects.bulk_create(
            MeasureValue(
                measure=measure,
                period_end=datetime.date(today.year - 1, month, 28),
                value=90 + month % 8,
            )
            for measure in measures
            for month in range(1, 13)
        )
        self.create_documents(documents, unit=unit, process=process, user=user, stamp=stamp)
        programme, audit = self.create_audits(process=process, unit=unit, user=user)
        self.create_findings(findings, audit=audit, process=process, user=user)
        if self.longest:
            self.fill_text(stamp=stamp, process=process, audit=audit, certificate=certificate)
        paths = {
            "certificate": reverse("public:certificate_pdf", args=[certificate.pk]),
            "process card": reverse("intranet:process_pdf", args=[process.pk]),
            "document register": reverse("intranet:document_register_pdf"),
            "audit report": reverse("audits:audit_pdf", args=[audit.pk]),
            "checklist": reverse("audits:checklist_pdf", args=[audit.pk]),
            "programme": reverse("audits:programme_pdf", args=[programme.year]),
            "action register": reverse("audits:action_register_pdf"),
        }
        return paths, user

    def fill_text(self, *, stamp, process, audit, certificate):
        """Every free-text field of the benchmark's records at its longest."""
        records = [
            Process.objects.filter(pk=process.pk),
            ProcessRisk.objects.filter(process=process),
            MeasureValue.objects.filter(measure__process=process),
            Audit.objects.filter(pk=audit.pk),
            ChecklistItem.objects.filter(audit=audit),
            Finding.objects.filter(audit=audit),
            CorrectiveAction.objects.filter(finding__audit=audit),
            Certificate.objects.filter(pk=certificate.pk),
            ExternalAudit.objects.filter(certificate=certificate),
            DocumentVersion.objects.filter(document__code__startswith=f"BD-{stamp[-6:]}"),
        ]
        for queryset in records:
            longest = {
                field.name: longest_text(field.max_length)
                for field in queryset.model._meta.local_fields
                if isinstance(field, TextField) and field.editable and field.max_length
            }
            queryset.update(**longest)

    def create_documents(self, count, *, unit, process, user, stamp):
        created = Document.objects.bulk_create(
            Document(
                code=f"BD-{stamp[-6:]}-{n:04d}",
                title=f"Procedura postępowania nr {n} w sprawach mieszkańców",
                kind=DocumentKind.PROCEDURE,
                unit=unit,
                process=process,
                is_published=True,  # its edition in force, created below
            )
            for n in range(count)
        )
        now, today = timezone.now(), timezone.localdate()
        DocumentVersion.objects.bulk_create(
            DocumentVersion(
                document=document,
                revision=1,
                change_summary="Pierwsze wydanie.",
                file="documents/benchmark.pdf",
                sha256="0" * 64,
                content_type="application/pdf",
                status=VersionStatus.IN_FORCE,
                author=user,
                approver=user,
                approved_at=now,
                effective_on=today,
                next_review_on=default_next_review(today),
            )
            for document in created
        )

    def create_audits(self, *, process, unit, user):
        """A programme of a year no programme has, with an audit each month; the first under
        way with a checklist."""
        year = (AuditProgramme.objects.aggregate(year=Max("year"))["year"] or 2025) + 1
        programme = AuditProgramme.objects.create(year=year, objectives="Audyt każdego procesu.")
        audits = Audit.objects.bulk_create(
            Audit(
                programme=programme,
                sequence=month,
                number=f"AW/{year}/{month:02d}",
                title=f"Audyt procesu obsługi mieszkańców, część {month}",
                planned_month=month,
                lead_auditor=user,
                criteria="ISO 9001:2015, 8.5.1",
                status=AuditStatus.IN_PROGRESS if month == 1 else AuditStatus.PLANNED,
                first_day=datetime.date(year, 1, 12) if month == 1 else None,
                last_day=datetime.date(year, 1, 13) if month == 1 else None,
            )
            for month in range(1, 13)
        )
        for audit in audits:
            audit.processes.add(process)
            audit.units.add(unit)
        audit = audits[0]
        answers = list(Answer)
        clauses = list(Clause.objects.all()[:20]) or [None]
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                audit=audit,
                order=n,
                clause=clauses[n % len(clauses)],
                question=f"Czy wymaganie {n} jest spełnione w procesie?",
                answer=answers[n % len(answers)],
                evidence="Rejestr spraw, rozmowa z kierownikiem.",
            )
            for n in range(self.counts["questions"])
        )
        Audit.objects.filter(pk=audit.pk).update(
            conclusions="System zarządzania jakością jest skuteczny.",
            distribution="Prezydent Miasta, Pełnomocnik ds. SZJ",
        )
        return programme, audit

    def create_findings(self, count, *, audit, process, user):
        created = Finding.objects.bulk_create(
            Finding(
                audit=audit,
                number=n,
                kind=FindingKind.MINOR if n % 2 else FindingKind.OBSERVATION,
                process=process,
                requirement="Pkt 8.5.1 normy ISO 9001: nadzorowanie świadczenia usługi.",
                description=f"Niezgodność {n}: wniosek rozpatrzono po terminie ustawowym.",
                evidence=f"Sprawa nr WSO.{n}.{audit.programme.year}, rejestr spraw.",
                raised_by=user,
                raised_on=audit.first_day,
            )
            for n in range(1, count + 1)
        )
        CorrectiveAction.objects.bulk_create(
            CorrectiveAction(
                finding=finding,
                correction="Sprawę załatwiono niezwłocznie.",
                root_cause="Brak kontroli terminów w rejestrze spraw.",
                action=f"Szkolenie pracowników z terminów załatwiania spraw ({k}).",
                responsible=user,
                due_on=audit.first_day + datetime.timedelta(days=60),
            )
            for finding in created
            for k in range(self.counts["actions"])
        )

    def measure(self, paths, user, runs):
        host = next((h for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost")
        requests = RequestFactory(HTTP_HOST=host.lstrip("."))

        def render(path):
            request = requests.get(path)
            request.user = user
            match = resolve(path)
            started = time.perf_counter()
            response = match.func(request, *match.args, **match.kwargs)
            took = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise CommandError(f"{path} answered {response.status_code}")
            sizes[path] = len(response.content)
            return took

        sizes = {}
        first = render(paths["certificate"])
        self.stdout.write(
            f"First PDF of the process (WeasyPrint and the fonts load): {first:.0f} ms"
        )
        self.stdout.write(
            f"{'PDF':<20}{'HTML kB':>10}{'HTML ms':>10}{'PDF ms':>10}{'PDF/HTML':>10}"
        )
        for name, path in paths.items():
            with html_only():
                html = statistics.median(render(path) for _ in range(runs))
            kilobytes = sizes[path] / 1000  # the page source WeasyPrint typesets
            full = statistics.median(render(path) for _ in range(runs))
            self.stdout.write(
                f"{name:<20}{kilobytes:>10.0f}{html:>10.1f}{full:>10.1f}{full / html:>10.1f}"
            )
