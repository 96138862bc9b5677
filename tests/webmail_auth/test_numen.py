"""NUMEN format, normalisation and keyed digest."""

import pytest

from webmail_auth.numen import (
    is_valid_numen,
    normalize_numen,
    numen_digest,
    numen_error,
    parse_numen,
)


@pytest.mark.parametrize("raw", ["08E0512345ABC", " 08e0512345abc ", "\t08E0512345abc\n"])
def test_a_numen_is_accepted_with_spaces_around_and_in_lower_case(raw):
    assert parse_numen(raw) == "08E0512345ABC"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "absent"),
        ("08E0512345AB", "12 caractères au lieu de 13"),
        ("08E0512345ABCD", "14 caractères au lieu de 13"),
        ("8E08123456XYZ", "mal formé"),
        ("08E05123A5ABC", "mal formé"),
        ("08E0512345AB1", "mal formé"),
        ("08 E0512345AB", "mal formé"),
    ],
)
def test_a_malformed_numen_is_refused_with_a_reason(raw, reason):
    assert not is_valid_numen(raw)
    assert reason in numen_error(raw)
    with pytest.raises(ValueError, match=reason):
        parse_numen(raw)


def test_the_reason_never_repeats_the_numen():
    assert "08E0512345AB" not in numen_error("08E0512345AB")


def test_the_digest_is_the_same_for_every_spelling_of_a_numen():
    assert numen_digest("08e0512345abc ") == numen_digest("08E0512345ABC")
    assert len(numen_digest("08E0512345ABC")) == 64


def test_the_digest_depends_on_the_pepper(settings):
    first = numen_digest("08E0512345ABC")
    settings.NUMEN_PEPPER = "another-pepper"
    assert numen_digest("08E0512345ABC") != first
    assert numen_digest("08E0512345ABC", pepper="x") != numen_digest("08E0512345ABC", pepper="y")


def test_the_digest_is_not_an_unkeyed_hash_of_the_numen():
    import hashlib

    numen = "08E0512345ABC"
    unkeyed = {
        hashlib.sha256(numen.encode()).hexdigest(),
        hashlib.sha256(normalize_numen(numen).lower().encode()).hexdigest(),
    }
    assert numen_digest(numen) not in unkeyed
