"""The survey's load benchmark counts truly (manage.py benchmark_survey_load, a few answers):
against gunicorn on the test database, every answer is stored once and counted, and the daily
limit per address still holds behind the benchmark's X-Forwarded-For."""

import pytest

from surveys.management.commands import benchmark_survey_load as bench
from surveys.services import DAILY_LIMIT

# gunicorn's workers start in a few seconds: not for the quick loop.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_the_benchmark_stores_each_answer_once_and_the_limit_holds_per_address():
    campaign = bench.prepare()
    with bench.gunicorn(bench.database_url(), workers=2) as port:
        result = bench.load(port, campaign, clients=2, answers=10)
        # All from one address: the daily limit stops what passes it.
        crowded = bench.load(
            port,
            campaign,
            clients=2,
            answers=DAILY_LIMIT + 2,
            address=lambda _number: "198.18.255.1",
            first=10,
        )
    assert (result.sent, result.thanked, result.failures) == (10, 10, [])
    assert len(result.form_get) == len(result.form_post) == len(result.baseline) == 10
    assert (crowded.sent, crowded.thanked, len(crowded.failures)) == (12, DAILY_LIMIT, 2)
    count, doubled, missing = bench.stored(campaign, 10)
    assert (count, doubled, missing) == (10 + DAILY_LIMIT, [], [])


def test_each_resident_has_an_address_of_their_own():
    addresses = {bench.resident_address(number) for number in range(131072)}
    assert len(addresses) == 131072
    assert all(address.startswith(("198.18.", "198.19.")) for address in addresses)
