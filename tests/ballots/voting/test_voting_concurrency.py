"""Concurrent casts by the same elector: the database lets exactly one through (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from ballots.models import BoardEvent, Participation
from ballots.services.voting import AlreadyVoted, vote_cast

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

THREADS = 8


def test_simultaneous_votes_of_one_elector_leave_one_emargement_and_one_ballot(
    sealed, scrutins, electors, choice_of, times, code_of
):
    cta = scrutins["cta"]
    choices = [choice_of(cta, acronym) for acronym in ["FSU", "UNSA", "SGEN", "blanc"]]
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def cast(n: int) -> None:
        try:
            barrier.wait()
            vote_cast(
                code=code_of(electors[0]),
                user=electors[0],
                scrutin=cta,
                choice=choices[n % 4],
                at=times.during,
            )
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
    assert BoardEvent.objects.filter(kind="ballot", scrutin=cta.code).count() == 1


def test_closing_the_board_waits_for_a_vote_still_being_written_and_loses_no_ballot(
    sealed, scrutins, electors, choice_of, times, code_of, count
):
    """A vote checked just before the close may commit just after it: closing the board
    waits for it (the board's head is locked) and verifies the board again with it."""
    from django.db import transaction

    from ballots.models import ScrutinResult
    from ballots.services.tally import board_close

    cta = scrutins["cta"]
    vote_cast(
        code=code_of(electors[0]),
        user=electors[0],
        scrutin=cta,
        choice=choice_of(cta, "FSU"),
        at=times.during,
    )
    written, release = threading.Event(), threading.Event()
    errors: list[str] = []

    def late_vote() -> None:
        try:
            with transaction.atomic():
                vote_cast(
                    code=code_of(electors[1]),
                    user=electors[1],
                    scrutin=cta,
                    choice=choice_of(cta, "UNSA"),
                    at=times.during,
                )
                written.set()
                release.wait(10)
        except Exception as error:  # pragma: no cover - shown in the assertion
            errors.append(repr(error))
        finally:
            connections.close_all()

    def close() -> None:
        try:
            board_close(campaign=cta.campaign, at=times.after_close, workers=1)
        except Exception as error:  # pragma: no cover - shown in the assertion
            errors.append(repr(error))
        finally:
            connections.close_all()

    voter = threading.Thread(target=late_vote)
    voter.start()
    assert written.wait(10)
    closer = threading.Thread(target=close)
    closer.start()
    closer.join(1.0)
    assert closer.is_alive(), "closing did not wait for the vote being written"
    release.set()
    voter.join(10)
    closer.join(30)
    assert errors == []
    count()
    assert BoardEvent.objects.filter(kind="ballot", scrutin=cta.code).count() == 2
    result = ScrutinResult.objects.get(scrutin=cta)
    assert result.voters == 2 and result.valid == 2
