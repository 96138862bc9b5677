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


def test_the_tally_waits_for_a_vote_still_being_written_and_loses_no_ballot(
    sealed, shares, scrutins, electors, choice_of, times
):
    """A vote checked just before the close may commit just after it: the box rewrite of the
    tally must wait for it rather than copy the box without it and then delete it."""
    from django.db import transaction

    from ballots.models import ScrutinResult
    from ballots.services.tally import campaign_tally

    cta = scrutins["cta"]
    vote_cast(user=electors[0], scrutin=cta, choice=choice_of(cta, "FSU"), at=times.during)
    written, release = threading.Event(), threading.Event()
    errors: list[str] = []

    def late_vote() -> None:
        try:
            with transaction.atomic():
                vote_cast(
                    user=electors[1], scrutin=cta, choice=choice_of(cta, "UNSA"), at=times.during
                )
                written.set()
                release.wait(10)
        except Exception as error:  # pragma: no cover - shown in the assertion
            errors.append(repr(error))
        finally:
            connections.close_all()

    def tally() -> None:
        try:
            campaign_tally(campaign=cta.campaign, share_files=shares(2), at=times.after_close)
        except Exception as error:  # pragma: no cover - shown in the assertion
            errors.append(repr(error))
        finally:
            connections.close_all()

    voter = threading.Thread(target=late_vote)
    voter.start()
    assert written.wait(10)
    counter = threading.Thread(target=tally)
    counter.start()
    counter.join(1.0)
    assert counter.is_alive(), "the tally did not wait for the vote being written"
    release.set()
    voter.join(10)
    counter.join(30)
    assert errors == []
    assert Ballot.objects.filter(scrutin=cta).count() == 2
    result = ScrutinResult.objects.get(scrutin=cta)
    assert result.voters == 2 and result.valid == 2
