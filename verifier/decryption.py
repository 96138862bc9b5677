"""Threshold decryption of an encrypted tally: partial decryptions, Lagrange, small log.

Trustee j posts, for each slot i of the tally (A_i, B_i), the factor D_i = A_i^x_j and
a Chaum–Pedersen proof that log_g X_j = log_A_i D_i (tag "decryption", context:
the scrutin's fingerprint (32 bytes), j and i as 4-byte big-endian integers):

    {"factors": [hex…], "index": j, "proofs": [{"challenge", "response"}…]}

With at least k valid partials of distinct indices S, g^count_i = B_i / Π_{j∈S}
D_ij^λ_j with λ_j = Π_{m∈S, m≠j} m / (m − j) mod ℓ (Lagrange at 0), and count_i is
found by baby-step giant-step in [0, ballots]. No ballot is ever decrypted alone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from verifier import group as G
from verifier.elgamal import Ciphertext
from verifier.hashing import int_part
from verifier.proofs import dleq_prove, dleq_verify

Partial = dict[str, Any]


class DecryptionRejected(ValueError):
    """A partial decryption or a combination that must not be used; ``reason`` says why.

    Reasons: malformed, unknown_trustee, bad_point, bad_scalar, bad_proof,
    too_few, duplicate_index, count_out_of_range.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def _context(fingerprint: str, index: int, slot: int) -> list[bytes]:
    return [bytes.fromhex(fingerprint), int_part(index), int_part(slot)]


def partial_decryption(
    *, secret_share: int, index: int, encrypted_tally: Sequence[Ciphertext], fingerprint: str
) -> Partial:
    """Trustee ``index``'s factors A_i^x_j with their proofs, for one scrutin's tally."""
    key = G.base_mul(secret_share)
    factors, proofs = [], []
    for slot, (alpha, _beta) in enumerate(encrypted_tally):
        factor = G.mul(alpha, secret_share)
        statement = (G.GENERATOR, key, alpha, factor)
        context = _context(fingerprint, index, slot)
        proofs.append(dleq_prove("decryption", context, statement, secret_share))
        factors.append(factor.hex())
    return {"factors": factors, "index": index, "proofs": proofs}


def verify_partial_decryption(
    partial: Any,
    *,
    verification_keys: Mapping[int, bytes],
    encrypted_tally: Sequence[Ciphertext],
    fingerprint: str,
) -> list[bytes]:
    """Check one partial decryption against X_j; returns its validated factors."""
    if not isinstance(partial, dict) or set(partial) != {"factors", "index", "proofs"}:
        raise DecryptionRejected("malformed")
    index = partial["index"]
    if not isinstance(index, int) or isinstance(index, bool) or index not in verification_keys:
        raise DecryptionRejected("unknown_trustee", str(index))
    factors_text, proofs = partial["factors"], partial["proofs"]
    if not isinstance(factors_text, list) or not isinstance(proofs, list):
        raise DecryptionRejected("malformed")
    if len(factors_text) != len(encrypted_tally) or len(proofs) != len(encrypted_tally):
        raise DecryptionRejected("malformed", "one factor and one proof per slot")
    try:
        factors = [G.point_from_hex(f, allow_identity=True) for f in factors_text]
    except G.InvalidPoint as error:
        raise DecryptionRejected("bad_point", str(error)) from error
    key = verification_keys[index]
    for slot, ((alpha, _beta), factor, proof) in enumerate(
        zip(encrypted_tally, factors, proofs, strict=True)
    ):
        statement = (G.GENERATOR, key, alpha, factor)
        try:
            if not isinstance(proof, dict) or not dleq_verify(
                "decryption", _context(fingerprint, index, slot), statement, proof
            ):
                raise DecryptionRejected("bad_proof", f"trustee {index}, slot {slot}")
        except (G.InvalidScalar, KeyError) as error:
            raise DecryptionRejected("bad_scalar", str(error)) from error
    return factors


def lagrange_at_zero(indices: Sequence[int]) -> dict[int, int]:
    """λ_j = Π_{m ≠ j} m / (m − j) mod ℓ over distinct indices."""
    coefficients = {}
    for j in indices:
        numerator, denominator = 1, 1
        for m in indices:
            if m != j:
                numerator = G.scalar_mul(numerator, m)
                denominator = G.scalar_mul(denominator, (m - j) % G.ELL)
        coefficients[j] = G.scalar_mul(numerator, G.scalar_invert(denominator))
    return coefficients


def discrete_log(point: bytes, bound: int) -> int:
    """The m in [0, bound] with g^m = point, by baby-step giant-step; else an error."""
    step = max(1, math.isqrt(bound) + 1)
    baby: dict[bytes, int] = {}
    current = G.IDENTITY
    for j in range(step):
        baby.setdefault(current, j)
        current = G.add(current, G.GENERATOR)
    giant = G.neg(G.base_mul(step))
    current = point
    for i in range(step + 1):
        if current in baby:
            value = i * step + baby[current]
            if value <= bound:
                return value
        current = G.add(current, giant)
    raise DecryptionRejected("count_out_of_range", f"no count in [0, {bound}]")


def combine(
    partials: Sequence[Any],
    *,
    k: int,
    verification_keys: Mapping[int, bytes],
    encrypted_tally: Sequence[Ciphertext],
    fingerprint: str,
    max_count: int,
) -> list[int]:
    """Check ≥ k partials of distinct indices, combine them, return the count per slot."""
    indices = [p.get("index") if isinstance(p, dict) else None for p in partials]
    if len(set(indices)) != len(indices):
        raise DecryptionRejected("duplicate_index")
    if len(partials) < k:
        raise DecryptionRejected("too_few", f"{len(partials)} < {k}")
    factors = {
        partial["index"]: verify_partial_decryption(
            partial,
            verification_keys=verification_keys,
            encrypted_tally=encrypted_tally,
            fingerprint=fingerprint,
        )
        for partial in partials
    }
    lambdas = lagrange_at_zero(list(factors))
    counts = []
    for slot, (_alpha, beta) in enumerate(encrypted_tally):
        shared = G.product([G.mul(factors[j][slot], lam) for j, lam in lambdas.items()])
        counts.append(discrete_log(G.sub(beta, shared), max_count))
    return counts
