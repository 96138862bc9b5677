"""Synthetic elections built with the pure functions: for tests, benchmarks and demos.

``build_election`` runs the whole protocol in one process (which a real election never
does: here one process plays every trustee and every elector) and returns the board.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from verifier import group as G
from verifier.ballot import make_ballot
from verifier.board import Event, new_event, payload_hash
from verifier.codes import new_voting_code
from verifier.credentials import credential_list_hash, derive_credential
from verifier.decryption import combine, partial_decryption
from verifier.elgamal import ciphertexts_json, multiply
from verifier.manifest import Manifest
from verifier.seats import allocate
from verifier.trustees import (
    combine_public_key,
    trustee_round2,
    trustee_round3,
    trustee_start,
)


def single_key_manifest(
    *,
    slots: tuple[str, ...] = ("Vote blanc", "FSU", "UNSA", "SNALC"),
    credentials: tuple[str, ...] = (),
    x: int | None = None,
) -> tuple[Manifest, int]:
    """A manifest with one trustee holding x (n = k = 1); returns (manifest, x)."""
    x = x or G.random_scalar()
    y = G.base_mul(x).hex()
    manifest = Manifest(
        campaign="elections2026",
        scrutin="CAPA-CERT",
        title="CAPA des certifiés",
        slots=tuple(slots),
        seats=3,
        public_key=y,
        n=1,
        k=1,
        verification_keys=(y,),
        commitments=((y,),),
        credentials_hash=credential_list_hash(credentials),
        booth={},
    )
    return manifest, x


def elector(manifest: Manifest) -> tuple[str, int, str]:
    """A fresh voting code and its credential (secret, public hex) for the manifest's scrutin."""
    code = new_voting_code()
    secret, public = derive_credential(
        code=code, campaign=manifest.campaign, scrutin=manifest.scrutin
    )
    return code, secret, public.hex()


def run_ceremony(*, n: int, k: int, campaign: str) -> tuple[dict[str, Any], dict[int, int]]:
    """All three rounds for n trustees; (the board's trustees payload, each one's x_j)."""
    started = [trustee_start(index=j, n=n, k=k) for j in range(1, n + 1)]
    round1 = [message for _secrets, message in started]
    round2 = [trustee_round2(s, round1=round1, campaign=campaign) for s, _m in started]
    thirds = [
        trustee_round3(s, round1=round1, round2=round2, campaign=campaign) for s, _m in started
    ]
    payload = combine_public_key(
        n=n, k=k, round1=round1, round2=round2, round3=[m for m, _s in thirds], campaign=campaign
    )
    shares = {s["index"]: G.scalar_from_hex(s["share"]) for _m, s in thirds}
    return payload, shares


@dataclass
class ScrutinPlan:
    """A scrutin to simulate: its lists (slot 0 blank is added), seats, choices, abstainers."""

    code: str
    lists: tuple[str, ...]
    seats: int
    choices: list[int]
    abstainers: int = 1


@dataclass
class Election:
    """The board of a synthetic election, with what only the test knows."""

    campaign: str
    events: list[Event]
    rolls: dict[str, dict[str, int]]
    shares: dict[int, int]
    manifests: dict[str, Manifest]
    secrets: dict[str, list[int]] = field(default_factory=dict)
    randomness: dict[int, list[int]] = field(default_factory=dict)
    counts: dict[str, list[int]] = field(default_factory=dict)


def _append(events: list[Event], kind: str, payload: Any) -> Event:
    events.append(new_event(events[-1] if events else None, kind, payload))
    return events[-1]


