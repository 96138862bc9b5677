"""Benaloh audit of a ballot the booth did not cast: ``python -m verifier.audit FILE``.

The audit file (canonical JSON or any JSON) is
{"ballot": the ballot, "choice": slot index, "manifest": the scrutin's manifest,
"randomness": [r_0, …] as lowercase-hex scalars}. It holds iff the ballot verifies
against the manifest and slot i is (g^r_i, y^r_i · g^[i = choice]) for every i.
The file reveals the choice: it proves how that (never cast) ballot was made.
Exit 0 when the audit holds, 1 when it does not, 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from verifier.ballot import BallotRejected, VerifiedBallot, audit_ballot
from verifier.codes import format_tracking_number
from verifier.manifest import InvalidManifest, Manifest
from verifier.messages import REASONS


def audit_from_json(data: Any) -> VerifiedBallot:
    """Check an audit file's value; raises ``BallotRejected`` or ``InvalidManifest``."""
    if not isinstance(data, dict) or set(data) != {"ballot", "choice", "manifest", "randomness"}:
        raise BallotRejected("malformed", "an audit has ballot, choice, manifest, randomness")
    manifest = Manifest.from_json(data["manifest"])
    choice, randomness = data["choice"], data["randomness"]
    if not isinstance(choice, int) or not isinstance(randomness, list):
        raise BallotRejected("malformed", "choice is a slot index, randomness a list")
    if not all(isinstance(r, str) for r in randomness):
        raise BallotRejected("bad_scalar", "randomness values are hex scalars")
    return audit_ballot(
        data["ballot"], randomness=randomness, choice_index=choice, manifest=manifest
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m verifier.audit",
        description="Vérifie un bulletin audité : il chiffre bien le choix révélé.",
    )
    parser.add_argument("file", help="le fichier d'audit (JSON)")
    args = parser.parse_args(argv)
    try:
        with open(args.file, "rb") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"Fichier d'audit illisible : {error}.", file=sys.stderr)
        return 2
    try:
        verified = audit_from_json(data)
    except InvalidManifest as error:
        print(f"Audit en échec : le manifeste est invalide ({error}).", file=sys.stderr)
        return 1
    except BallotRejected as error:
        reason = "le bulletin ne chiffre pas le choix révélé"
        if error.reason != "audit_mismatch":
            reason = REASONS.get(error.reason, error.reason)
        print(f"Audit en échec : {reason}.", file=sys.stderr)
        return 1
    label = data["manifest"]["slots"][data["choice"]]
    print(
        f"Audit réussi : le bulletin {format_tracking_number(verified.tracking_number)} "
        f"chiffre bien le choix « {label} » et toutes ses preuves sont valides."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
