"""Every check of the offline verifier, from the archive alone.

Read in board order (the main process): the archive header; the chain (heights,
parents, payload hashes); ``setup`` first, with one valid manifest per scrutin of
this campaign; one ``trustees`` event whose transcript verifies (y = Π C_j,0, each
X_j matches the commitments, proofs of knowledge) and matches every manifest; one
``credentials`` event per scrutin, sorted, unique, valid points, hashing to the
manifest's credentials_hash, no more than the roll; replacements of unused
credentials; for each ballot: its scrutin declared, credentials listed before it,
signed by a listed credential (the signature itself is checked by a worker), one
ballot per credential, no α seen before in the scrutin, cast before ``voting_closed``.
In parallel (``checks_ballots``): each ballot's canonical bytes, tracking number,
fingerprint, scrutin, slot count, points, scalars, proofs and signature.
At the end, per scrutin: ballots = émargements ≤ roll size; the ``encrypted_tally``
equals the recomputed product and its ballot count; every ``partial_decryption``
verifies against its X_j, indices distinct, at least k valid; their combination
gives counts in range that sum to the ballots; the ``result`` publishes those counts
and seats that follow the rule (``seats.check_seats``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verifier import group as G
from verifier.archive import InvalidArchive, open_archive
from verifier.board import BrokenChain, ChainChecker
from verifier.checks_final import final_checks
from verifier.checks_pool import BallotPool
from verifier.codes import encode_bits
from verifier.credentials import credential_list_hash
from verifier.elgamal import Ciphertext, ciphertexts_from_json
from verifier.manifest import InvalidManifest, Manifest
from verifier.messages import Failure
from verifier.trustees import CeremonyFailed, verify_trustees

_UNREADABLE = ("malformed event", "unknown event type")


@dataclass
class ScrutinState:
    """What the board says about one scrutin, gathered in order."""

    manifest: Manifest
    credentials: set[str] | None = None
    used: set[str] = field(default_factory=set)
    alphas: set[bytes] = field(default_factory=set)
    ballots: int = 0
    tally: list[Ciphertext] | None = None
    tally_ballots: int | None = None
    partials: list[tuple[int, Any]] = field(default_factory=list)
    result: tuple[int, Any] | None = None


@dataclass
class Report:
    """The verifier's verdict: ``ok`` only if no check failed."""

    campaign: str = ""
    head: str = ""
    ballots: int = 0
    failures: list[Failure] = field(default_factory=list)
    counts: dict[str, list[int]] = field(default_factory=dict)
    ballot_cpu_seconds: float = 0.0
    seats: dict[str, list[int]] = field(default_factory=dict)
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    server_encrypted: dict[str, int] = field(default_factory=dict)
    replacements: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