def build_election(
    plans: list[ScrutinPlan],
    *,
    campaign: str = "elections2026",
    n: int = 3,
    k: int = 2,
    present: tuple[int, ...] | None = None,
) -> Election:
    """Ceremony, credentials, ballots, close, tallies, partial decryptions, results.

    ``present``: the trustees who decrypt (all by default).
    """
    present = present or tuple(range(1, n + 1))
    trustees, shares = run_ceremony(n=n, k=k, campaign=campaign)
    y = G.point_from_hex(trustees["public_key"])
    rows = tuple(tuple(t["commitments"]) for t in trustees["trustees"])
    keys = tuple(t["verification_key"] for t in trustees["trustees"])
    election = Election(campaign, [], {}, shares, {})
    credentials: dict[str, list[str]] = {}
    for plan in plans:
        voters = len(plan.choices) + plan.abstainers
        pairs = [
            derive_credential(code=new_voting_code(), campaign=campaign, scrutin=plan.code)
            for _ in range(voters)
        ]
        election.secrets[plan.code] = [secret for secret, _public in pairs]
        credentials[plan.code] = sorted(public.hex() for _secret, public in pairs)
        election.manifests[plan.code] = Manifest(
            campaign=campaign, scrutin=plan.code, title=f"Scrutin {plan.code}",
            slots=("Vote blanc", *plan.lists), seats=plan.seats, public_key=y.hex(), n=n, k=k,
            verification_keys=keys, commitments=rows,
            credentials_hash=credential_list_hash(credentials[plan.code]),
        )  # fmt: skip
        election.rolls[plan.code] = {"electors": voters, "emargements": len(plan.choices)}
    events = election.events
    manifests = [m.to_json() for m in election.manifests.values()]
    _append(events, "setup", {"campaign": campaign, "manifests": manifests})
    _append(events, "trustees", trustees)
    for plan in plans:
        _append(
            events, "credentials", {"credentials": credentials[plan.code], "scrutin": plan.code}
        )
    ciphertexts: dict[str, list[Any]] = {plan.code: [] for plan in plans}
    for plan in plans:
        manifest = election.manifests[plan.code]
        for voter, choice in enumerate(plan.choices):
            randomness = [G.random_scalar() for _ in manifest.slots]
            ballot = make_ballot(
                manifest_fingerprint=manifest.fingerprint, scrutin=plan.code, public_key=y,
                slot_count=len(manifest.slots), choice_index=choice,
                credential_secret=election.secrets[plan.code][voter], enc="client",
                randomness=randomness,
            )  # fmt: skip
            event = _append(events, "ballot", ballot)
            election.randomness[event["height"]] = randomness
            ciphertexts[plan.code].append(
                [(bytes.fromhex(s["alpha"]), bytes.fromhex(s["beta"])) for s in ballot["slots"]]
            )
    _append(events, "voting_closed", {"at": "2026-12-11T17:00:00+01:00"})
    for plan in plans:
        manifest = election.manifests[plan.code]
        tally = multiply(ciphertexts[plan.code], len(manifest.slots))
        _append(events, "encrypted_tally", {
            "ballots": len(plan.choices), "scrutin": plan.code, "tally": ciphertexts_json(tally),
        })  # fmt: skip
        partials = [
            partial_decryption(secret_share=shares[j], index=j, encrypted_tally=tally,
                               fingerprint=manifest.fingerprint)
            for j in present
        ]  # fmt: skip
        for partial in partials:
            _append(events, "partial_decryption", {**partial, "scrutin": plan.code})
        counts = combine(
            partials[:k], k=k, encrypted_tally=tally, fingerprint=manifest.fingerprint,
            verification_keys={j + 1: G.point_from_hex(x) for j, x in enumerate(keys)},
            max_count=len(plan.choices),
        )  # fmt: skip
        won, draws = allocate(counts[1:], plan.seats, lambda _seat, tied: tied[0])
        for draw in draws:
            draw["tied"] = [i + 1 for i in draw["tied"]]
            draw["winner"] += 1
        election.counts[plan.code] = counts
        _append(
            events, "result", {"counts": counts, "draws": draws, "scrutin": plan.code, "seats": won}
        )
    return election


def rechain(events: list[Event]) -> list[Event]:
    """A copy of ``events`` with heights, payload hashes and parents recomputed.

    What an insider who rewrites the board would do; only the published head betrays it.
    """
    result: list[Event] = []
    for event in copy.deepcopy(events):
        event["payload_hash"] = payload_hash(event["payload"])
        chained = new_event(result[-1] if result else None, event["type"], event["payload"])
        result.append(chained)
    return result
