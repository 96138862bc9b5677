"""Dealer-less K-of-N trustees: Pedersen / joint-Feldman key generation in three rounds.

Each trustee j (index 1..n) draws a secret polynomial f_j of degree k−1 and an X25519
key pair for receiving shares; the server only relays messages (canonical JSON).

1. ``round1``: {"type": "round1", "index", "encryption_key", "commitment_hash"}:
   the X25519 public key and SHA-256 hex of the canonical JSON of the list of
   Feldman commitments C_j,t = g^a_j,t (t = 0..k−1), committing to them first.
2. ``round2``: {"type": "round2", "index", "commitments", "proof", "round1_hash",
   "shares"}: having checked that its own round-1 message is in the set unchanged,
   the commitments, the round-1 set's hash, a Schnorr proof of knowledge of a_j,0
   (tag "trustee-key", context (campaign, index, round-1 hash)), and for each other
   trustee m its share f_j(m) (32 bytes LE) encrypted with ``nacl.public.Box`` from j
   to m, hex, under the key str(m). A relay that shows trustees different round-1
   sets (to swap in its own encryption key) is caught in round 3.
3. ``round3``: each trustee m checks every share against g^s = Π_t C_j,t^(m^t), then
   publishes {"type": "round3", "index", "verification_key": X_m = g^x_m, "proof"}
   with x_m = Σ_j f_j(m) and a Schnorr proof (tag "verification-key") — or
   {"type": "complaint", "index", "accused": [j…]}, which aborts the ceremony (it is
   started again without the accused).

Public result: y = Π_j C_j,0 and X_m = Π_j Π_t C_j,t^(m^t). No function ever adds
up the polynomials' constant terms: the whole private key exists nowhere.
Each trustee's secrets are sealed under a passphrase (``seal_secret``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import nacl.exceptions
import nacl.public

from verifier import group as G
from verifier.hashing import canonical_json, int_part, sha256_hex, text_part
from verifier.proofs import schnorr_prove, schnorr_verify
from verifier.sealed import WrongPassphrase, open_secret, seal_secret  # noqa: F401 - key files

Message = dict[str, Any]


class CeremonyFailed(ValueError):
    """The key generation cannot complete; ``accused`` names the faulty trustees."""

    def __init__(self, reason: str, accused: Sequence[int] = ()) -> None:
        super().__init__(f"{reason} (trustees {sorted(set(accused))})" if accused else reason)
        self.reason = reason
        self.accused = sorted(set(accused))


def _evaluate(coefficients: Sequence[int], at: int) -> int:
    """f(at) = Σ a_t · at^t mod ℓ (Horner, libsodium scalar arithmetic)."""
    value = 0
    for coefficient in reversed(coefficients):
        value = G.scalar_add(G.scalar_mul(value, at), coefficient)
    return value


def expected_share_key(commitments: Sequence[bytes], at: int) -> bytes:
    """Π_t C_t^(at^t): the public image g^f(at) of a committed polynomial."""
    return G.product([G.mul(c, pow(at, t, G.ELL)) for t, c in enumerate(commitments)])


def _context(campaign: str, index: int, transcript: str | None = None) -> list[bytes]:
    """(campaign, index) and, for round 2, the round-1 hash as 32 raw bytes."""
    parts = [text_part(campaign), int_part(index)]
    return parts if transcript is None else [*parts, bytes.fromhex(transcript)]


def round1_hash(round1: Sequence[Message]) -> str:
    """SHA-256 hex of the canonical JSON of the round-1 messages sorted by index."""
    return sha256_hex(canonical_json(sorted(round1, key=lambda m: m["index"])))


def _own_round1(secrets: Message) -> Message:
    """The round-1 message this trustee sent, recomputed from its secrets."""
    box_key = nacl.public.PrivateKey(bytes.fromhex(secrets["encryption_key"]))
    commitments = [G.base_mul(G.scalar_from_hex(a)).hex() for a in secrets["coefficients"]]
    return {
        "commitment_hash": sha256_hex(canonical_json(commitments)),
        "encryption_key": bytes(box_key.public_key).hex(),
        "index": secrets["index"],
        "type": "round1",
    }


def _check_own(secrets: Message, peers: dict[int, Message]) -> None:
    """A trustee refuses a round-1 set in which its own message was changed."""
    if peers[secrets["index"]] != _own_round1(secrets):
        raise CeremonyFailed("my round-1 message was altered by whoever relayed it")


def trustee_start(*, index: int, n: int, k: int) -> tuple[Message, Message]:
    """A trustee's fresh secrets and its round-1 message: (secrets, round1)."""
    if not 1 <= k <= n or not 1 <= index <= n:
        raise ValueError("need 1 ≤ k ≤ n and 1 ≤ index ≤ n")
    box_key = nacl.public.PrivateKey.generate()
    coefficients = [G.random_scalar() for _ in range(k)]
    commitments = [G.base_mul(a).hex() for a in coefficients]
    secrets = {
        "coefficients": [G.scalar_hex(a) for a in coefficients],
        "encryption_key": bytes(box_key).hex(),
        "index": index,
        "k": k,
        "n": n,
        "share": None,
    }
    round1 = {
        "commitment_hash": sha256_hex(canonical_json(commitments)),
        "encryption_key": bytes(box_key.public_key).hex(),
        "index": index,
        "type": "round1",
    }
    return secrets, round1


