"""A whole synthetic election verifies; each tampering is detected and named."""

import copy
import json

import pytest

from verifier import group as G
from verifier.__main__ import main
from verifier.archive import write_archive
from verifier.ballot import make_ballot
from verifier.board import BrokenChain, verify_chain, verify_stored_chain
from verifier.checks import verify_archive
from verifier.codes import new_voting_code
from verifier.credentials import derive_credential
from verifier.elgamal import encrypt
from verifier.hashing import canonical_json
from verifier.synthetic import ScrutinPlan, build_election, rechain

PLANS = [
    # CAPA: blank votes, and UNSA (slot 2) gets no vote; a tie for the last seat.
    ScrutinPlan("CAPA", ("FSU", "UNSA", "SNALC"), 3, [0, 1, 1, 3, 1, 0, 3], abstainers=2),
    ScrutinPlan("CT", ("FSU", "SGEN"), 2, [1, 2, 2, 1, 0, 2]),
]


@pytest.fixture(scope="module")
def election():
    return build_election(PLANS, n=3, k=2, present=(1, 2, 3))


def verify(tmp_path, election, events=None, rolls=None, workers=1, **kwargs):
    path = tmp_path / "archive.jsonl"
    write_archive(
        path,
        campaign=election.campaign,
        events=election.events if events is None else events,
        rolls=election.rolls if rolls is None else rolls,
    )
    return verify_archive(path, workers=workers, **kwargs)


def reasons(report):
    return {failure.reason for failure in report.failures}


def first(events, kind, scrutin=None):
    return next(
        i for i, e in enumerate(events)
        if e["type"] == kind and (scrutin is None or e["payload"].get("scrutin") == scrutin)
    )  # fmt: skip


def test_the_election_verifies_on_several_workers(tmp_path, election):
    report = verify(tmp_path, election, workers=2)
    assert report.ok, [f.sentence() for f in report.failures]
    assert report.counts == {"CAPA": [2, 3, 0, 2], "CT": [1, 2, 3]}
    assert report.ballots == 13
    assert report.head == verify_chain(election.events)
    result = election.events[first(election.events, "result", "CAPA")]["payload"]
    assert result["seats"] == [2, 0, 1] and result["draws"] == []


