"""Load the demo's register of controlled documents: each document missing from the register is
added with its editions, run through the document workflow (qms.services), then dated in the past.

The files are the shipped PDFs in qms/demo/files/ (see document_files.py).
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from qms import services
from qms.models import Document, DocumentVersion, ReadConfirmation

from . import document_files
from .accounts import APPROVER
from .cards import ALL_UNITS
from .catalogue import DOCUMENTS
from .dates import at, months_before

DAY = datetime.timedelta(days=1)

STAMPS = [
    "created_at",
    "submitted_at",
    "reviewed_at",
    "approved_at",
    "superseded_at",
    "withdrawn_at",
]


def load_documents(report, users, units, processes, on):
    present = set(
        Document.objects.filter(code__in=[card.code for card in DOCUMENTS]).values_list(
            "code", flat=True
        )
    )
    for card in DOCUMENTS:
        if card.code in present:
            report.keep(Document)
            continue
        add_document(card, users, units, processes, on)
        report.add(Document)


def add_document(card, users, units, processes, on):
    """The document with its editions as the card's steps tell them, withdrawn if it says so."""
    document = Document(
        code=card.code,
        title=card.title,
        kind=card.kind,
        process=processes[card.process],
        unit=units[card.unit],
        owner=users[card.owner],
    )
    concerned = (
        list(units.values())
        if card.concerned == ALL_UNITS
        else [units[code] for code in card.concerned]
    )
    History(document, card, concerned, users, on).tell()
    if card.withdrawal_reason:
        services.document_withdraw(
            document=document, user=users["coordinator"], reason=card.withdrawal_reason
        )
        Document.objects.filter(pk=document.pk).update(withdrawn_at=at(months_before(on, 2)))
    services.document_refresh_search_text(document)


class History:
    """Run the document's history through the workflow services, then date it in the past.

    The services stamp "now" on every step; the demo moves those stamps back to the dates the
    history describes, so that a version in force since 2022 was also approved in 2022.
    """

    def __init__(self, document, card, concerned, users, on):
        self.document, self.card, self.concerned, self.on = document, card, concerned, on
        if card.owner == "owner":
            self.author, self.approver = users["owner"], users["coordinator"]
        else:
            self.author, self.approver = users["coordinator"], users[APPROVER[0]]
        self.employee = users["employee"]
        self.stamps = {}
        self.in_force = None
        self.edition = 0

    def tell(self):
        # `when`: months before the day of loading; for a scheduled edition, days after it.
        for step, when, summary, *comment in self.card.steps:
            if step == "read":
                self.read()
                continue
            self.edition += 1
            version = self.draft(summary)
            if step == "approved":
                self.approve(version, months_before(self.on, when))
            elif step == "scheduled":
                self.schedule(version, self.on + when * DAY)
            elif step == "abandoned":
                services.version_withdraw_draft(version=version, user=self.author)
                created = at(months_before(self.on, when))
                self.stamps[version.pk] = {"created_at": created, "withdrawn_at": created}
            else:  # still in work: a draft, a version in review, or one returned to its author
                self.in_work(version, step, comment)
        versions = list(self.document.versions.all())
        for version in versions:
            for name, value in self.stamps[version.pk].items():
                setattr(version, name, value)
        DocumentVersion.objects.bulk_update(versions, STAMPS)

    def draft(self, summary):
        """The next edition as a draft; the first one registers the document with it."""
        code, edition = self.document.code, self.edition
        upload = SimpleUploadedFile(
            f"{code}-wydanie-{edition}.pdf",
            document_files.read(code, edition),
            content_type="application/pdf",
        )
        if edition == 1:
            services.document_create(
                document=self.document,
                concerned_units=self.concerned,
                upload=upload,
                change_summary=summary,
                author=self.author,
                contents=document_files.contents(code, edition),
            )
            return self.document.versions.get(revision=1)
        return services.version_create_draft(
            document=self.document,
            upload=upload,
            change_summary=summary,
            author=self.author,
            contents=document_files.contents(code, edition),
        )

    def approve(self, version, effective_on):
        services.version_submit(version=version, user=self.author)
        version = services.version_approve(
            version=version, user=self.approver, effective_on=effective_on
        )
        approved_at = at(effective_on - 3 * DAY)
        self.stamps[version.pk] = {
            "created_at": at(effective_on - 21 * DAY),
            "submitted_at": at(effective_on - 10 * DAY),
            "reviewed_at": approved_at,
            "approved_at": approved_at,
        }
        if self.in_force is not None:
            # Superseded as the next edition's first day begins, as editions_come_into_force does.
            self.stamps[self.in_force.pk]["superseded_at"] = at(effective_on, hour=0)
        self.in_force = version

    def schedule(self, version, effective_on):
        """Approved a few days ago to come into force `effective_on`, after the day of loading:
        the edition in force stays so until then."""
        services.version_submit(version=version, user=self.author)
        version = services.version_approve(
            version=version, user=self.approver, effective_on=effective_on
        )
        approved_at = at(self.on - 2 * DAY)
        self.stamps[version.pk] = {
            "created_at": at(self.on - 16 * DAY),
            "submitted_at": at(self.on - 7 * DAY),
            "reviewed_at": approved_at,
            "approved_at": approved_at,
        }

    def in_work(self, version, step, comment):
        on = self.on
        self.stamps[version.pk] = {"created_at": at(on - 12 * DAY)}
        if step != "draft":
            services.version_submit(version=version, user=self.author)
            self.stamps[version.pk]["submitted_at"] = at(on - 5 * DAY)
        if step == "returned":
            services.version_return(version=version, user=self.approver, comment=comment[0])
            self.stamps[version.pk]["reviewed_at"] = at(on - 3 * DAY)

    def read(self):
        """The demo employee confirms the version in force, a few days after it came in."""
        confirmation = services.read_confirm(version=self.in_force, user=self.employee)
        ReadConfirmation.objects.filter(pk=confirmation.pk).update(
            confirmed_at=at(min(self.in_force.effective_on + 5 * DAY, self.on))
        )
