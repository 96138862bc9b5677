"""Seat allocation: electoral quotient, then the highest average. One pure function.

Rule: each list first gets floor(votes ÷ quotient) seats, the quotient being
valid votes ÷ seats. The remaining seats go one at a time to the list with the
highest average votes ÷ (seats already won + 1). Equal averages: the list with
more votes wins; equal votes too: a drawing of lots, recorded in the result.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Draw:
    """A seat given by lot: which seat (1-based), among which lists, to which."""

    seat: int
    tied: tuple[Hashable, ...]
    winner: Hashable


@dataclass(frozen=True)
class Allocation:
    seats: dict[Hashable, int]
    draws: list[Draw] = field(default_factory=list)


def allocate_seats(
    votes: Mapping[Hashable, int], seats: int, *, rng: random.Random | None = None
) -> Allocation:
    """Share `seats` among the lists of `votes` (list → valid votes).

    `rng` makes the drawing of lots reproducible (the tally seeds it with the box
    digest); the order of `votes` is the ballot order and is kept in `tied`.
    """
    if seats < 0 or any(count < 0 for count in votes.values()):
        raise ValueError("Seats and votes cannot be negative.")
    won = dict.fromkeys(votes, 0)
    valid = sum(votes.values())
    if valid == 0 or seats == 0:
        return Allocation(seats=won)

    # Quotient seats, in exact integer arithmetic: votes ÷ (valid ÷ seats).
    for key, count in votes.items():
        won[key] = count * seats // valid
    remaining = seats - sum(won.values())

    draws: list[Draw] = []
    rng = rng or random.Random()  # noqa: S311 - a drawing of lots, not a secret
    for _ in range(remaining):
        averages = {key: Fraction(count, won[key] + 1) for key, count in votes.items()}
        best = max(averages.values())
        tied = [key for key in votes if averages[key] == best]
        if len(tied) > 1:
            most = max(votes[key] for key in tied)
            tied = [key for key in tied if votes[key] == most]
        if len(tied) > 1:
            winner = rng.choice(tied)
            draws.append(Draw(seat=sum(won.values()) + 1, tied=tuple(tied), winner=winner))
        else:
            winner = tied[0]
        won[winner] += 1
    return Allocation(seats=won, draws=draws)