class Verification:
    """Feeds board events in order; ``finish`` runs the end-of-board checks."""

    def __init__(self, header: dict[str, Any], *, workers: int, require_count: bool) -> None:
        self.report = Report(campaign=header["campaign"])
        self.rolls: dict[str, dict[str, int]] = header["rolls"]
        self.workers = workers
        self.require_count = require_count
        self.chain = ChainChecker()
        self.scrutins: dict[str, ScrutinState] = {}
        self.seen: set[str] = set()
        self.closed = False
        self.pool: BallotPool | None = None
        self.trustees: dict[str, Any] | None = None

    def fail(self, reason: str, height: int | None = None, scrutin: str | None = None,
             tracking: str | None = None, detail: str = "") -> None:  # fmt: skip
        self.report.failures.append(Failure(reason, height, scrutin, tracking, detail))

    def feed(self, line: bytes) -> bool:
        """Check one event line; False when the board cannot be read further."""
        height = self.chain.height + 1
        try:
            event = json.loads(line)
            self.chain.feed(event)
        except ValueError as error:  # JSON errors and BrokenChain
            detail = error.reason if isinstance(error, BrokenChain) else "JSON"
            self.fail("chain", height, detail=detail)
            if not isinstance(error, BrokenChain) or error.reason in _UNREADABLE:
                self.chain.height = height
                return True
            self.chain.resync(event)
        kind, payload, height = event["type"], event["payload"], self.chain.height
        if height == 0 or not self.scrutins:
            if kind != "setup" or height != 0:
                self.fail("no_setup", height)
                return False
            return self.setup(payload)
        handler = getattr(self, f"on_{kind}", None)
        if kind == "setup" or handler is None:
            self.fail("duplicate_event", height)
            return True
        try:
            handler(height, payload, event, line)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            self.fail("bad_payload" if kind != "ballot" else "malformed", height, detail=str(error))
        return True

    def setup(self, payload: Any) -> bool:
        try:
            for data in payload["manifests"]:
                manifest = Manifest.from_json(data)
                if (
                    manifest.campaign != self.report.campaign
                    or payload["campaign"] != manifest.campaign
                ):
                    self.fail("manifest_campaign", 0, manifest.scrutin)
                    return False
                if manifest.scrutin in self.scrutins:
                    raise InvalidManifest("scrutin declared twice")
                self.scrutins[manifest.scrutin] = ScrutinState(manifest)
        except (InvalidManifest, KeyError, TypeError) as error:
            self.fail("bad_manifest", 0, detail=str(error))
            return False
        if not self.scrutins:
            self.fail("bad_manifest", 0, detail="no scrutin")
        return bool(self.scrutins)

    def once(self, key: str, height: int) -> bool:
        if key in self.seen:
            self.fail("duplicate_event", height)
            return False
        self.seen.add(key)
        return True

    def state(self, payload: Any, height: int) -> ScrutinState | None:
        scrutin = payload.get("scrutin") if isinstance(payload, dict) else None
        state = self.scrutins.get(scrutin) if isinstance(scrutin, str) else None
        if state is None:
            self.fail("unknown_scrutin", height, scrutin if isinstance(scrutin, str) else None)
        return state

    def on_trustees(self, height: int, payload: Any, *_: Any) -> None:
        if not self.once("trustees", height):
            return
        if self.report.ballots:
            self.fail("event_order", height)
        try:
            verify_trustees(payload, campaign=self.report.campaign)
        except CeremonyFailed as error:
            self.fail("bad_trustees", height, detail=str(error))
            return
        self.trustees = payload
        for code, state in self.scrutins.items():
            m = state.manifest
            rows = tuple(tuple(t["commitments"]) for t in payload["trustees"])
            keys = tuple(t["verification_key"] for t in payload["trustees"])
            if (m.public_key, m.n, m.k, m.commitments, m.verification_keys) != (
                payload["public_key"], payload["n"], payload["k"], rows, keys,
            ):  # fmt: skip
                self.fail("trustees_mismatch", height, code)

    def on_credentials(self, height: int, payload: Any, *_: Any) -> None:
        state = self.state(payload, height)
        if state is None or not self.once(f"credentials:{payload['scrutin']}", height):
            return
        listed = payload["credentials"]
        try:
            if listed != sorted(set(listed)):
                raise G.InvalidPoint("not sorted or not unique")
            for credential in listed:
                G.point_from_hex(credential)
        except (G.InvalidPoint, TypeError) as error:
            self.fail("bad_credentials", height, payload["scrutin"], detail=str(error))
            return
        if credential_list_hash(listed) != state.manifest.credentials_hash:
            self.fail("credentials_hash", height, payload["scrutin"])
        state.credentials = set(listed)

    def on_credential_replaced(self, height: int, payload: Any, *_: Any) -> None:
        state = self.state(payload, height)
        if state is None:
            return
        old, new = payload["old"], payload["new"]
        creds = state.credentials
        try:
            G.point_from_hex(new)
        except G.InvalidPoint:
            creds = None
        if self.closed or creds is None or old not in creds or old in state.used or new in creds:
            self.fail("bad_replacement", height, payload["scrutin"])
            return
        creds.discard(old)
        creds.add(new)
        code = payload["scrutin"]
        self.report.replacements[code] = self.report.replacements.get(code, 0) + 1

    def on_ballot(self, height: int, payload: Any, event: Any, line: bytes) -> None:
        tracking = encode_bits(bytes.fromhex(event["payload_hash"]))
        state = self.state(payload, height)
        if state is None:
            return
        scrutin = state.manifest.scrutin
        if self.closed:
            self.fail("after_close", height, scrutin, tracking)
            return
        credential = payload.get("credential")
        if state.credentials is None:
            self.fail("missing_credentials", height, scrutin, tracking)
        elif credential not in state.credentials:
            self.fail("unknown_credential", height, scrutin, tracking)
        elif credential in state.used:
            self.fail("duplicate_credential", height, scrutin, tracking)
        else:
            state.used.add(credential)
        for slot in payload.get("slots") or []:
            alpha = slot.get("alpha") if isinstance(slot, dict) else None
            if isinstance(alpha, str) and len(alpha) == 64:
                key = bytes.fromhex(alpha[:32])  # a 128-bit prefix: a clash is a false alarm
                if key in state.alphas:
                    self.fail("duplicate_alpha", height, scrutin, tracking)
                state.alphas.add(key)
        state.ballots += 1
        self.report.ballots += 1
        if payload.get("enc") == "server":
            served = self.report.server_encrypted
            served[scrutin] = served.get(scrutin, 0) + 1
        if self.pool is None:
            manifests = {code: s.manifest for code, s in self.scrutins.items()}
            self.pool = BallotPool(manifests, workers=self.workers)
        self.pool.add(height, line)

    def on_voting_extended(self, height: int, *_: Any) -> None:
        if self.closed:
            self.fail("event_order", height)

    def on_voting_closed(self, height: int, *_: Any) -> None:
        if self.once("voting_closed", height):
            self.closed = True

    def on_encrypted_tally(self, height: int, payload: Any, *_: Any) -> None:
        state = self.state(payload, height)
        if state is None or not self.once(f"tally:{payload['scrutin']}", height):
            return
        if not self.closed:
            self.fail("event_order", height, payload["scrutin"])
        try:
            state.tally = ciphertexts_from_json(payload["tally"])
        except G.InvalidPoint as error:
            self.fail("tally_mismatch", height, payload["scrutin"], detail=str(error))
        state.tally_ballots = payload["ballots"]

    def on_partial_decryption(self, height: int, payload: Any, *_: Any) -> None:
        state = self.state(payload, height)
        if state is not None:
            if state.tally is None:
                self.fail("event_order", height, payload["scrutin"])
            state.partials.append((height, {k: v for k, v in payload.items() if k != "scrutin"}))

    def on_result(self, height: int, payload: Any, *_: Any) -> None:
        state = self.state(payload, height)
        if state is not None and self.once(f"result:{payload['scrutin']}", height):
            state.result = (height, payload)

    def finish(self) -> Report:
        """Collect the workers' findings and run the end-of-board checks."""
        products = self.pool.close(self.report.failures) if self.pool else {}
        self.report.ballot_cpu_seconds = self.pool.cpu_seconds if self.pool else 0.0
        if not self.scrutins:
            return self.report
        if "trustees" not in self.seen:
            self.fail("missing_trustees")
        if self.require_count and not self.closed:
            self.fail("missing_close")
        for code, state in self.scrutins.items():
            final_checks(self, code, state, products.get(code))
        self.report.head = self.chain.head
        return self.report


