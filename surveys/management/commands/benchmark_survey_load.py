"""The residents' form under load: many residents answering at once, against gunicorn.

    python manage.py benchmark_survey_load [--clients 8] [--answers 500] [--workers 3]

Nothing is written to the configured database. The command makes a throwaway database next to
it (a SQLite file in a temporary folder; on PostgreSQL, from DATABASE_URL, a new database on
the same server, dropped at the end), migrates it, and runs itself again on it (--here). There
it adds an open campaign of the demo's questionnaire, starts gunicorn with the production
settings (DEBUG off; qms.benchmark_wsgi) and sends the answers from --clients
threads at once, each answer as a resident sends it: a GET of the form (for the CSRF cookie and
the form's token), then a POST of every question's score, the channel and a comment numbered
for this answer, which must be answered with the redirect to the thanks page.

Two of the form's defences would stop a benchmark, and are passed honestly, not switched off:

- the minimum time between showing the form and sending it (5 s): the hidden token is signed
  as shown a minute earlier (surveys.forms.responses.new_form_token(shown_at=...)), which the
  benchmark can do because it holds the secret key; the server's rule is unchanged;
- the daily limit of responses per address (surveys.services.DAILY_LIMIT): gunicorn runs with
  TRUSTED_PROXIES=1, as it does behind the office's TLS proxy, and the benchmark, acting as that
  proxy, appends each resident's own address (from 198.18.0.0/15, the range kept for
  benchmarks) to X-Forwarded-For (qms.security.client_ip): every answer comes from its own
  address, and the limit stays in force for each.

The HTTPS redirect is the TLS proxy's job and is off (plain HTTP on 127.0.0.1), as in the tests.

Then it counts: every answer stored exactly once (the responses of the campaign, and each
answer's numbered comment once), none lost, none doubled, every POST answered with the redirect
to the thanks page. It prints the median and the 95th percentile of the form's GET and POST in
milliseconds, each as a ratio to a trivial page measured in the same run by the same clients (an
anonymous GET of /intranet/, which redirects to the sign-in page), and the answers per second;
then the same for ALONE answers sent by one client after the load, which shows what each request
costs without waiting for a free worker.
"""

import dataclasses
import html
import queue
import re
import statistics
import threading
import time
from collections import Counter
from urllib.parse import urlencode, urlsplit

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from qms.benchmarking import (
    database_url,
    gunicorn,
    milliseconds,
    on_throwaway,
    request,
    run_on_throwaway,
)

DEFAULT_CLIENTS = 8
DEFAULT_ANSWERS = 500
# As README's production line: gunicorn qms.wsgi --workers 3.
DEFAULT_WORKERS = 3
# Answers sent one at a time after the load, for what each request costs without a queue.
ALONE = 20
CODE = "obciazenie"
BASELINE_PATH = "/intranet/"
# How long a form is taken to have been open: past MIN_FILL_SECONDS, well within the maximum.
FILLED_IN_SECONDS = 60
COMMENT = "Odpowiedź próbna nr {number} (test obciążenia)."
# Names the throwaway database to the command run on it (--here).
THROWAWAY = "SURVEY_LOAD_THROWAWAY_DATABASE"
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_FORM_TOKEN = re.compile(r'name="token" value="([^"]+)"')


def resident_address(number):
    """The address of the resident sending answer `number`: one each, from 198.18.0.0/15."""
    return f"198.{18 + number // 65536 % 2}.{number // 256 % 256}.{number % 256}"


def prepare():
    """An open campaign of the demo's questionnaire on the configured database (and the
    organisation the form names as the controller, if missing). Returns the campaign."""
    from qms.models import Organisation
    from surveys.demo.records import GROUPS, QUESTIONNAIRE
    from surveys.models import Campaign, Question, QuestionGroup, Questionnaire

    if not Organisation.objects.exists():
        # The one row there is (pk 1: the organisation's single-row rule).
        Organisation.objects.create(pk=1, name="Urząd Miejski", email="um@example.org")
    questionnaire = Questionnaire.objects.create(
        **{**QUESTIONNAIRE, "title": f"{QUESTIONNAIRE['title']} (test obciążenia)"}
    )
    for position, (name, texts) in enumerate(GROUPS, start=1):
        group = QuestionGroup.objects.create(
            questionnaire=questionnaire, position=position, name=name
        )
        for number, text in enumerate(texts, start=1):
            Question.objects.create(group=group, position=number, text=text)
    today = timezone.localdate()
    return Campaign.objects.create(
        questionnaire=questionnaire,
        name="Test obciążenia formularza",
        code=f"{CODE}-{Campaign.objects.count() + 1}",
        opens_on=today,
        closes_on=today,
    )