def _by_index(messages: Sequence[Message], n: int, kind: str) -> dict[int, Message]:
    """Messages keyed by index; exactly one of each index 1..n and of the right type."""
    result = {m.get("index"): m for m in messages if isinstance(m, dict)}
    if sorted(result) != list(range(1, n + 1)) or len(messages) != n:
        raise CeremonyFailed(f"expected one {kind} message from each of the {n} trustees")
    if any(m.get("type") != kind for m in result.values()):
        raise CeremonyFailed(f"a message is not of type {kind}")
    return result


def trustee_round2(secrets: Message, *, round1: Sequence[Message], campaign: str) -> Message:
    """Commitments, proof of knowledge of the constant term, shares encrypted to each peer.

    The proof's context binds the round-1 set this trustee saw (``round1_hash``), so
    trustees shown different sets by the relay find out in round 3.
    """
    index, n = secrets["index"], secrets["n"]
    peers = _by_index(round1, n, "round1")
    _check_own(secrets, peers)
    transcript = round1_hash(round1)
    coefficients = [G.scalar_from_hex(a) for a in secrets["coefficients"]]
    box_key = nacl.public.PrivateKey(bytes.fromhex(secrets["encryption_key"]))
    shares = {}
    for m, message in peers.items():
        if m == index:
            continue
        peer_key = nacl.public.PublicKey(bytes.fromhex(message["encryption_key"]))
        share = G.scalar_bytes(_evaluate(coefficients, m))
        shares[str(m)] = bytes(nacl.public.Box(box_key, peer_key).encrypt(share)).hex()
    context = _context(campaign, index, transcript)
    return {
        "commitments": [G.base_mul(a).hex() for a in coefficients],
        "index": index,
        "proof": schnorr_prove("trustee-key", context, coefficients[0]),
        "round1_hash": transcript,
        "shares": shares,
        "type": "round2",
    }


def check_round2(
    message: Message, *, round1: Message, k: int, campaign: str, transcript: str
) -> list[bytes]:
    """A round-2 message's public checks against the round-1 set ``transcript``."""
    try:
        texts = message["commitments"]
        if not isinstance(texts, list) or len(texts) != k:
            raise CeremonyFailed("wrong number of commitments", [message["index"]])
        if sha256_hex(canonical_json(texts)) != round1["commitment_hash"]:
            raise CeremonyFailed("commitments differ from round 1", [message["index"]])
        if message["round1_hash"] != transcript:
            raise CeremonyFailed("another round-1 set was seen", [message["index"]])
        commitments = [G.point_from_hex(c) for c in texts]
        context = _context(campaign, message["index"], transcript)
        if not schnorr_verify("trustee-key", context, commitments[0], message["proof"]):
            raise CeremonyFailed("bad proof of knowledge", [message["index"]])
    except (KeyError, TypeError, ValueError, G.InvalidPoint, G.InvalidScalar) as error:
        if isinstance(error, CeremonyFailed):
            raise
        raise CeremonyFailed(f"malformed round 2: {error}", [message.get("index", 0)]) from error
    return commitments