def verify_archive(
    path: Path | str,
    *,
    workers: int | None = None,
    require_count: bool = True,
    expected_head: str | None = None,
    seen_heads: Sequence[str] = (),
) -> Report:
    """Run every check on an archive file; the report lists each failure.

    ``expected_head``: the final head published elsewhere (the PV, the public page after
    the count); another head fails ``head_mismatch``. ``seen_heads``: heads recorded
    earlier (a receipt, a past visit of the public page); each must be the hash of an
    event of this board, else the board was rewritten before it (``head_missing``).
    With ``workers`` > 1 the workers start from a fork server: a script calling this
    needs the usual ``if __name__ == "__main__":`` guard (commands and tests have it).
    """
    try:
        header, lines = open_archive(path)
    except (OSError, InvalidArchive) as error:
        return Report(failures=[Failure("unreadable", detail=str(error))])
    verification = Verification(
        header, workers=workers or os.cpu_count() or 1, require_count=require_count
    )
    pending = {head.strip().lower() for head in seen_heads}
    for line in lines:
        if not verification.feed(line):
            break
        pending.discard(verification.chain.head)
    report = verification.finish()
    for head in sorted(pending):
        report.failures.append(Failure("head_missing", detail=head))
    if expected_head is not None and report.head != expected_head.strip().lower():
        report.failures.append(Failure("head_mismatch", detail=report.head))
    return report
