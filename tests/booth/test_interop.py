"""The booth's protocol module (static/booth/protocol.mjs) under Node against the Python
reference: the same test vectors byte for byte, and ballots made with real randomness
that the server's verifier accepts and whose audit the standalone command confirms."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from verifier.audit import audit_from_json
from verifier.ballot import BallotRejected, parse_ballot, verify_ballot
from verifier.codes import tracking_number
from verifier.manifest import Manifest
from verifier.vectors import vector_election, vectors

HERE = Path(__file__).resolve().parent
NODE = shutil.which("node")


def node(*args: str) -> str:
    if NODE is None:
        pytest.fail("Node.js est requis pour ce test : apt-get install nodejs")
    result = subprocess.run(
        [NODE, str(HERE / "interop.mjs"), *args], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_booth_reproduces_the_test_vectors_byte_for_byte():
    lines = node("vectors", "--full").splitlines()
    expected = [f"{key}: {value}" for key, value in vectors().items()]
    assert lines[: len(expected)] == expected
    manifest, ballot = vector_election()
    from verifier.hashing import canonical_json

    assert lines[-2].encode() == canonical_json(manifest.to_json())
    assert lines[-1].encode() == canonical_json(ballot)


@pytest.mark.parametrize("choice", [0, 3])
def test_a_booth_ballot_verifies_and_its_audit_holds(choice, tmp_path):
    made = json.loads(node("ballot", str(choice)))
    manifest = Manifest.from_json(made["manifest"])
    data = made["text"].encode("utf-8")
    verified = verify_ballot(parse_ballot(data), manifest=manifest)
    assert verified.tracking_number == made["tracking"] == tracking_number(data)
    assert json.loads(made["text"])["enc"] == "client"

    audit = json.loads(made["audit"])
    assert audit_from_json(audit).tracking_number == made["tracking"]
    path = tmp_path / "audit.json"
    path.write_text(made["audit"], encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "verifier.audit", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "Audit réussi" in run.stdout

    audit["choice"] = (choice + 1) % 4  # another choice than the one encrypted
    with pytest.raises(BallotRejected) as refused:
        audit_from_json(audit)
    assert refused.value.reason == "audit_mismatch"