def trustee_round3(
    secrets: Message, *, round1: Sequence[Message], round2: Sequence[Message], campaign: str
) -> tuple[Message, Message]:
    """Check the shares received; returns (round3 or complaint message, updated secrets)."""
    index, n, k = secrets["index"], secrets["n"], secrets["k"]
    firsts = _by_index(round1, n, "round1")
    _check_own(secrets, firsts)
    transcript = round1_hash(round1)
    seconds = _by_index(round2, n, "round2")
    box_key = nacl.public.PrivateKey(bytes.fromhex(secrets["encryption_key"]))
    own = [G.scalar_from_hex(a) for a in secrets["coefficients"]]
    accused: list[int] = []
    share = _evaluate(own, index)
    for j, message in seconds.items():
        if j == index:
            continue
        try:
            commitments = check_round2(
                message, round1=firsts[j], k=k, campaign=campaign, transcript=transcript
            )
            peer_key = nacl.public.PublicKey(bytes.fromhex(firsts[j]["encryption_key"]))
            sealed = bytes.fromhex(message["shares"][str(index)])
            plain = nacl.public.Box(box_key, peer_key).decrypt(sealed)
            received = G.scalar_from_hex(plain.hex())
            if G.base_mul(received) != expected_share_key(commitments, index):
                raise CeremonyFailed("share does not match the commitments", [j])
        except (CeremonyFailed, KeyError, TypeError, ValueError, nacl.exceptions.CryptoError):
            accused.append(j)
            continue
        share = G.scalar_add(share, received)
    if accused:
        return {"accused": sorted(accused), "index": index, "type": "complaint"}, secrets
    proof = schnorr_prove("verification-key", _context(campaign, index), share)
    message = {
        "index": index,
        "proof": proof,
        "type": "round3",
        "verification_key": G.base_mul(share).hex(),
    }
    return message, {**secrets, "coefficients": [], "share": G.scalar_hex(share)}


def combine_public_key(
    *, n: int, k: int, round1: Sequence[Message], round2: Sequence[Message],
    round3: Sequence[Message], campaign: str,
) -> Message:  # fmt: skip
    """Check the whole public transcript; returns the board's ``trustees`` payload.

    {"k", "n", "public_key", "round1": [round-1 messages by index], "trustees":
    [{"commitments", "index", "key_proof", "proof", "verification_key"}, …]}.
    """
    complaints = [m for m in round3 if isinstance(m, dict) and m.get("type") == "complaint"]
    if complaints:
        raise CeremonyFailed("complaints", [j for c in complaints for j in c.get("accused", [])])
    firsts = _by_index(round1, n, "round1")
    seconds = _by_index(round2, n, "round2")
    thirds = _by_index(round3, n, "round3")
    transcript = round1_hash(round1)
    rows = [
        check_round2(seconds[j], round1=firsts[j], k=k, campaign=campaign, transcript=transcript)
        for j in range(1, n + 1)
    ]
    payload = {
        "k": k,
        "n": n,
        "public_key": G.product([row[0] for row in rows]).hex(),
        "round1": [firsts[j] for j in range(1, n + 1)],
        "trustees": [
            {
                "commitments": seconds[j]["commitments"],
                "index": j,
                "key_proof": thirds[j]["proof"],
                "proof": seconds[j]["proof"],
                "verification_key": thirds[j]["verification_key"],
            }
            for j in range(1, n + 1)
        ],
    }
    verify_trustees(payload, campaign=campaign)
    return payload


def verify_trustees(payload: Message, *, campaign: str) -> bytes:
    """Check a ``trustees`` payload; returns y. Raises ``CeremonyFailed``.

    Round 1 lists n messages by index; each trustee's k commitments hash to its round-1
    commitment_hash and its proof (bound to the round-1 hash) holds; y = Π_j C_j,0;
    each X_m = Π_j Π_t C_j,t^(m^t) with a valid proof of knowledge.
    """
    try:
        n, k = payload["n"], payload["k"]
        entries, firsts = payload["trustees"], payload["round1"]
        indices = list(range(1, n + 1))
        if [e["index"] for e in entries] != indices or not 1 <= k <= n:
            raise CeremonyFailed("trustee indices are not 1..n or k is out of range")
        if [m["index"] for m in firsts] != indices or any(m["type"] != "round1" for m in firsts):
            raise CeremonyFailed("round 1 does not list one message per trustee")
        transcript = round1_hash(firsts)
        rows = []
        for entry, first in zip(entries, firsts, strict=True):
            message = {**entry, "round1_hash": transcript}
            rows.append(
                check_round2(message, round1=first, k=k, campaign=campaign, transcript=transcript)
            )
        public_key = G.product([row[0] for row in rows])
        if payload["public_key"] != public_key.hex():
            raise CeremonyFailed("the public key is not the product of the commitments")
        for entry in entries:
            m = entry["index"]
            key = G.point_from_hex(entry["verification_key"])
            if key != G.product([expected_share_key(row, m) for row in rows]):
                raise CeremonyFailed("verification key does not match the commitments", [m])
            if not schnorr_verify(
                "verification-key", _context(campaign, m), key, entry["key_proof"]
            ):
                raise CeremonyFailed("bad proof for the verification key", [m])
    except (KeyError, TypeError, G.InvalidPoint, G.InvalidScalar) as error:
        raise CeremonyFailed(f"malformed trustees payload: {error}") from error
    return public_key
