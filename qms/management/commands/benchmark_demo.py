"""Time the demo's load on the configured database, then leave the database as it was.

    python manage.py benchmark_demo

Inside one transaction that is rolled back at the end, it runs the demo loader (the one load_demo
runs) twice: the first load adds the demo (all of it on an empty database), the second finds every
record there and adds nothing. It prints both times and the ratio of the second to the first,
then deletes the document files the first load stored.
"""

import time

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from qms import demo
from qms.models import DocumentVersion


class Rollback(Exception):
    """Leaves the transaction, undoing everything the benchmark loaded."""


class Command(BaseCommand):
    help = "Time the demo's first and second (no-op) load on this database (nothing is kept)."

    def handle(self, *args, **options):
        self.stdout.write(f"Database: {connection.vendor} ({connection.settings_dict['NAME']}).")
        existing = set(DocumentVersion.objects.values_list("file", flat=True))
        stored = set()
        try:
            with transaction.atomic():
                first = self.timed("First load")
                second = self.timed("Second load")
                stored = set(DocumentVersion.objects.values_list("file", flat=True)) - existing
                raise Rollback
        except Rollback:
            pass
        finally:
            for name in stored:
                default_storage.delete(name)
        self.stdout.write(f"Second / first: {second / first:.3f}")
        self.stdout.write("Rolled back: the demo's records and the files it stored are gone.")

    def timed(self, label):
        started = time.perf_counter()
        report = demo.load_all()
        took = time.perf_counter() - started
        self.stdout.write(f"{label}: {took:.2f} s. {' '.join(report.lines())}")
        return took
