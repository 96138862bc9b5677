"""Ballots: exponential ElGamal per slot, 0/1 proofs, the sum proof, the signature.

A scrutin's ballot has one slot per choice: slot 0 is the blank vote, then the lists
in official order. Slot i holds (α, β) = (g^r, y^r·g^m) with m = 1 for the chosen
slot and 0 elsewhere, and a 0/1 proof; the sum proof (Chaum–Pedersen) shows that
(Π α, Π β / g) share the log Σ r, i.e. exactly one slot is 1. The ballot is
canonical JSON:

    {"credential", "enc": "client"|"server", "fingerprint", "scrutin",
     "signature": {"challenge", "response"},
     "slots": [{"alpha", "beta", "proof": {"c0", "c1", "s0", "s1"}}, …],
     "sum_proof": {"challenge", "response"}, "version": 1}

Context of every ballot challenge: fingerprint (32 raw bytes), scrutin (UTF-8),
credential (point). Slot proofs ("slot") add the slot index (4 bytes big-endian);
the sum proof ("sum") adds every α and β in slot order. The signature covers the
canonical bytes of the ballot without its "signature" key, with the fingerprint as
context. Tracking number: ``codes.tracking_number(ballot_bytes(ballot))``.
"""

from __future__ import annotations

import json
from collections.abc import Container, Sequence
from dataclasses import dataclass
from typing import Any

from verifier import group as G
from verifier.codes import tracking_number
from verifier.credentials import sign, verify_signature
from verifier.elgamal import Ciphertext, encrypt
from verifier.hashing import canonical_json, int_part, text_part
from verifier.manifest import Manifest
from verifier.proofs import Nonces, dleq_prove, dleq_verify, zero_one_prove, zero_one_verify

VERSION = 1
ENC_MODES = ("client", "server")
_KEYS = {
    "credential",
    "enc",
    "fingerprint",
    "scrutin",
    "signature",
    "slots",
    "sum_proof",
    "version",
}
_CHALLENGE_KEYS = {"challenge", "response"}
_SLOT_PROOF_KEYS = {"c0", "c1", "s0", "s1"}


class BallotRejected(ValueError):
    """A ballot that must not enter the box; ``reason`` is a machine code.

    Reasons: malformed, non_canonical, wrong_version, wrong_scrutin,
    wrong_fingerprint, wrong_slot_count, unknown_credential, bad_point, bad_scalar,
    duplicate_alpha, bad_proof, bad_signature, audit_mismatch.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class VerifiedBallot:
    """What a valid ballot yields: its bytes, tracker, credential and ciphertexts."""

    data: bytes
    tracking_number: str
    credential: str
    ciphertexts: tuple[Ciphertext, ...]


def ballot_bytes(ballot: dict[str, Any]) -> bytes:
    """A ballot's canonical bytes (what is cast, stored, hashed and signed over)."""
    return canonical_json(ballot)


def signed_part(ballot: dict[str, Any]) -> bytes:
    """The bytes the signature covers: the ballot without its "signature" key."""
    return canonical_json({key: value for key, value in ballot.items() if key != "signature"})


def _context(fingerprint: str, scrutin: str, credential: bytes) -> list[bytes]:
    return [bytes.fromhex(fingerprint), text_part(scrutin), credential]


def _sum_statement(public_key: bytes, points: list[bytes]) -> tuple[bytes, bytes, bytes, bytes]:
    """(g, Π α, y, Π β / g) from α0, β0, α1, β1, …: equal logs when the slots sum to 1."""
    sum_alpha = G.product(points[0::2])
    sum_beta = G.sub(G.product(points[1::2]), G.GENERATOR)
    return G.GENERATOR, sum_alpha, public_key, sum_beta


def make_ballot(
    *,
    manifest_fingerprint: str,
    scrutin: str,
    public_key: bytes,
    slot_count: int,
    choice_index: int,
    credential_secret: int,
    enc: str,
    randomness: Sequence[int] | None = None,
    nonces: Nonces = G.random_scalar,
) -> dict[str, Any]:
    """Encrypt ``choice_index`` (0 = blank), prove and sign; returns the ballot dict.

    Scalars are drawn from ``nonces`` in this order: for each slot, r (unless
    ``randomness`` gives it) then w, c_sim, s_sim of its 0/1 proof; then w of the
    sum proof; then w of the signature.
    """
    if enc not in ENC_MODES or not 0 <= choice_index < slot_count or slot_count < 2:
        raise ValueError("bad ballot parameters")
    credential = G.base_mul(credential_secret)
    context = _context(manifest_fingerprint, scrutin, credential)
    slots, points, total_r = [], [], 0
    for index in range(slot_count):
        r = randomness[index] if randomness is not None else nonces()
        value = int(index == choice_index)
        ciphertext = encrypt(public_key, value, r)
        proof = zero_one_prove(
            "slot", [*context, int_part(index)], public_key, ciphertext,
            value=value, randomness=r, nonces=nonces,
        )  # fmt: skip
        slots.append({"alpha": ciphertext[0].hex(), "beta": ciphertext[1].hex(), "proof": proof})
        points.extend(ciphertext)
        total_r = G.scalar_add(total_r, r)
    statement = _sum_statement(public_key, points)
    sum_proof = dleq_prove("sum", [*context, *points], statement, total_r, nonces=nonces)
    ballot: dict[str, Any] = {
        "credential": credential.hex(),
        "enc": enc,
        "fingerprint": manifest_fingerprint,
        "scrutin": scrutin,
        "slots": slots,
        "sum_proof": sum_proof,
        "version": VERSION,
    }
    ballot["signature"] = sign(
        credential_secret, signed_part(ballot), context=bytes.fromhex(manifest_fingerprint),
        nonces=nonces,
    )  # fmt: skip
    return ballot


