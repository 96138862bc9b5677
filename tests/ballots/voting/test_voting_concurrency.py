"""Concurrent casts by the same elector: the database lets exactly one through (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from ballots.models import Ballot, Participation
from ballots.services.voting import AlreadyVoted, vote_cast

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

THREADS = 8


def test_simultaneous_votes_of_one_elector_leave_one_emargement_and_one_ballot(
    sealed, scrutins, electors, choice_of, times
):
    cta = scrutins["cta"]
    choices = [choice_of(cta, acronym) for acronym in ["FSU", "UNSA", "SGEN", "blanc"]]
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def cast(n: int) -> None:
        try:
            barrier.wait()
            vote_cast(user=electors[0], scrutin=cta, choice=choices[n % 4], at=times.during)
            outcomes.append("cast")
        except AlreadyVoted:
            outcomes.append("refused")
        except Exception as error:  # pragma: no cover - shown in the assertion
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cast, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["cast"] + ["refused"] * (THREADS - 1)
    assert Participation.objects.filter(scrutin=cta).count() == 1
    assert Ballot.objects.filter(scrutin=cta).count() == 1


def test_after_the_tally_no_ballot_shares_a_transaction_id_with_an_emargement(
    sealed, shares, scrutins, electors, choice_of, times
):
    from ballots.services.tally import campaign_tally

    cta = scrutins["cta"]
    for user in electors[:4]:
        vote_cast(user=user, scrutin=cta, choice=choice_of(cta, "FSU"), at=times.during)

    def xmins(table: str) -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT xmin::text FROM {table}")
            return {row[0] for row in cursor.fetchall()}

    # While the vote is open, each ballot was written by its émargement's transaction.
    assert xmins("ballots_ballot") == xmins("ballots_participation")
    campaign_tally(campaign=cta.campaign, share_files=shares(2), at=times.after_close)
    assert len(xmins("ballots_ballot")) == 1
    assert not xmins("ballots_ballot") & xmins("ballots_participation")
