"""Exponential ElGamal over the group and encrypted tallies.

A ciphertext of m under y with randomness r is (α, β) = (g^r, y^r · g^m). The product
of ciphertexts slot by slot encrypts the sum of the values; the product of no ballot
is (identity, identity). JSON form: {"alpha": hex, "beta": hex}.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from verifier import group as G

Ciphertext = tuple[bytes, bytes]


def encrypt(public_key: bytes, value: int, randomness: int) -> Ciphertext:
    """(g^r, y^r · g^value)."""
    return G.base_mul(randomness), G.add(G.mul(public_key, randomness), G.base_mul(value))


def empty_tally(slot_count: int) -> list[Ciphertext]:
    """The encrypted tally of no ballot: (identity, identity) per slot."""
    return [(G.IDENTITY, G.IDENTITY)] * slot_count


def accumulate(tally: Sequence[Ciphertext], ballot: Sequence[Ciphertext]) -> list[Ciphertext]:
    """Add one ballot's ciphertexts to a running product, slot by slot."""
    if len(tally) != len(ballot):
        raise ValueError("slot counts differ")
    return [(G.add(a, x), G.add(b, y)) for (a, b), (x, y) in zip(tally, ballot, strict=True)]


def multiply(ballots: Sequence[Sequence[Ciphertext]], slot_count: int) -> list[Ciphertext]:
    """The slot-wise product of all ballots' ciphertexts (the encrypted tally)."""
    tally = empty_tally(slot_count)
    for ballot in ballots:
        tally = accumulate(tally, ballot)
    return tally


def ciphertexts_json(ciphertexts: Sequence[Ciphertext]) -> list[dict[str, str]]:
    """[{"alpha", "beta"}, …] in lowercase hex."""
    return [{"alpha": a.hex(), "beta": b.hex()} for a, b in ciphertexts]


def ciphertexts_from_json(items: Any) -> list[Ciphertext]:
    """Parse and validate an encrypted tally (identity allowed: a list with no votes)."""
    if not isinstance(items, list):
        raise G.InvalidPoint("expected a list of ciphertexts")
    result = []
    for item in items:
        if not isinstance(item, dict) or set(item) != {"alpha", "beta"}:
            raise G.InvalidPoint("expected {alpha, beta}")
        alpha = G.point_from_hex(item["alpha"], allow_identity=True)
        beta = G.point_from_hex(item["beta"], allow_identity=True)
        result.append((alpha, beta))
    return result