def parse_ballot(data: bytes) -> dict[str, Any]:
    """Bytes received → ballot dict; refused unless they are exactly its canonical JSON."""
    try:
        ballot = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BallotRejected("malformed", "not JSON") from error
    if not isinstance(ballot, dict):
        raise BallotRejected("malformed", "not an object")
    try:
        canonical = canonical_json(ballot)
    except ValueError as error:
        raise BallotRejected("non_canonical", str(error)) from error
    if canonical != data:
        raise BallotRejected("non_canonical")
    return ballot


def _check_shape(ballot: Any) -> None:
    """Exact keys and JSON types; raises ``malformed``."""
    ok = (
        isinstance(ballot, dict)
        and set(ballot) == _KEYS
        and all(isinstance(ballot[key], str) for key in ("credential", "fingerprint", "scrutin"))
        and isinstance(ballot["slots"], list)
        and all(
            isinstance(slot, dict)
            and set(slot) == {"alpha", "beta", "proof"}
            and isinstance(slot["proof"], dict)
            and set(slot["proof"]) == _SLOT_PROOF_KEYS
            for slot in ballot["slots"]
        )
        and all(
            isinstance(ballot[key], dict) and set(ballot[key]) == _CHALLENGE_KEYS
            for key in ("sum_proof", "signature")
        )
    )
    if not ok:
        raise BallotRejected("malformed", "unexpected structure")


def verify_ballot(
    ballot: Any, *, manifest: Manifest, allowed_credentials: Container[str] | None = None
) -> VerifiedBallot:
    """Check everything a ballot proves on its own; raise ``BallotRejected`` on the first fault.

    ``allowed_credentials`` (the scrutin's listed public credentials) is checked when
    given; one ballot per credential and unique α across the box are the caller's.
    """
    _check_shape(ballot)
    if ballot["version"] != VERSION or ballot["enc"] not in ENC_MODES:
        raise BallotRejected("wrong_version")
    if ballot["scrutin"] != manifest.scrutin:
        raise BallotRejected("wrong_scrutin")
    if ballot["fingerprint"] != manifest.fingerprint:
        raise BallotRejected("wrong_fingerprint")
    if len(ballot["slots"]) != len(manifest.slots):
        raise BallotRejected("wrong_slot_count")
    if allowed_credentials is not None and ballot["credential"] not in allowed_credentials:
        raise BallotRejected("unknown_credential")
    try:
        credential = G.point_from_hex(ballot["credential"])
        points = [
            G.point_from_hex(slot[key]) for slot in ballot["slots"] for key in ("alpha", "beta")
        ]
    except G.InvalidPoint as error:
        raise BallotRejected("bad_point", str(error)) from error
    if len(set(points[0::2])) != len(ballot["slots"]):
        raise BallotRejected("duplicate_alpha", "within the ballot")
    public_key = manifest.public_key_point
    context = _context(manifest.fingerprint, manifest.scrutin, credential)
    try:
        for index, slot in enumerate(ballot["slots"]):
            ciphertext = (points[2 * index], points[2 * index + 1])
            slot_context = [*context, int_part(index)]
            if not zero_one_verify("slot", slot_context, public_key, ciphertext, slot["proof"]):
                raise BallotRejected("bad_proof", f"slot {index}")
        statement = _sum_statement(public_key, points)
        if not dleq_verify("sum", [*context, *points], statement, ballot["sum_proof"]):
            raise BallotRejected("bad_proof", "sum")
        fingerprint = bytes.fromhex(manifest.fingerprint)
        if not verify_signature(
            credential, signed_part(ballot), ballot["signature"], context=fingerprint
        ):
            raise BallotRejected("bad_signature")
    except G.InvalidScalar as error:
        raise BallotRejected("bad_scalar", str(error)) from error
    data = ballot_bytes(ballot)
    ciphertexts = tuple((points[i], points[i + 1]) for i in range(0, len(points), 2))
    return VerifiedBallot(data, tracking_number(data), ballot["credential"], ciphertexts)


def audit_ballot(
    ballot: Any, *, randomness: Sequence[int | str], choice_index: int, manifest: Manifest
) -> VerifiedBallot:
    """Benaloh audit: the ballot is valid and slot i is (g^r_i, y^r_i · g^[i = choice]).

    ``randomness`` is the revealed r per slot (ints, or lowercase-hex scalars).
    Raises ``BallotRejected("audit_mismatch")`` when it does not encrypt that choice.
    """
    verified = verify_ballot(ballot, manifest=manifest)
    if len(randomness) != len(verified.ciphertexts):
        raise BallotRejected("audit_mismatch", "one r per slot")
    public_key = manifest.public_key_point
    for index, (r, ciphertext) in enumerate(zip(randomness, verified.ciphertexts, strict=True)):
        try:
            value = G.scalar_from_hex(r) if isinstance(r, str) else r
        except G.InvalidScalar as error:
            raise BallotRejected("bad_scalar", str(error)) from error
        if encrypt(public_key, int(index == choice_index), value) != ciphertext:
            raise BallotRejected("audit_mismatch", f"slot {index}")
    return verified
