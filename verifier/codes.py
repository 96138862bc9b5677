"""Crockford base32: tracking numbers and voting codes.

Alphabet ``0123456789ABCDEFGHJKMNPQRSTVWXYZ`` (no I, L, O, U). On input, letters are
upper-cased, spaces and hyphens dropped, O read as 0 and I, L as 1.

- Tracking number: SHA-256 of the ballot's canonical bytes, as a bit string
  (most significant bit first) padded with four zero bits to 260 bits, written as
  52 Crockford characters. Shown in groups of four separated by spaces.
- Voting code: 16 random characters (80 bits) and one check character: the value of
  the 16 characters as a base-32 number, modulo 37, written with Crockford's check
  alphabet (the 32 digits then ``*~$=U``). A wrong character or two swapped
  neighbours change the check. Shown in groups of four separated by hyphens.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
CODE_LENGTH = 16
TRACKING_LENGTH = 52
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1", " ": None, "-": None})


class InvalidCode(ValueError):
    """A voting code with a wrong length, character or check character."""


def _normalise(text: str) -> str:
    return text.upper().translate(_ALIASES)


def encode_bits(data: bytes) -> str:
    """Bytes as Crockford base32, most significant bit first, zero-padded to 5 bits."""
    bits = len(data) * 8
    length = -(-bits // 5)
    value = int.from_bytes(data, "big") << (length * 5 - bits)
    return "".join(ALPHABET[(value >> (5 * (length - 1 - i))) & 31] for i in range(length))


def tracking_number(ballot_bytes: bytes) -> str:
    """The tracking number of a ballot: its canonical bytes' SHA-256 in base32 (52 chars)."""
    return encode_bits(hashlib.sha256(ballot_bytes).digest())


def format_tracking_number(number: str) -> str:
    """Groups of four characters separated by spaces, for reading aloud."""
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def normalise_tracking_number(text: str) -> str:
    """What a person typed → the canonical form to search (no error: a search box)."""
    return _normalise(text.strip())


def check_character(data: str) -> str:
    """The mod-37 check character of Crockford data characters."""
    value = 0
    for char in data:
        value = value * 32 + ALPHABET.index(char)
    return CHECK_ALPHABET[value % 37]


def new_voting_code() -> str:
    """A fresh voting code: 16 random characters then the check character (17 in all)."""
    data = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return data + check_character(data)


def format_voting_code(code: str) -> str:
    """Groups of four characters separated by hyphens (the check character last)."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_voting_code(text: str) -> str:
    """A typed code → its 17-character canonical form; ``InvalidCode`` on a typo."""
    code = _normalise(text.strip())
    if len(code) != CODE_LENGTH + 1:
        raise InvalidCode("length")
    data, check = code[:CODE_LENGTH], code[CODE_LENGTH]
    if any(char not in ALPHABET for char in data) or check not in CHECK_ALPHABET:
        raise InvalidCode("character")
    if check_character(data) != check:
        raise InvalidCode("check")
    return code
