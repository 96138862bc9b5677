"""Fixed-randomness test vectors, printed in docs/protocol.md and checked against it.

Every "random" scalar comes from ``nonce_stream(seed)``: the n-th value (n = 0, 1, …)
is H("test-vector", seed, n as 4 bytes big-endian). An independent implementation
that draws its scalars in the order documented for ``make_ballot`` reproduces the
ballot byte for byte. ``python -m verifier.vectors`` prints them; with ``--full``
it prints the canonical JSON of the manifest and of the ballot, one per line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from verifier import group as G
from verifier.ballot import ballot_bytes, make_ballot
from verifier.codes import check_character, tracking_number
from verifier.credentials import credential_list_hash, derive_credential
from verifier.hashing import canonical_json, hash_to_scalar, int_part, sha256_hex, text_part
from verifier.manifest import Manifest

CAMPAIGN = "elections2026"
SCRUTIN = "CAPA-CERT-075"
DATA = "K7M2Q9XD4HT8W3RB"
CODE = DATA + check_character(DATA)


def nonce_stream(seed: str) -> Callable[[], int]:
    """The deterministic scalar source of the vectors."""
    counter = 0

    def draw() -> int:
        nonlocal counter
        value = hash_to_scalar("test-vector", text_part(seed), int_part(counter))
        counter += 1
        return value

    return draw


def vector_election() -> tuple[Manifest, dict[str, Any]]:
    """The vectors' manifest and ballot."""
    x = nonce_stream("trustee")()
    y = G.base_mul(x).hex()
    secret, public = derive_credential(code=CODE, campaign=CAMPAIGN, scrutin=SCRUTIN)
    manifest = Manifest(
        campaign=CAMPAIGN,
        scrutin=SCRUTIN,
        title="CAPA des professeurs certifiés",
        slots=("Vote blanc", "FSU", "UNSA Éducation", "SNALC"),
        seats=3,
        public_key=y,
        n=1,
        k=1,
        verification_keys=(y,),
        commitments=((y,),),
        credentials_hash=credential_list_hash([public.hex()]),
        booth={"static/booth/booth.js": "0" * 64},
    )
    ballot = make_ballot(
        manifest_fingerprint=manifest.fingerprint,
        scrutin=SCRUTIN,
        public_key=G.point_from_hex(y),
        slot_count=4,
        choice_index=2,
        credential_secret=secret,
        enc="client",
        nonces=nonce_stream("ballot"),
    )
    return manifest, ballot


def vectors() -> dict[str, Any]:
    """The documented values, recomputed."""
    manifest, ballot = vector_election()
    secret, public = derive_credential(code=CODE, campaign=CAMPAIGN, scrutin=SCRUTIN)
    data = ballot_bytes(ballot)
    return {
        "voting_code": CODE,
        "credential_secret": G.scalar_hex(secret),
        "credential": public.hex(),
        "election_key": manifest.public_key,
        "manifest_fingerprint": manifest.fingerprint,
        "ballot_sha256": sha256_hex(data),
        "ballot_length": len(data),
        "tracking_number": tracking_number(data),
        "first_alpha": ballot["slots"][0]["alpha"],
        "signature_challenge": ballot["signature"]["challenge"],
    }


if __name__ == "__main__":
    if sys.argv[1:] == ["--full"]:
        manifest, ballot = vector_election()
        print(canonical_json(manifest.to_json()).decode("utf-8"))
        print(ballot_bytes(ballot).decode("utf-8"))
    else:
        for key, value in vectors().items():
            print(f"{key}: {value}")
