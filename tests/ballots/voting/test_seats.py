"""Seat allocation: electoral quotient, then highest average; hand-computed cases."""

import random

import pytest

from ballots.seats import Draw, allocate_seats


class PickLast:
    """A drawing of lots that always picks the last tied list (to test both outcomes)."""

    def choice(self, seq):
        return seq[-1]


@pytest.mark.parametrize(
    ("votes", "seats", "expected"),
    [
        # quotient 400: A 2, B 1, C 1; last seat: A 333.3 > B 300 > C 200
        ({"A": 1000, "B": 600, "C": 400}, 5, {"A": 3, "B": 1, "C": 1}),
        # quotient 3333.3: A 1; then B 3000 > A 2500, then A 2500 > C 2000 > B 1500
        ({"A": 5000, "B": 3000, "C": 2000}, 3, {"A": 2, "B": 1, "C": 0}),
        # quotient 1000: 4, 2, 1, 0, 0; then FO 980, UNSA 963.3, FSU 842
        (
            {"FSU": 4210, "UNSA": 2890, "SGEN": 1530, "FO": 980, "CGT": 390},
            10,
            {"FSU": 5, "UNSA": 3, "SGEN": 1, "FO": 1, "CGT": 0},
        ),
        # exact quotients, nothing left to the averages
        ({"A": 300, "B": 300}, 2, {"A": 1, "B": 1}),
        # one list takes every seat; a list without votes never gets one
        ({"A": 10, "B": 0}, 3, {"A": 3, "B": 0}),
        # nobody voted for a list: no seat is given
        ({"A": 0, "B": 0}, 3, {"A": 0, "B": 0}),
    ],
)
def test_seats_follow_the_quotient_then_the_highest_average(votes, seats, expected):
    allocation = allocate_seats(votes, seats)
    assert allocation.seats == expected
    assert allocation.draws == []


def test_equal_averages_go_to_the_list_with_more_votes():
    # quotient 300: A 1, B 0; last seat: A 400/2 = 200 = B 200/1, A has more votes
    allocation = allocate_seats({"A": 400, "B": 200}, 2, rng=PickLast())
    assert allocation.seats == {"A": 2, "B": 0}
    assert allocation.draws == []


def test_equal_averages_and_votes_go_to_a_recorded_drawing_of_lots():
    allocation = allocate_seats({"A": 100, "B": 100, "C": 50}, 1, rng=PickLast())
    assert allocation.seats == {"A": 0, "B": 1, "C": 0}
    assert allocation.draws == [Draw(seat=1, tied=("A", "B"), winner="B")]


def test_the_drawing_of_lots_is_reproducible_with_the_same_seed():
    votes = {"A": 100, "B": 100, "C": 100}
    first = allocate_seats(votes, 2, rng=random.Random("box-digest"))
    again = allocate_seats(votes, 2, rng=random.Random("box-digest"))
    assert first == again
    assert sum(first.seats.values()) == 2
    assert [draw.seat for draw in first.draws] == [1, 2]


def test_the_ballot_order_of_the_lists_is_kept():
    allocation = allocate_seats({"Z": 10, "A": 20}, 3)
    assert list(allocation.seats) == ["Z", "A"]


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        allocate_seats({"A": -1}, 2)
