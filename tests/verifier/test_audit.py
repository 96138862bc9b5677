"""The standalone Benaloh audit: a revealed ballot encrypts the revealed choice."""

import json

from verifier import group as G
from verifier.audit import main
from verifier.ballot import make_ballot
from verifier.codes import encode_bits
from verifier.synthetic import elector, single_key_manifest


def audit_file(tmp_path, *, choice=2, revealed=None):
    manifest, _x = single_key_manifest()
    _code, secret, _public = elector(manifest)
    randomness = [G.random_scalar() for _ in manifest.slots]
    ballot = make_ballot(
        manifest_fingerprint=manifest.fingerprint, scrutin=manifest.scrutin,
        public_key=manifest.public_key_point, slot_count=len(manifest.slots),
        choice_index=choice, credential_secret=secret, enc="client", randomness=randomness,
    )  # fmt: skip
    path = tmp_path / "audit.json"
    path.write_text(
        json.dumps({
            "ballot": ballot,
            "choice": choice if revealed is None else revealed,
            "manifest": manifest.to_json(),
            "randomness": [G.scalar_hex(r) for r in randomness],
        })
    )  # fmt: skip
    return str(path)


def test_an_honest_audit_holds(tmp_path, capsys):
    assert main([audit_file(tmp_path)]) == 0
    assert "chiffre bien le choix « UNSA »" in capsys.readouterr().out


def test_a_ballot_that_encrypts_another_choice_fails(tmp_path, capsys):
    assert main([audit_file(tmp_path, choice=2, revealed=1)]) == 1
    assert "ne chiffre pas le choix révélé" in capsys.readouterr().err


def test_unreadable_audit_file(tmp_path, capsys):
    (tmp_path / "x.json").write_text("{")
    assert main([str(tmp_path / "x.json")]) == 2
    assert main([str(tmp_path / "missing.json")]) == 2


def test_crockford_bit_encoding():
    assert encode_bits(b"\x00") == "00"
    assert encode_bits(b"\xff") == "ZW"
    assert encode_bits(b"\x84\x21") == "GGGG"  # 10000 10000 10000 1(0000)
