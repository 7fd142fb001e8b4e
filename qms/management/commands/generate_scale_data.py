"""N times the demo, to measure the intranet on: see qms/scale.py.

    python manage.py generate_scale_data --factor 100

`manage.py load_demo` must have run. Adds the copies 2..N of the demo that are not there yet,
each in its own transaction; a second run with the same N adds nothing and says so.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qms import scale


class Command(BaseCommand):
    help = (
        "Make the database hold N times the demo's quality system (the demo and N-1 copies of "
        "it, one per delegation of a large city); adds only the copies missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--factor",
            type=int,
            required=True,
            help=f"How many times the demo the database holds (1 to {scale.MAX_FACTOR}).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run with DEBUG off (the copies' accounts have the demo's password).",
        )

    def handle(self, *args, factor, force=False, verbosity=1, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production, and the copies' accounts have the "
                "demo's password 'demo'. Pass --force if you really mean it."
            )
        if not 1 <= factor <= scale.MAX_FACTOR:
            raise CommandError(f"--factor runs from 1 to {scale.MAX_FACTOR}.")

        def progress(k, rows, seconds):
            if verbosity > 1 or k % 10 == 0:
                self.stdout.write(
                    f"  copy {scale.copy_tag(k)}: {rows} records so far, {seconds:.1f} s"
                )

        try:
            outcome = scale.generate(factor, progress=progress)
        except scale.DemoMissing as error:
            raise CommandError(str(error)) from error
        if not outcome.added:
            self.stdout.write(
                self.style.SUCCESS(
                    f"The database already holds {factor} times the demo: nothing added."
                )
            )
            return
        first, last = scale.copy_tag(outcome.added[0]), scale.copy_tag(outcome.added[-1])
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {len(outcome.added)} copies of the demo ({first} to {last}): "
                f"{outcome.rows} records in {outcome.seconds:.1f} s. The database holds "
                f"{factor} times the demo."
            )
        )
