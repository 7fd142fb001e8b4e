"""Bring the search up to date with everything in the database.

    python manage.py reindex_search [--reread]

1. Reads the text of every edition whose file has not been read yet (uploaded before the search
   read files, or restored from such a backup): from storage, as an upload is read
   (qms.contents); a file missing from storage is marked unreadable. `--reread` reads every
   edition's file again (after the readers have changed).
2. Recomputes, in one transaction, the search text of every document (code and title; the
   summaries of changes; the text of the editions in force and scheduled) and of every other
   record the search finds (processes, audits, findings, corrective actions), and rebuilds the
   vocabulary of words typed without Polish letters from them.

No change history is written: these are derived fields. A second run reads nothing and changes
nothing. `make run` runs it after loading the demo; run it after a restore or an upgrade.
"""

import logging
from collections import Counter

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from qms import contents, services
from qms.models import (
    ContentState,
    Document,
    DocumentVersion,
    SearchIndexed,
    SearchWord,
)
from qms.search import index

logger = logging.getLogger(__name__)

BATCH = 500


class Command(BaseCommand):
    help = "Read the editions' files not read yet, then recompute the search text of every record."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reread",
            action="store_true",
            help="Read every edition's file again, not only those not read yet.",
        )

    def handle(self, *args, reread=False, verbosity=1, **options):
        self.verbosity = verbosity
        with translation.override("en"):  # the labels below, as the rest of the report
            self.reindex(reread)

    def reindex(self, reread):
        states = self.read_editions(reread)
        read = sum(states.values())
        detail = ", ".join(f"{state}: {n}" for state, n in sorted(states.items()))
        self.stdout.write(f"Editions' files read: {read}" + (f" ({detail})" if detail else ""))
        with transaction.atomic():
            words_before = SearchWord.objects.count()
            SearchWord.objects.all().delete()
            total, changed = self.refresh_documents()
            self.stdout.write(f"Documents: {total}, search text changed: {changed}")
            for model in searched_models():
                total, changed = self.refresh(model)
                name = model._meta.verbose_name_plural
                self.stdout.write(f"{name[:1].upper()}{name[1:]}: {total}, changed: {changed}")
            words = SearchWord.objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Vocabulary of words with Polish letters: {words} (was {words_before})."
            )
        )

    def read_editions(self, reread):
        """Read the files of the editions not read yet (all with `reread`); their states."""
        editions = DocumentVersion.objects.select_related("document").defer("content")
        if not reread:
            editions = editions.filter(content_state=ContentState.PENDING)
        states = Counter()
        for version in editions.order_by("pk").iterator(chunk_size=BATCH):
            found = read_file(version)
            # update(): a derived field, no history row; each edition saved as soon as it is read.
            DocumentVersion.objects.filter(pk=version.pk).update(
                content=found.text, content_state=found.state
            )
            states[found.state] += 1
            if found.state == ContentState.UNREADABLE or self.verbosity > 1:
                self.stdout.write(
                    f"{version.document.code}, edition {version.revision}: "
                    f"{ContentState(found.state).label}"
                )
        return states

    def refresh_documents(self):
        changed = 0
        documents = Document.objects.only("pk", "code", "title", "search_title", "search_text")
        for document in documents.order_by("pk").iterator(chunk_size=BATCH):
            before = (words(document.search_title), words(document.search_text))
            services.document_refresh_search_text(document)
            changed += before != (words(document.search_title), words(document.search_text))
        return Document.objects.count(), changed

    def refresh(self, model):
        """Recompute `model`'s search text; bulk_update writes no history and no updated_at."""
        changed, total = [], 0
        # The parts may read a related record (a finding's audit number).
        records = model._base_manager.select_related().order_by("pk")
        for record in records.iterator(chunk_size=BATCH):
            total += 1
            text = index(*record.search_parts())
            if words(text) != words(record.search_text):
                record.search_text = text
                changed.append(record)
        model._base_manager.bulk_update(changed, ["search_text"], batch_size=BATCH)
        return total, len(changed)


def words(text):
    """The stored words, in any order: a lemma's place among a word's lemmas may vary."""
    return set(text.split())


def searched_models():
    """Every model that keeps a search text of its own words (qms.models.SearchIndexed)."""
    return [model for model in apps.get_models() if issubclass(model, SearchIndexed)]


def read_file(version):
    """The edition's file's text, as at upload; a file gone from storage is unreadable."""
    try:
        file = version.file.open("rb")
    except (FileNotFoundError, ValueError) as error:  # no file, or no name at all
        logger.warning(
            "Edition file not read for the search (%s, edition %s): missing from storage: %s",
            version.document.code,
            version.revision,
            error,
        )
        return contents.Contents("", ContentState.UNREADABLE)
    with file:
        return contents.read(file)
