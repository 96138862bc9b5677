"""The Django side's door to the protocol package (`verifier/`, docs/protocol.md).

The cryptography lives in `verifier` (pure functions over PyNaCl, shared with the
standalone verifier); this module only gathers what the services use, so that a
rename there is one edit here.
"""

from __future__ import annotations

from verifier.archive import InvalidArchive, open_archive, write_archive
from verifier.audit import audit_from_json
from verifier.ballot import (
    BallotRejected,
    ballot_bytes,
    make_ballot,
    parse_ballot,
    verify_ballot,
)
from verifier.board import BrokenChain, verify_chain, verify_stored_chain
from verifier.board import event_hash as _event_hash
from verifier.checks import Report, verify_archive
from verifier.codes import (
    InvalidCode,
    format_tracking_number,
    format_voting_code,
    new_voting_code,
    normalise_tracking_number,
    normalise_voting_code,
    tracking_number,
)
from verifier.credentials import credential_list_hash, derive_credential
from verifier.decryption import (
    DecryptionRejected,
    combine,
    partial_decryption,
    verify_partial_decryption,
)
from verifier.elgamal import (
    accumulate,
    ciphertexts_from_json,
    ciphertexts_json,
    empty_tally,
)
from verifier.group import IDENTITY, InvalidPoint, base_mul, point_from_hex, scalar_from_hex
from verifier.hashing import canonical_json, sha256_hex
from verifier.manifest import InvalidManifest, Manifest
from verifier.messages import REASONS
from verifier.trustees import (
    CeremonyFailed,
    WrongPassphrase,
    combine_public_key,
    open_secret,
    seal_secret,
    trustee_round2,
    trustee_round3,
    trustee_start,
)

__all__ = [
    "IDENTITY",
    "REASONS",
    "BallotRejected",
    "BrokenChain",
    "CeremonyFailed",
    "DecryptionRejected",
    "InvalidArchive",
    "InvalidCode",
    "InvalidManifest",
    "InvalidPoint",
    "Manifest",
    "Report",
    "WrongPassphrase",
    "accumulate",
    "audit_from_json",
    "ballot_bytes",
    "base_mul",
    "canonical_json",
    "ciphertexts_from_json",
    "ciphertexts_json",
    "combine",
    "combine_public_key",
    "credential_list_hash",
    "derive_credential",
    "empty_tally",
    "event_hash",
    "format_tracking_number",
    "format_voting_code",
    "make_ballot",
    "new_voting_code",
    "normalise_tracking_number",
    "normalise_voting_code",
    "open_archive",
    "open_secret",
    "parse_ballot",
    "partial_decryption",
    "point_from_hex",
    "scalar_from_hex",
    "seal_secret",
    "sha256_hex",
    "tracking_number",
    "trustee_round2",
    "trustee_round3",
    "trustee_start",
    "verify_archive",
    "verify_ballot",
    "verify_chain",
    "verify_partial_decryption",
    "verify_stored_chain",
    "write_archive",
]


def event_hash(*, height: int, parent: str, kind: str, payload_hash: str) -> str:
    """The hash of a board event's header (its height, parent, type and payload hash)."""
    return _event_hash(
        {"height": height, "parent": parent, "payload_hash": payload_hash, "type": kind}
    )
