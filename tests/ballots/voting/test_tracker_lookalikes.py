"""What an elector types from a receipt finds the ballot: spaces, hyphens, lower case, and
the letters O, I, L read as the digits 0, 1, 1 (a Crockford tracking number has none)."""

import pytest

from ballots.protocol import format_tracking_number, normalise_tracking_number


@pytest.mark.parametrize(
    "typed",
    ["7Q0Z 1B2T 0AAA", "7q0z-1b2t-0aaa", "7QOZ IB2T OAAA", "7qoz lb2t oaaa", " 7QOZIB2T-OAAA "],
)
def test_look_alike_characters_find_the_same_tracking_number(typed):
    assert normalise_tracking_number(typed) == "7Q0Z1B2T0AAA"


def test_the_tracking_number_is_shown_in_blocks_of_four():
    assert format_tracking_number("7Q0Z1B2T0AAA") == "7Q0Z 1B2T 0AAA"
