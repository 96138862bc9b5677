"""A vote costs a fixed number of queries, whatever the number of lists on the ballot."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ballots.models import BoardEvent, CandidateList, Participation

# Per request, with the production task backend (what follows a vote is a row for the
# worker). Session and user are two of them (the agent is not read: its id is on the user),
# the scrutin with its vote state and its lists two more; step 2 adds the wrong-code
# counter's read, the elector's credential locked (a lost notice replaced meanwhile is
# refused), the émargement, the ballot's α, the task (audit line and receipt mail), the
# running product (read for update, write), the board (head for update, event, head), and
# reads no state again; the receipt reads my scrutins still open to my vote (one query: its
# "next scrutin"); in tests the transaction's savepoint and release count too.
MAX_QUERIES = {"ballot": 4, "step 1": 4, "step 2": 17}


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def long_ballot(scrutins):
    """CAPD-38 gets 15 more lists before the seal (17 in all), CTA-GRE keeps its 3."""
    for position in range(3, 18):
        CandidateList.objects.create(
            scrutin=scrutins["capd"],
            position=position,
            acronym=f"L{position}",
            organisation=f"Organisation {position}",
        )
    return scrutins


def queries_of_a_vote(
    client, url, choice, django_capture_on_commit_callbacks, code
) -> dict[str, int]:
    steps = {
        "ballot": lambda: client.get(url),
        "step 1": lambda: client.post(url, {"choice": choice}),
        "step 2": lambda: client.post(url, {"choice": choice, "code": code, "confirm": "1"}),
    }
    counts = {}
    for name, step in steps.items():
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            assert step().status_code == 200
        counts[name] = len(queries)
    return counts


def test_a_vote_costs_the_same_few_queries_with_3_lists_or_with_17(
    client, electors, long_ballot, sealed, clock, choice_of, django_capture_on_commit_callbacks
):
    client.force_login(electors[0])
    client.get("/electeur/")  # the session's periodic refresh happens here, not in a step
    short = queries_of_a_vote(
        client,
        "/electeur/scrutins/CTA-GRE/voter/",
        choice_of(long_ballot["cta"], "UNSA"),
        django_capture_on_commit_callbacks,
        sealed[electors[0].agent.identifier],
    )
    long = queries_of_a_vote(
        client,
        "/electeur/scrutins/CAPD-38/voter/",
        choice_of(long_ballot["capd"], "SE"),
        django_capture_on_commit_callbacks,
        sealed[electors[0].agent.identifier],
    )
    assert short == long
    for step, count in long.items():
        assert count <= MAX_QUERIES[step], (step, count)
    assert Participation.objects.count() == BoardEvent.objects.filter(kind="ballot").count() == 2


def test_casting_a_vote_stays_within_its_query_budget(
    client, electors, long_ballot, sealed, clock, choice_of, django_assert_max_num_queries
):
    client.force_login(electors[0])
    client.get("/electeur/")
    url = "/electeur/scrutins/CAPD-38/voter/"
    choice = choice_of(long_ballot["capd"], "L17")
    with django_assert_max_num_queries(MAX_QUERIES["step 2"]):
        response = client.post(
            url, {"choice": choice, "code": sealed[electors[0].agent.identifier], "confirm": "1"}
        )
    assert response.status_code == 200
    assert BoardEvent.objects.filter(kind="ballot", scrutin=long_ballot["capd"].code).count() == 1