@dataclasses.dataclass
class LoadResult:
    sent: int = 0
    thanked: int = 0
    failures: list = dataclasses.field(default_factory=list)
    form_get: list = dataclasses.field(default_factory=list)
    form_post: list = dataclasses.field(default_factory=list)
    baseline: list = dataclasses.field(default_factory=list)
    seconds: float = 0.0


def load(port, campaign, *, clients, answers, address=resident_address, first=0):
    """Send `answers` answers (numbered from `first`) to `campaign`'s form from `clients`
    threads at once, answer n from `address(n)`; returns a LoadResult with each request's time
    in seconds."""
    from surveys.forms.responses import new_form_token
    from surveys.models import Channel, Question

    address_of = address
    questions = list(
        Question.objects.filter(group__questionnaire=campaign.questionnaire_id)
        .order_by("group__position", "position")
        .values_list("pk", flat=True)
    )
    channels = Channel.values
    form_path = f"/ankieta/{campaign.code}/"
    thanks_path = f"{form_path}dziekujemy/"
    numbers = queue.SimpleQueue()
    for number in range(first, first + answers):
        numbers.put(number)
    result = LoadResult()
    lock = threading.Lock()

    def timed(*args, **kwargs):
        start = time.perf_counter()
        answer = request(port, *args, **kwargs)
        return time.perf_counter() - start, answer

    def resident():
        cookie = None
        while True:
            try:
                number = numbers.get_nowait()
            except queue.Empty:
                return
            address = {"X-Forwarded-For": address_of(number)}
            baseline, _answer = timed("GET", BASELINE_PATH, headers=address)
            headers = {**address, **({"Cookie": cookie} if cookie else {})}
            shown, (status, answer_headers, page) = timed("GET", form_path, headers=headers)
            page = page.decode()
            csrf, token = _CSRF_FIELD.search(page), _FORM_TOKEN.search(page)
            for value in answer_headers.get_all("Set-Cookie") or []:
                if value.startswith("csrftoken="):
                    cookie = value.split(";", 1)[0]
            if status != 200 or not csrf or not token or not cookie:
                with lock:
                    result.failures.append(f"answer {number}: the form answered {status}")
                continue
            data = {
                "csrfmiddlewaretoken": html.unescape(csrf.group(1)),
                # The form's own token, signed as shown FILLED_IN_SECONDS ago (see the module).
                "token": new_form_token(shown_at=time.time() - FILLED_IN_SECONDS),
                "channel": channels[number % len(channels)],
                "unit": "",
                "comment": COMMENT.format(number=number),
                "website": "",
                **{f"q{pk}": str((number + i) % 5 + 1) for i, pk in enumerate(questions)},
            }
            sent, (status, answer_headers, _page) = timed(
                "POST",
                form_path,
                body=urlencode(data),
                headers={
                    **headers,
                    "Cookie": cookie,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            location = urlsplit(answer_headers.get("Location", "")).path
            with lock:
                result.sent += 1
                result.baseline.append(baseline)
                result.form_get.append(shown)
                result.form_post.append(sent)
                if status == 302 and location == thanks_path:
                    result.thanked += 1
                else:
                    result.failures.append(f"answer {number}: the POST answered {status}")

    # Untimed: each worker imports and loads on its first requests.
    for _round in range(2 * DEFAULT_WORKERS):
        request(port, "GET", BASELINE_PATH)
        request(port, "GET", form_path)
    threads = [threading.Thread(target=resident) for _client in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - start
    return result


def stored(campaign, answers):
    """(responses stored, numbers stored more than once, numbers missing) for `campaign`."""
    from surveys.models import Response

    comments = Counter(Response.objects.filter(campaign=campaign).values_list("comment", flat=True))
    expected = {COMMENT.format(number=number) for number in range(answers)}
    doubled = sorted(comment for comment, count in comments.items() if count > 1)
    missing = sorted(expected - set(comments))
    return sum(comments.values()), doubled, missing


class Command(BaseCommand):
    help = (
        "Send the residents' form many answers at once against gunicorn, on a throwaway "
        "database, and check that each is stored exactly once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=DEFAULT_CLIENTS)
        parser.add_argument("--answers", type=int, default=DEFAULT_ANSWERS)
        parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
        parser.add_argument(
            "--here",
            action="store_true",
            help="(Used by the command itself.) Run on the configured database, which must be "
            "the throwaway one the command has just made.",
        )
        parser.add_argument("--described", default="", help=" (with --here) the database, said")

    def handle(self, *args, clients, answers, workers, here, described, **options):
        if clients < 1 or answers < 1:
            raise CommandError("--clients and --answers must be at least 1.")
        if not here:
            run_on_throwaway(
                "benchmark_survey_load",
                "survey-load",
                THROWAWAY,
                [f"--clients={clients}", f"--answers={answers}", f"--workers={workers}"],
            )
            return
        if not on_throwaway(THROWAWAY):
            # 500 made-up answers are quality records, never deleted: never on a real database.
            raise CommandError("--here runs only on the throwaway database the command makes.")
        call_command("migrate", verbosity=0, interactive=False)
        campaign = prepare()
        with gunicorn(database_url(), workers=workers) as port:
            result = load(port, campaign, clients=clients, answers=answers)
            # The same requests one at a time: what each costs without waiting for a worker.
            alone = load(port, campaign, clients=1, answers=ALONE, first=answers)
        count, doubled, missing = stored(campaign, answers + ALONE)
        self.report(result, alone, count, doubled, missing, clients, answers, workers, described)
        if result.failures or alone.failures or count != answers + ALONE or doubled or missing:
            raise CommandError("Not every answer was stored exactly once: see above.")

    def report(self, result, alone, count, doubled, missing, clients, answers, *more):
        write = self.stdout.write
        workers, described = more
        write(
            f"The residents' form under load: {clients} clients at once, {answers} answers, "
            f"gunicorn with {workers} sync workers, production settings, on "
            f"{described or connection.vendor}."
        )
        write(
            "Each answer from its own address (198.18.0.0/15) appended to X-Forwarded-For by "
            "the benchmark as the one trusted proxy (TRUSTED_PROXIES=1): the daily limit per "
            "address stays in force. Each form's token signed as shown "
            f"{FILLED_IN_SECONDS} s before (new_form_token(shown_at=...)): the minimum fill "
            "time stays in force."
        )
        write(
            f"Sent {result.sent} at once and {alone.sent} one by one, answered with the thanks "
            f"page {result.thanked + alone.thanked}, stored {count}, stored twice "
            f"{len(doubled)}, lost {len(missing)}."
        )
        for failure in (result.failures + alone.failures)[:10]:
            write(f"  {failure}")
        for title, timed in (
            (f"{clients} clients at once ({answers} answers):", result),
            (f"One client alone, afterwards ({ALONE} answers):", alone),
        ):
            if not timed.form_post:
                continue
            write(title)
            self.timings(timed)

    def timings(self, result):
        write = self.stdout.write
        base = statistics.median(result.baseline)
        write(f"  {'':38} {'median ms':>10} {'p95 ms':>8} {'× baseline':>11}")
        for label, values in (
            (f"baseline: GET {BASELINE_PATH} (→ sign-in)", result.baseline),
            ("the form: GET", result.form_get),
            ("the form: POST (stored)", result.form_post),
        ):
            median = statistics.median(values)
            write(
                f"  {label:38} {1000 * median:10.1f} {milliseconds(values, 0.95):8.1f} "
                f"{median / base:11.1f}"
            )
        write(
            f"  {result.sent / result.seconds:.1f} answers a second over {result.seconds:.1f} s "
            "(each answer: the baseline, the form's GET and its POST)."
        )
