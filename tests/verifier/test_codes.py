"""Tracking numbers and voting codes."""

import itertools

import pytest

from verifier import codes
from verifier.hashing import canonical_json, hash_to_scalar


def test_tracking_number_is_52_crockford_characters_of_sha256():
    number = codes.tracking_number(b"ballot")
    assert len(number) == 52 and set(number) <= set(codes.ALPHABET)
    assert codes.tracking_number(b"ballos") != number
    formatted = codes.format_tracking_number(number)
    assert formatted.count(" ") == 12
    assert codes.normalise_tracking_number(formatted.lower()) == number


def test_tracking_number_search_accepts_look_alikes():
    assert codes.normalise_tracking_number("o1il-ab") == "0111AB"


def test_voting_code_round_trip_and_format():
    code = codes.new_voting_code()
    assert len(code) == 17
    shown = codes.format_voting_code(code)
    assert shown.count("-") == 4
    assert codes.normalise_voting_code(shown.lower()) == code


def test_every_single_typo_and_neighbour_swap_is_caught():
    code = codes.new_voting_code()
    data = code[:16]
    for position, char in itertools.product(range(16), codes.ALPHABET):
        typo = data[:position] + char + data[position + 1 :]
        if typo != data:
            with pytest.raises(codes.InvalidCode):
                codes.normalise_voting_code(typo + code[16])
    for position in range(15):
        swapped = data[:position] + data[position + 1] + data[position] + data[position + 2 :]
        if swapped != data:
            with pytest.raises(codes.InvalidCode):
                codes.normalise_voting_code(swapped + code[16])


@pytest.mark.parametrize("text", ["", "ABCD", "ABCD-EFGH-JKMN-PQRS-TVWX-Y", "ABCD#EFGHJKMNPQRS"])
def test_malformed_codes_are_refused(text):
    with pytest.raises(codes.InvalidCode):
        codes.normalise_voting_code(text)


def test_canonical_json_refuses_floats_and_sorts_keys():
    assert (
        canonical_json({"b": 1, "a": ["é", None, True]}) == '{"a":["é",null,true],"b":1}'.encode()
    )
    with pytest.raises(ValueError):
        canonical_json({"a": 1.0})
    with pytest.raises(ValueError):
        canonical_json({"a": 2**53})


def test_hash_parts_are_length_prefixed():
    assert hash_to_scalar("t", b"ab", b"c") != hash_to_scalar("t", b"a", b"bc")
    assert hash_to_scalar("t", b"x") != hash_to_scalar("u", b"x")
