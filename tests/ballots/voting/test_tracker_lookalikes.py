"""What an elector types from a receipt finds the ballot: hyphens, spaces, lower case, and
the digits 0, 1, 8 read for the letters O, I, B (a base32 tracker holds no such digit)."""

import pytest

from ballots.crypto import format_tracker, normalise_tracker


@pytest.mark.parametrize(
    "typed",
    ["5OFO-IB2T-OAAA", "5ofo ib2t oaaa", "50F0-1B2T-0AAA", "50f0 182t 0aaa", " 5OFO IB2TOAAA "],
)
def test_look_alike_characters_find_the_same_tracker(typed):
    assert normalise_tracker(typed) == "5OFOIB2TOAAA"


def test_the_tracker_is_shown_in_blocks_of_four():
    assert format_tracker("5OFOIB2TOAAA") == "5OFO-IB2T-OAAA"
