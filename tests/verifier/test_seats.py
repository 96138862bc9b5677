"""The verifier's seat rule gives the project's seats on many cases."""

import itertools
import random

import pytest

from ballots.seats import allocate_seats
from verifier.seats import SeatsMismatch, allocate, check_seats


def _random_case(seed):
    rng = random.Random(seed)
    lists = rng.randint(2, 7)
    return [rng.choice([0, 5, 10, rng.randint(0, 60)]) for _ in range(lists)], rng.randint(0, 9)


CASES = [
    (votes, seats)
    for votes in [
        [100, 50, 25],
        [400, 200],
        [100, 100, 50],
        [10, 20],
        [0, 0, 0],
        [7, 0, 3, 3],
        [1, 1, 1, 1],
        [33, 33, 34],
        [5],
    ]
    for seats in range(0, 7)
] + [(votes, seats) for votes, seats in (_random_case(n) for n in range(300))]


@pytest.mark.parametrize(("votes", "seats"), CASES)
def test_same_seats_as_the_project(votes, seats):
    project = allocate_seats(dict(enumerate(votes)), seats, rng=random.Random(seats))
    draws = [
        {"seat": d.seat, "tied": [i + 1 for i in d.tied], "winner": d.winner + 1}
        for d in project.draws
    ]
    counts = [0, *votes]
    expected = [project.seats[i] for i in range(len(votes))]
    check_seats(counts, seats, expected, draws)
    if not project.draws:
        won, _draws = allocate(votes, seats, lambda _seat, tied: tied[0])
        assert won == expected


def test_wrong_seats_or_invented_draws_are_refused():
    with pytest.raises(SeatsMismatch):
        check_seats([0, 100, 50], 3, [3, 0], [])
    with pytest.raises(SeatsMismatch):
        check_seats([0, 100, 50], 3, [2, 1], [{"seat": 3, "tied": [1, 2], "winner": 2}])
    with pytest.raises(SeatsMismatch):  # a tie needs its published draw
        check_seats([0, 100, 100], 1, [1, 0], [])
    with pytest.raises(SeatsMismatch):  # the winner must be among the tied lists
        check_seats([0, 100, 100, 5], 1, [0, 0, 1], [{"seat": 1, "tied": [1, 2], "winner": 3}])
    check_seats([0, 100, 100], 1, [0, 1], [{"seat": 1, "tied": [1, 2], "winner": 2}])


def test_ties_are_drawn_only_among_equal_votes():
    for votes in itertools.product(range(4), repeat=3):
        won, draws = allocate(list(votes), 2, lambda _seat, tied: tied[-1])
        assert sum(won) == (2 if sum(votes) else 0)
        for draw in draws:
            assert len({votes[i] for i in draw["tied"]}) == 1
