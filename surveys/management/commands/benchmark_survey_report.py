"""Time a survey campaign's results and report with many responses, then leave the database as
it was.

    python manage.py benchmark_survey_report [--responses 10000] [--baseline 10] [--runs 5]

Inside one transaction that is rolled back at the end, it makes the demo's questionnaire and
two pairs of campaigns (each with a previous one to compare with): a baseline of `--baseline`
responses, and one of `--responses` responses (made in bulk). For each it times, `--runs` times,
the figures alone (surveys.results), the results page and the report PDF as the coordinator
would open them, and counts their queries. It prints the medians and p95 in milliseconds and
the ratio of the large campaign to the baseline, measured in the same run: the figures compare
between machines, and a ratio far above 1 says the work grows with the responses.
"""

import datetime
import random
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone, translation

from qms.models import Organisation, OrganisationalUnit
from surveys.demo.records import GROUPS
from surveys.models import (
    Answer,
    Campaign,
    Channel,
    Question,
    QuestionGroup,
    Questionnaire,
    Response,
    Source,
)
from surveys.results import campaign_results, campaign_with_figures

# Far from any real campaign, so that each pair's "previous campaign" is the benchmark's own.
FIRST_YEAR = 2093
PREVIOUS_SHARE = 0.1  # the previous campaign of a pair has a tenth of its responses


class Rollback(Exception):
    """Leaves the transaction, undoing everything the benchmark created."""


def p95(timings):
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Time a survey campaign's results and report PDF with many responses (nothing kept)."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=10_000, help="The large campaign.")
        parser.add_argument("--baseline", type=int, default=10, help="The baseline campaign.")
        parser.add_argument("--runs", type=int, default=5, help="Timings of each.")

    def handle(self, *args, responses, baseline, runs, **options):
        if responses < 1 or baseline < 1 or runs < 1:
            raise CommandError("--responses, --baseline and --runs must be at least 1.")
        self.stdout.write(
            f"Database: {connection.vendor} ({connection.settings_dict['NAME']}); "
            f"{responses} responses against a baseline of {baseline}; {runs} runs of each."
        )
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
                self.rng = random.Random("benchmark-survey")
                self.make_world()
                started = time.perf_counter()
                small = self.pair(FIRST_YEAR, baseline)
                large = self.pair(FIRST_YEAR + 2, responses)
                made = time.perf_counter() - started
                self.stdout.write(f"Made {baseline + responses} responses and more in {made:.1f} s")
                self.measure(small, large, runs, baseline, responses)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write("Rolled back: the benchmark's records are gone.")

    def make_world(self):
        stamp = timezone.now().strftime("%H%M%S%f")
        Organisation.load()
        self.user = get_user_model().objects.create_superuser(
            username=f"benchmark-{stamp}", email="", password=None
        )
        self.units = [
            OrganisationalUnit.objects.create(code=f"B{stamp[-6:]}{n}", name=f"Wydział {n}")
            for n in range(12)
        ] + [None]
        self.questionnaire = Questionnaire.objects.create(title=f"Ankieta {stamp}")
        for position, (name, texts) in enumerate(GROUPS, start=1):
            group = QuestionGroup.objects.create(
                questionnaire=self.questionnaire, position=position, name=name
            )
            Question.objects.bulk_create(
                Question(group=group, position=number, text=text)
                for number, text in enumerate(texts, start=1)
            )
        self.questions = list(
            Question.objects.filter(group__questionnaire=self.questionnaire).values_list(
                "pk", flat=True
            )
        )

    def pair(self, year, count):
        """A campaign of `count` responses opening in `year`, after one with a tenth of them."""
        self.campaign(year, max(1, round(count * PREVIOUS_SHARE)))
        return self.campaign(year + 1, count)

    def campaign(self, year, count):
        campaign = Campaign.objects.create(
            questionnaire=self.questionnaire,
            name=f"Badanie satysfakcji klientów {year}",
            code=f"bench-{year}-{self.user.pk}",
            opens_on=datetime.date(year, 1, 1),
            closes_on=datetime.date(year, 12, 31),
        )
        rng = self.rng
        channels = list(Channel)
        responses = []
        for _ in range(count):
            # A fifth come on paper, entered by a clerk the response names.
            paper = rng.random() < 0.2
            responses.append(
                Response(
                    campaign=campaign,
                    channel=rng.choice(channels),
                    unit=rng.choice(self.units),
                    source=Source.PAPER if paper else Source.ONLINE,
                    entered_by=self.user if paper else None,
                )
            )
        created = Response.objects.bulk_create(responses, batch_size=2000)
        Answer.objects.bulk_create(
            (
                Answer(
                    response=response,
                    question_id=question,
                    score=None if rng.random() < 0.08 else rng.choice([1, 2, 3, 4, 4, 5, 5, 5]),
                )
                for response in created
                for question in self.questions
            ),
            batch_size=5000,
        )
        return campaign

    def measure(self, small, large, runs, baseline, responses):
        host = next((h for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost")
        requests = RequestFactory(HTTP_HOST=host.lstrip("."))

        def view(name):
            def call(campaign):
                path = reverse(f"surveys:{name}", args=[campaign.pk])
                request = requests.get(path)
                request.user = self.user
                match = resolve(path)
                response = match.func(request, *match.args, **match.kwargs)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")

            return call

        def figures(campaign):
            campaign_results(campaign_with_figures(campaign.pk))

        def timed(work, campaign):
            with CaptureQueriesContext(connection) as queries:
                work(campaign)  # the first call also warms WeasyPrint and the templates
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                work(campaign)
                timings.append((time.perf_counter() - started) * 1000)
            return statistics.median(timings), p95(timings), len(queries)

        self.stdout.write(
            f"{'':<16}{f'{baseline} median':>14}{'p95':>8}{f'{responses} median':>16}"
            f"{'p95':>8}{'ratio':>8}{'queries':>10}"
        )
        for label, work in [
            ("results figures", figures),
            ("results page", view("campaign_results")),
            ("report PDF", view("campaign_report_pdf")),
        ]:
            small_median, small_p95, small_queries = timed(work, small)
            large_median, large_p95, large_queries = timed(work, large)
            queries = (
                str(large_queries)
                if large_queries == small_queries
                else f"{small_queries}/{large_queries}"
            )
            self.stdout.write(
                f"{label:<16}{small_median:>14.1f}{small_p95:>8.1f}{large_median:>16.1f}"
                f"{large_p95:>8.1f}{large_median / small_median:>8.1f}{queries:>10}"
            )