def test_cli_exit_codes(tmp_path, election, capsys):
    path = tmp_path / "a.jsonl"
    write_archive(path, campaign=election.campaign, events=election.events, rolls=election.rolls)
    assert main([str(path), "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "toutes les vérifications sont réussies" in out
    assert "Scrutin CAPA : Vote blanc 2 ; FSU 3 voix, 2 siège(s) ; UNSA 0 voix, 0 siège(s)" in out
    assert main([str(path), "--workers", "1", "--tete", "0" * 64]) == 1
    assert "la tête du tableau n'est pas celle qui a été publiée" in capsys.readouterr().err
    (tmp_path / "b.jsonl").write_text("not an archive\n")
    assert main([str(tmp_path / "b.jsonl")]) == 2


def reencrypt(election, ballot, choice):
    """A fresh, valid encryption of ``choice`` under the real key, slots only."""
    manifest = election.manifests[ballot["scrutin"]]
    y = manifest.public_key_point
    slots = []
    for index, slot in enumerate(ballot["slots"]):
        alpha, beta = encrypt(y, int(index == choice), G.random_scalar())
        slots.append({**slot, "alpha": alpha.hex(), "beta": beta.hex()})
    return {**ballot, "slots": slots}


def test_replaced_ballot_with_tracker_kept(tmp_path, election):
    events = copy.deepcopy(election.events)
    i = first(events, "ballot", "CT")
    events[i]["payload"] = reencrypt(election, events[i]["payload"], 2)
    report = verify(tmp_path, election, events)
    assert {"chain", "bad_proof"} <= reasons(report)
    named = [f for f in report.failures if f.reason == "bad_proof"]
    assert named[0].height == i and named[0].scrutin == "CT" and named[0].tracking


def test_replaced_ballot_with_new_tracker_and_rewritten_chain(tmp_path, election):
    events = copy.deepcopy(election.events)
    i = first(events, "ballot", "CT")
    events[i]["payload"] = reencrypt(election, events[i]["payload"], 2)
    report = verify(
        tmp_path, election, rechain(events), expected_head=verify_chain(election.events)
    )
    assert {"bad_proof", "tally_mismatch", "head_mismatch"} <= reasons(report)
    assert "chain" not in reasons(report)


def cast_for(election, scrutin, secret, choice, randomness=None):
    manifest = election.manifests[scrutin]
    return make_ballot(
        manifest_fingerprint=manifest.fingerprint, scrutin=scrutin,
        public_key=manifest.public_key_point, slot_count=len(manifest.slots),
        choice_index=choice, credential_secret=secret, enc="server", randomness=randomness,
    )  # fmt: skip


def add_ballot(election, ballot):
    """Insert a ballot just before the close, rewrite the chain, bump the émargements."""
    events = copy.deepcopy(election.events)
    events.insert(first(events, "voting_closed"), {"type": "ballot", "payload": ballot})
    rolls = copy.deepcopy(election.rolls)
    rolls[ballot["scrutin"]]["emargements"] += 1
    return rechain(events), rolls


def test_ballot_for_an_abstainer_with_an_unlisted_credential(tmp_path, election):
    secret, _public = derive_credential(
        code=new_voting_code(), campaign="elections2026", scrutin="CT"
    )
    events, rolls = add_ballot(election, cast_for(election, "CT", secret, 1))
    report = verify(tmp_path, election, events, rolls)
    assert "unknown_credential" in reasons(report)


def test_second_ballot_for_a_credential(tmp_path, election):
    secret = election.secrets["CT"][0]
    events, rolls = add_ballot(election, cast_for(election, "CT", secret, 1))
    report = verify(tmp_path, election, events, rolls)
    assert "duplicate_credential" in reasons(report)


def test_ballot_for_an_abstainer_without_emargement(tmp_path, election):
    abstainer = election.secrets["CT"][-1]
    events, _rolls = add_ballot(election, cast_for(election, "CT", abstainer, 1))
    report = verify(tmp_path, election, events)
    assert "emargements_mismatch" in reasons(report)


def test_duplicated_alpha(tmp_path, election):
    i = first(election.events, "ballot", "CT")
    victim = election.events[i]["payload"]
    choice = next(s for s, slot in enumerate(victim["slots"]) if s == 0)
    randomness = [election.randomness[i][0]] + [G.random_scalar() for _ in victim["slots"][1:]]
    abstainer = election.secrets["CT"][-1]
    events, rolls = add_ballot(
        election, cast_for(election, "CT", abstainer, choice + 2, randomness)
    )
    report = verify(tmp_path, election, events, rolls)
    assert "duplicate_alpha" in reasons(report)


def test_flipped_byte(tmp_path, election):
    path = tmp_path / "archive.jsonl"
    write_archive(path, campaign=election.campaign, events=election.events, rolls=election.rolls)
    lines = path.read_bytes().split(b"\n")
    i = first(election.events, "ballot", "CAPA") + 1
    position = lines[i].index(b'"beta":"') + 20
    lines[i] = (
        lines[i][:position]
        + (b"0" if lines[i][position : position + 1] != b"0" else b"1")
        + lines[i][position + 1 :]
    )
    path.write_bytes(b"\n".join(lines))
    report = verify_archive(path, workers=1)
    assert "chain" in reasons(report)
    assert reasons(report) & {"bad_point", "bad_proof"}


def stored(events):
    """The events as a server stores them: each payload as its canonical bytes."""
    return [{**event, "payload": canonical_json(event["payload"])} for event in events]


def test_a_stored_chain_has_the_head_of_the_parsed_one_and_refuses_other_bytes(election):
    events = stored(election.events)
    assert verify_stored_chain(events) == verify_chain(election.events)
    i = first(election.events, "ballot", "CAPA")
    respaced = json.dumps(election.events[i]["payload"], sort_keys=True, indent=1).encode()
    for payload in (respaced, events[i]["payload"].replace(b'"beta":"', b'"beta":"0', 1)):
        tampered = [*events[:i], {**events[i], "payload": payload}, *events[i + 1 :]]
        with pytest.raises(BrokenChain) as refused:
            verify_stored_chain(tampered)
        assert refused.value.height == i


@pytest.mark.parametrize("how", ["swap", "remove"])
def test_reordered_or_removed_event(tmp_path, election, how):
    events = copy.deepcopy(election.events)
    i = first(events, "ballot", "CAPA")
    if how == "swap":
        events[i], events[i + 1] = events[i + 1], events[i]
    else:
        del events[i]
    report = verify(tmp_path, election, events)
    assert "chain" in reasons(report)
    assert next(f for f in report.failures if f.reason == "chain").height == i


def test_removed_ballot_with_rewritten_chain(tmp_path, election):
    events = copy.deepcopy(election.events)
    del events[first(events, "ballot", "CAPA")]
    report = verify(tmp_path, election, rechain(events))
    assert {"emargements_mismatch", "tally_mismatch", "tally_count"} <= reasons(report)


def test_emargement_count_not_matching(tmp_path, election):
    rolls = copy.deepcopy(election.rolls)
    rolls["CAPA"]["emargements"] -= 1
    report = verify(tmp_path, election, rolls=rolls)
    assert reasons(report) == {"emargements_mismatch"}
    assert report.failures[0].sentence().startswith("Scrutin CAPA : le nombre de bulletins")
    rolls = copy.deepcopy(election.rolls)
    rolls["CT"]["electors"] = 3
    assert "over_roll" in reasons(verify(tmp_path, election, rolls=rolls))


def test_wrong_partial_decryption(tmp_path, election):
    events = copy.deepcopy(election.events)
    i = first(events, "partial_decryption", "CAPA")
    events[i]["payload"]["factors"][1] = G.base_mul(5).hex()
    report = verify(tmp_path, election, rechain(events))
    assert reasons(report) == {"bad_partial"}  # the two others still decrypt
    assert report.counts["CAPA"] == [2, 3, 0, 2]


def test_fewer_than_k_partial_decryptions(tmp_path, election):
    events = [
        e for e in copy.deepcopy(election.events)
        if not (e["type"] == "partial_decryption" and e["payload"]["index"] != 3)
    ]  # fmt: skip
    report = verify(tmp_path, election, rechain(events))
    assert "too_few" in reasons(report)


def test_duplicate_partial_index(tmp_path, election):
    events = copy.deepcopy(election.events)
    i = first(events, "partial_decryption", "CT")
    events.insert(i, copy.deepcopy(events[i]))
    assert "duplicate_index" in reasons(verify(tmp_path, election, rechain(events)))


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [("counts", [1, 3, 2], "counts_mismatch"), ("seats", [2, 0], "seats_mismatch")],
)
def test_published_result_is_checked(tmp_path, election, field, value, reason):
    events = copy.deepcopy(election.events)
    events[first(events, "result", "CT")]["payload"][field] = value
    assert reasons(verify(tmp_path, election, rechain(events))) == {reason}


def test_tampered_trustee_key(tmp_path, election):
    events = copy.deepcopy(election.events)
    trustees = events[first(events, "trustees")]["payload"]
    trustees["trustees"][0]["verification_key"] = G.base_mul(7).hex()
    assert "bad_trustees" in reasons(verify(tmp_path, election, rechain(events)))


def test_ballot_after_close_and_missing_setup(tmp_path, election):
    events = copy.deepcopy(election.events)
    ballot = events.pop(first(events, "ballot", "CT"))
    events.insert(first(events, "voting_closed") + 1, ballot)
    assert "after_close" in reasons(verify(tmp_path, election, rechain(events)))
    report = verify(tmp_path, election, rechain(election.events[1:]))
    assert reasons(report) == {"no_setup"}


def test_archive_lines_are_canonical_json(tmp_path, election):
    path = tmp_path / "a.jsonl"
    write_archive(path, campaign=election.campaign, events=election.events, rolls=election.rolls)
    header, *events = path.read_text().splitlines()
    assert json.loads(header)["format"] == "electionspro-archive/v1"
    assert len(events) == len(election.events)


def test_scrutin_without_any_ballot_and_k_equals_n(tmp_path):
    election = build_election(
        [
            ScrutinPlan("EMPTY", ("FSU", "UNSA"), 2, [], abstainers=3),
            ScrutinPlan("ONE", ("FSU",), 1, [1]),
        ],
        n=2,
        k=2,
    )
    report = verify(tmp_path, election)
    assert report.ok, [f.sentence() for f in report.failures]
    assert report.counts == {"EMPTY": [0, 0, 0], "ONE": [0, 1]}


def test_credential_replacements_are_checked_and_counted(tmp_path, election):
    abstainer_secret = election.secrets["CT"][-1]
    old = G.base_mul(abstainer_secret).hex()
    new_secret, new_public = derive_credential(
        code=new_voting_code(), campaign=election.campaign, scrutin="CT"
    )
    replaced = {
        "type": "credential_replaced",
        "payload": {"new": new_public.hex(), "old": old, "scrutin": "CT"},
    }
    events = copy.deepcopy(election.events)
    events.insert(first(events, "voting_closed"), replaced)
    report = verify(tmp_path, election, rechain(events))
    assert report.ok and report.replacements == {"CT": 1}
    # The old credential can no longer vote; the new one can.
    late_old = {"type": "ballot", "payload": cast_for(election, "CT", abstainer_secret, 1)}
    events.insert(first(events, "voting_closed"), late_old)
    rolls = copy.deepcopy(election.rolls)
    rolls["CT"]["emargements"] += 1
    assert "unknown_credential" in reasons(verify(tmp_path, election, rechain(events), rolls))
    events[first(events, "voting_closed") - 1]["payload"] = cast_for(election, "CT", new_secret, 1)
    report = verify(tmp_path, election, rechain(events), rolls)
    # Accepted as the new credential's ballot; only the old tally no longer matches.
    assert reasons(report) == {"tally_count", "tally_mismatch", "sum_mismatch"}
    assert report.server_encrypted == {"CT": 1}


def test_replacing_a_used_credential_is_refused(tmp_path, election):
    used = election.events[first(election.events, "ballot", "CT")]["payload"]["credential"]
    _secret, new_public = derive_credential(
        code=new_voting_code(), campaign=election.campaign, scrutin="CT"
    )
    events = copy.deepcopy(election.events)
    events.insert(
        first(events, "voting_closed"),
        {
            "type": "credential_replaced",
            "payload": {"new": new_public.hex(), "old": used, "scrutin": "CT"},
        },
    )
    assert reasons(verify(tmp_path, election, rechain(events))) == {"bad_replacement"}


def test_a_head_seen_on_a_receipt_must_stay_on_the_board(tmp_path, election):
    i = first(election.events, "ballot", "CT")
    receipt_head = verify_chain(election.events[: i + 1])  # the head this ballot went under
    assert verify(tmp_path, election, seen_heads=[receipt_head.upper()]).ok
    events = copy.deepcopy(election.events)
    del events[first(events, "ballot", "CAPA")]  # an earlier ballot removed, board rewritten
    report = verify(tmp_path, election, rechain(events), seen_heads=[receipt_head])
    missing = [f for f in report.failures if f.reason == "head_missing"]
    assert missing and missing[0].detail == receipt_head


def test_cli_checks_seen_heads(tmp_path, election, capsys):
    path = tmp_path / "a.jsonl"
    write_archive(path, campaign=election.campaign, events=election.events, rolls=election.rolls)
    head = verify_chain(election.events[:5])
    assert main([str(path), "--workers", "1", "--vu", head]) == 0
    assert main([str(path), "--workers", "1", "--vu", "ab" * 32]) == 1
    assert "une tête du tableau relevée plus tôt n'y figure plus" in capsys.readouterr().err
