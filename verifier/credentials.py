"""Voting credentials: a signing key per scrutin derived from the elector's voting code.

secret = H("credential", campaign, scrutin, code) with the code in its normalised
17-character form; the public credential is g^secret (a point, lowercase hex).
A ballot is signed with a Schnorr signature by that key:
c = H("signature", context, message, g, credential, g^w), s = w − c·secret,
signature = {"challenge": c, "response": s}. The server only ever sees public
credentials; the list of a scrutin's public credentials is hashed as
SHA-256(canonical JSON of the sorted list of lowercase-hex points).
"""

from __future__ import annotations

from collections.abc import Iterable

from verifier import group as G
from verifier.codes import normalise_voting_code
from verifier.hashing import canonical_json, hash_to_scalar, sha256_hex, text_part
from verifier.proofs import Nonces, Proof, schnorr_prove, schnorr_verify


def derive_credential(*, code: str, campaign: str, scrutin: str) -> tuple[int, bytes]:
    """(secret scalar, public point) of an elector's credential for one scrutin.

    Raises ``InvalidCode`` when the typed code's check character does not match.
    """
    normalised = normalise_voting_code(code)
    secret = hash_to_scalar(
        "credential", text_part(campaign), text_part(scrutin), text_part(normalised)
    )
    if secret == 0:  # probability 2^-252; refused rather than special-cased
        raise ValueError("degenerate credential")
    return secret, G.base_mul(secret)


def credential_list_hash(credentials: Iterable[str]) -> str:
    """SHA-256 hex of the canonical JSON of the sorted public credentials (hex)."""
    return sha256_hex(canonical_json(sorted(credentials)))


def sign(secret: int, message: bytes, *, context: bytes, nonces: Nonces = G.random_scalar) -> Proof:
    """Schnorr signature of ``message`` by the credential ``secret`` (strong Fiat–Shamir)."""
    return schnorr_prove("signature", [context, message], secret, nonces=nonces)


def verify_signature(public: bytes, message: bytes, signature: Proof, *, context: bytes) -> bool:
    """True when ``signature`` is the credential's signature of ``message``.

    ``public`` must already be a validated point; malformed scalars raise ``InvalidScalar``.
    """
    return schnorr_verify("signature", [context, message], public, signature)
