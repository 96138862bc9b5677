"""Zero-knowledge proofs over the group, all with strong Fiat–Shamir.

Every challenge is ``hash_to_scalar(tag, *context, *statement, *commitments)``: the
caller's context (fingerprint, scrutin, credential, index…), every element of the
statement and every commitment. Responses follow s = w − c·x, so the verifier
recomputes each commitment as base^s · value^c. A proof is a dict of lowercase-hex
scalars; malformed or unreduced scalars raise ``InvalidScalar``.

- Schnorr proof of knowledge of x with X = g^x: {"challenge", "response"}.
- Chaum–Pedersen proof that log_g1 h1 = log_g2 h2: {"challenge", "response"}.
- Disjunctive Chaum–Pedersen proof that (α, β) = (g^r, y^r·g^m) with m ∈ {0, 1}:
  {"c0", "c1", "s0", "s1"}, with c0 + c1 = H(…, α, β, A0, B0, A1, B1).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from verifier import group as G
from verifier.hashing import hash_to_scalar

Nonces = Callable[[], int]
"""A source of secret random scalars (libsodium by default, fixed in test vectors)."""

Proof = dict[str, str]


def schnorr_prove(
    tag: str, context: Sequence[bytes], secret: int, *, nonces: Nonces = G.random_scalar
) -> Proof:
    """Prove knowledge of x = secret for X = g^x; c = H(tag, context, g, X, g^w)."""
    public = G.base_mul(secret)
    w = nonces()
    commitment = G.base_mul(w)
    c = hash_to_scalar(tag, *context, G.GENERATOR, public, commitment)
    s = G.scalar_sub(w, G.scalar_mul(c, secret))
    return {"challenge": G.scalar_hex(c), "response": G.scalar_hex(s)}


def schnorr_verify(tag: str, context: Sequence[bytes], public: bytes, proof: Proof) -> bool:
    """Check a Schnorr proof for a validated point X (g^s · X^c hashes back to c)."""
    c = G.scalar_from_hex(proof["challenge"])
    s = G.scalar_from_hex(proof["response"])
    commitment = G.add(G.base_mul(s), G.mul(public, c))
    return hash_to_scalar(tag, *context, G.GENERATOR, public, commitment) == c


def dleq_prove(
    tag: str,
    context: Sequence[bytes],
    statement: tuple[bytes, bytes, bytes, bytes],
    secret: int,
    *,
    nonces: Nonces = G.random_scalar,
) -> Proof:
    """Prove log_g1 h1 = log_g2 h2 = secret for statement (g1, h1, g2, h2)."""
    g1, _h1, g2, _h2 = statement
    w = nonces()
    c = hash_to_scalar(tag, *context, *statement, G.mul(g1, w), G.mul(g2, w))
    s = G.scalar_sub(w, G.scalar_mul(c, secret))
    return {"challenge": G.scalar_hex(c), "response": G.scalar_hex(s)}


def dleq_verify(
    tag: str, context: Sequence[bytes], statement: tuple[bytes, bytes, bytes, bytes], proof: Proof
) -> bool:
    """Check a Chaum–Pedersen proof over validated points (g1, h1, g2, h2)."""
    g1, h1, g2, h2 = statement
    c = G.scalar_from_hex(proof["challenge"])
    s = G.scalar_from_hex(proof["response"])
    first = G.add(G.mul(g1, s), G.mul(h1, c))
    second = G.add(G.mul(g2, s), G.mul(h2, c))
    return hash_to_scalar(tag, *context, *statement, first, second) == c


def _branch(public_key: bytes, alpha: bytes, beta: bytes, value: int) -> tuple[bytes, bytes]:
    """The statement of branch ``value``: (α, β / g^value)."""
    return alpha, (beta if value == 0 else G.sub(beta, G.GENERATOR))


def zero_one_prove(
    tag: str,
    context: Sequence[bytes],
    public_key: bytes,
    ciphertext: tuple[bytes, bytes],
    *,
    value: int,
    randomness: int,
    nonces: Nonces = G.random_scalar,
) -> Proof:
    """Prove (α, β) encrypts 0 or 1. Nonces are drawn in the order w, c_sim, s_sim."""
    alpha, beta = ciphertext
    if value not in (0, 1):
        raise ValueError("a 0/1 proof needs a value of 0 or 1")
    other = 1 - value
    w, c_sim, s_sim = nonces(), nonces(), nonces()
    commitments: dict[int, tuple[bytes, bytes]] = {value: (G.base_mul(w), G.mul(public_key, w))}
    a_other, b_other = _branch(public_key, alpha, beta, other)
    commitments[other] = (
        G.add(G.base_mul(s_sim), G.mul(a_other, c_sim)),
        G.add(G.mul(public_key, s_sim), G.mul(b_other, c_sim)),
    )
    c = hash_to_scalar(
        tag, *context, G.GENERATOR, public_key, alpha, beta, *commitments[0], *commitments[1]
    )
    c_real = G.scalar_sub(c, c_sim)
    s_real = G.scalar_sub(w, G.scalar_mul(c_real, randomness))
    challenges = {value: c_real, other: c_sim}
    responses = {value: s_real, other: s_sim}
    return {
        "c0": G.scalar_hex(challenges[0]),
        "c1": G.scalar_hex(challenges[1]),
        "s0": G.scalar_hex(responses[0]),
        "s1": G.scalar_hex(responses[1]),
    }


def zero_one_verify(
    tag: str,
    context: Sequence[bytes],
    public_key: bytes,
    ciphertext: tuple[bytes, bytes],
    proof: Proof,
) -> bool:
    """Check a 0/1 proof over a validated ciphertext and key."""
    alpha, beta = ciphertext
    parts: list[bytes] = []
    total = 0
    for value in (0, 1):
        c = G.scalar_from_hex(proof[f"c{value}"])
        s = G.scalar_from_hex(proof[f"s{value}"])
        a, b = _branch(public_key, alpha, beta, value)
        parts.append(G.add(G.base_mul(s), G.mul(a, c)))
        parts.append(G.add(G.mul(public_key, s), G.mul(b, c)))
        total = G.scalar_add(total, c)
    return hash_to_scalar(tag, *context, G.GENERATOR, public_key, alpha, beta, *parts) == total
