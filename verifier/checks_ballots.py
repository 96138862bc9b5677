"""The ballot checks that run in parallel: each worker checks a batch of board lines.

For each ballot event: its payload's canonical bytes and tracking number, and
``verify_ballot`` against its scrutin's manifest (fingerprint, scrutin, slot count,
points, scalars, 0/1 and sum proofs, signature). The batch returns its failures and,
per scrutin, the slot-wise product of the valid ballots it saw. Sequential checks
(listed credential, one ballot per credential, α unique in the box) are the main
process's, in board order.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from verifier.ballot import BallotRejected, verify_ballot
from verifier.codes import tracking_number
from verifier.elgamal import Ciphertext, accumulate, empty_tally
from verifier.hashing import canonical_json
from verifier.manifest import Manifest
from verifier.messages import Failure

_MANIFESTS: dict[str, Manifest] = {}


def init_worker(manifests: dict[str, Manifest]) -> None:
    """Pool initializer: the scrutins' manifests, parsed once per worker."""
    _MANIFESTS.clear()
    _MANIFESTS.update(manifests)


@dataclass
class BatchResult:
    """What a batch of ballots yields."""

    failures: list[Failure] = field(default_factory=list)
    products: dict[str, list[Ciphertext]] = field(default_factory=dict)
    valid: int = 0
    cpu_seconds: float = 0.0


def check_batch(batch: list[tuple[int, bytes]]) -> BatchResult:
    """Check the ballots of ``batch`` ((height, raw line) pairs)."""
    result = BatchResult()
    started = time.process_time()
    for height, line in batch:
        payload = json.loads(line)["payload"]
        scrutin = payload.get("scrutin") if isinstance(payload, dict) else None
        try:
            data = canonical_json(payload)
        except ValueError:
            result.failures.append(Failure("non_canonical", height, scrutin))
            continue
        tracking = tracking_number(data)
        manifest = _MANIFESTS.get(scrutin) if isinstance(scrutin, str) else None
        if manifest is None:
            result.failures.append(Failure("unknown_scrutin", height, None, tracking))
            continue
        try:
            verified = verify_ballot(payload, manifest=manifest)
        except BallotRejected as error:
            result.failures.append(Failure(error.reason, height, scrutin, tracking, error.detail))
            continue
        except (KeyError, TypeError, ValueError, AttributeError) as error:  # never a traceback
            result.failures.append(Failure("malformed", height, scrutin, tracking, str(error)))
            continue
        tally = result.products.get(scrutin) or empty_tally(len(manifest.slots))
        result.products[scrutin] = accumulate(tally, verified.ciphertexts)
        result.valid += 1
    result.cpu_seconds = time.process_time() - started
    return result
