"""Seats by the electoral quotient, then the highest average (the project's rule).

Each list first gets ⌊votes × seats ÷ valid⌋ seats (valid = the lists' votes, blank
votes excluded). The remaining seats go one at a time to the list with the highest
average votes ÷ (seats won + 1); equal averages go to the list with more votes;
still equal, to a drawing of lots, which the result records as
{"seat": n (1-based), "tied": [slot indices], "winner": slot index}.
The verifier replays the rule and accepts a draw only where the rule calls for one,
among exactly the tied lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any


class SeatsMismatch(ValueError):
    """The published seats do not follow the rule."""


def allocate(
    votes: Sequence[int], seats: int, draw: Callable[[int, list[int]], int]
) -> tuple[list[int], list[dict[str, Any]]]:
    """Seats per list (positions of ``votes``) and the draws made; ``draw(seat, tied)``."""
    if seats < 0 or any(count < 0 for count in votes):
        raise ValueError("negative seats or votes")
    won = [0] * len(votes)
    valid = sum(votes)
    if valid == 0 or seats == 0:
        return won, []
    for position, count in enumerate(votes):
        won[position] = count * seats // valid
    draws = []
    for _ in range(seats - sum(won)):
        averages = [Fraction(count, won[i] + 1) for i, count in enumerate(votes)]
        best = max(averages)
        tied = [i for i, average in enumerate(averages) if average == best]
        most = max(votes[i] for i in tied)
        tied = [i for i in tied if votes[i] == most]
        if len(tied) > 1:
            seat = sum(won) + 1
            winner = draw(seat, tied)
            draws.append({"seat": seat, "tied": tied, "winner": winner})
        else:
            winner = tied[0]
        won[winner] += 1
    return won, draws


def check_seats(
    counts: Sequence[int], seats: int, published: Sequence[int], draws: Sequence[Any]
) -> None:
    """Replay the rule on slot counts (slot 0 blank) with the published draws.

    Positions in ``published`` are the lists (slot 1 first); draws use slot indices.
    """
    pending = list(draws)

    def replay(seat: int, tied: list[int]) -> int:
        slots = [i + 1 for i in tied]
        if not pending:
            raise SeatsMismatch(f"seat {seat} needs a drawing of lots that is not published")
        entry = pending.pop(0)
        if (
            not isinstance(entry, dict)
            or entry.get("seat") != seat
            or entry.get("tied") != slots
            or entry.get("winner") not in slots
        ):
            raise SeatsMismatch(f"the drawing of lots for seat {seat} does not match the rule")
        return entry["winner"] - 1

    won, _draws = allocate(list(counts[1:]), seats, replay)
    if pending:
        raise SeatsMismatch("a drawing of lots is published where the rule calls for none")
    if list(published) != won:
        raise SeatsMismatch(f"seats {list(published)} instead of {won}")
