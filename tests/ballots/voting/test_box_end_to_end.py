"""The verifiable box from the seal to the verified archive, and every tampering an insider
with write access to the database could try: each is refused by the count and named by the
offline verifier (ballots/services/tally.py, verifier/)."""

import json

import pytest

from ballots.demo_box import passphrase_of
from ballots.models import Board, BoardEvent, EncryptedTotal, Participation, ScrutinResult
from ballots.protocol import (
    Manifest,
    ballot_bytes,
    base_mul,
    canonical_json,
    derive_credential,
    event_hash,
    make_ballot,
    sha256_hex,
    verify_archive,
)
from ballots.services.archive import archive_export
from ballots.services.tally import TallyRefused, board_close, campaign_count
from ballots.services.voting import vote_cast
from ballots.trustee_side import partial_decrypt
from verifier.codes import check_character

# CTA-GRE (FSU, UNSA, SGEN; 6 electors), CAPD-38 (SNES, SE; 3 electors). SGEN and SE get
# no vote; one elector abstains in each scrutin.
VOTES = {
    "cta": ["FSU", "FSU", "UNSA", "blanc", "FSU"],
    "capd": ["SNES", "blanc"],
}


@pytest.fixture
def voted(sealed, scrutins, electors, choice_of, times):
    for key, choices in VOTES.items():
        scrutin = scrutins[key]
        for user, acronym in zip(electors, choices, strict=False):
            vote_cast(
                user=user,
                scrutin=scrutin,
                choice=choice_of(scrutin, acronym),
                code=sealed[user.agent.identifier],
                at=times.during,
                receipt_mail=False,
            )
    return sealed


def partials(campaign, box_dirs, tmp_path, trustees=(1, 3)) -> list[bytes]:
    archive = tmp_path / "tableau.jsonl"
    archive_export(campaign=campaign, path=archive)
    keys = box_dirs[1]
    return [
        partial_decrypt(
            archive,
            sealed=(keys / f"scrutateur-{i}.cle").read_bytes(),
            passphrase=passphrase_of(campaign, i),
        )[0]
        for i in trustees
    ]


def verified(campaign, tmp_path, *, require_count=True):
    archive = tmp_path / "archive.jsonl"
    archive_export(campaign=campaign, path=archive)
    return verify_archive(archive, workers=1, require_count=require_count)


def reasons(report) -> set[str]:
    return {failure.reason for failure in report.failures}


def test_an_election_with_blank_votes_and_a_list_without_votes_counts_exactly_and_verifies(
    campaign, voted, scrutins, box_dirs, tmp_path, times
):
    board_close(campaign=campaign, at=times.after_close, workers=1)
    campaign_count(
        campaign=campaign,
        partial_files=partials(campaign, box_dirs, tmp_path, trustees=(1, 3)),
        at=times.after_results,
    )
    cta = ScrutinResult.objects.get(scrutin=scrutins["cta"])
    assert (cta.registered, cta.voters, cta.blank, cta.invalid, cta.valid) == (6, 5, 1, 0, 4)
    assert {line.candidate_list.acronym: (line.votes, line.seats) for line in cta.lists.all()} == {
        "FSU": (3, 3),
        "UNSA": (1, 0),
        "SGEN": (0, 0),
    }
    capd = ScrutinResult.objects.get(scrutin=scrutins["capd"])
    assert (capd.voters, capd.blank, capd.valid) == (2, 1, 1)
    assert {line.candidate_list.acronym: line.votes for line in capd.lists.all()} == {
        "SNES": 1,
        "SE": 0,
    }
    report = verified(campaign, tmp_path)
    assert report.ok, report.failures
    assert report.counts == {"CAPD-38": [1, 1, 0], "CTA-GRE": [1, 3, 1, 0]}
    assert report.ballots == 7


# --- Tampering with the board, as an insider who can write the database ------------------


def events_of(campaign) -> list[BoardEvent]:
    return list(BoardEvent.objects.filter(campaign=campaign).order_by("height"))


def rewrite(campaign, payloads: list[tuple[str, dict, str]]) -> None:
    """Rewrite the whole board from (type, payload, scrutin) with a consistent chain: what
    an insider who can write every row would do (only the published heads betray it)."""
    BoardEvent.objects.filter(campaign=campaign).delete()
    parent = "0" * 64
    for height, (kind, payload, scrutin) in enumerate(payloads):
        body = canonical_json(payload)
        digest = sha256_hex(body)
        own = event_hash(height=height, parent=parent, kind=kind, payload_hash=digest)
        BoardEvent.objects.create(
            campaign=campaign, height=height, parent=parent, kind=kind,
            payload=body.decode(), payload_hash=digest, hash=own, scrutin=scrutin,
        )  # fmt: skip
        parent = own
    Board.objects.filter(campaign=campaign).update(height=len(payloads), head=parent)


def as_payloads(campaign) -> list[tuple[str, dict, str]]:
    return [(e.kind, json.loads(e.payload), e.scrutin) for e in events_of(campaign)]


def forged_ballot(campaign, scrutin, *, code: str | None = None, choice_index: int = 1) -> dict:
    """A valid encryption under the real key, signed with the credential of `code` (an
    elector's, as the credential authority knows it) or with a fresh one (the server's)."""
    scrutin.refresh_from_db()
    parsed = Manifest.from_json(scrutin.manifest)
    secret, _public = derive_credential(
        code=code or "7Q0Z1B2T0AAABBBB" + check_character("7Q0Z1B2T0AAABBBB"),
        campaign=campaign.slug,
        scrutin=scrutin.code,
    )
    return make_ballot(
        manifest_fingerprint=parsed.fingerprint,
        scrutin=scrutin.code,
        public_key=parsed.public_key_point,
        slot_count=len(parsed.slots),
        choice_index=choice_index,
        credential_secret=secret,
        enc="server",
    )


def refused_and_named(campaign, tmp_path, times, expected: set[str]) -> None:
    with pytest.raises(TallyRefused):
        board_close(campaign=campaign, at=times.after_close, workers=1)
    assert not BoardEvent.objects.filter(kind=BoardEvent.Kind.VOTING_CLOSED).exists()
    found = reasons(verified(campaign, tmp_path, require_count=False))
    assert found & expected, found


def first_ballot(payloads) -> int:
    return next(i for i, (kind, _p, _s) in enumerate(payloads) if kind == "ballot")


def test_a_ballot_replaced_by_a_valid_encryption_is_refused_and_named(
    campaign, voted, scrutins, tmp_path, times
):
    payloads = as_payloads(campaign)
    index = first_ballot(payloads)
    scrutin = scrutins["cta"] if payloads[index][2] == "CTA-GRE" else scrutins["capd"]
    payloads[index] = ("ballot", forged_ballot(campaign, scrutin, choice_index=2), scrutin.code)
    rewrite(campaign, payloads)
    refused_and_named(campaign, tmp_path, times, {"unknown_credential", "bad_signature"})


def test_a_ballot_replaced_keeping_its_tracker_breaks_the_chain(
    campaign, voted, scrutins, tmp_path, times
):
    event = next(e for e in events_of(campaign) if e.kind == "ballot")
    scrutin = scrutins["cta"] if event.scrutin == "CTA-GRE" else scrutins["capd"]
    forged = forged_ballot(campaign, scrutin, choice_index=2)
    BoardEvent.objects.filter(pk=event.pk).update(payload=ballot_bytes(forged).decode())
    refused_and_named(campaign, tmp_path, times, {"chain"})


def test_a_ballot_added_for_an_abstainer_is_refused_and_named(
    campaign, voted, scrutins, electors, tmp_path, times
):
    cta = scrutins["cta"]
    abstainer = electors[5]  # on CTA-GRE's roll, has not voted; the authority knows the code
    payloads = as_payloads(campaign)
    payloads.append(
        ("ballot", forged_ballot(campaign, cta, code=voted[abstainer.agent.identifier]), "CTA-GRE")
    )
    rewrite(campaign, payloads)
    refused_and_named(campaign, tmp_path, times, {"emargements_mismatch"})


def test_a_flipped_byte_is_refused_and_named(campaign, voted, tmp_path, times):
    event = next(e for e in events_of(campaign) if e.kind == "ballot")
    payload = event.payload
    position = payload.index('"beta":"') + 10
    flipped = (
        payload[:position] + ("0" if payload[position] != "0" else "1") + payload[position + 1 :]
    )
    BoardEvent.objects.filter(pk=event.pk).update(payload=flipped)
    refused_and_named(campaign, tmp_path, times, {"chain"})


def test_a_duplicated_alpha_is_refused_and_named(campaign, voted, scrutins, tmp_path, times):
    payloads = as_payloads(campaign)
    ballots = [i for i, (kind, _p, s) in enumerate(payloads) if kind == "ballot" and s == "CTA-GRE"]
    first, second = payloads[ballots[0]][1], payloads[ballots[1]][1]
    second["slots"][0]["alpha"] = first["slots"][0]["alpha"]
    rewrite(campaign, payloads)
    refused_and_named(campaign, tmp_path, times, {"duplicate_alpha", "bad_proof"})


@pytest.mark.parametrize("how", ["reordered", "removed"])
def test_a_reordered_or_removed_event_is_refused_and_named(campaign, voted, tmp_path, times, how):
    ballots = [e for e in events_of(campaign) if e.kind == "ballot"]
    if how == "removed":
        BoardEvent.objects.filter(pk=ballots[1].pk).delete()
    else:
        first, second = ballots[0], ballots[1]
        BoardEvent.objects.filter(pk=first.pk).update(height=10_000)
        BoardEvent.objects.filter(pk=second.pk).update(height=first.height)
        BoardEvent.objects.filter(pk=first.pk).update(height=second.height)
    refused_and_named(campaign, tmp_path, times, {"chain"})


def test_an_emargement_moved_to_an_agent_off_the_roll_is_refused_by_the_count(
    campaign, voted, scrutins, make_elector, tmp_path, times
):
    stranger = make_elector("stranger")
    moved = Participation.objects.filter(scrutin=scrutins["capd"]).first()
    Participation.objects.filter(pk=moved.pk).update(agent=stranger.agent)
    with pytest.raises(TallyRefused, match="absent de la liste électorale"):
        board_close(campaign=campaign, at=times.after_close, workers=1)
    # The archive holds counts, not names: the verifier sees émargements = ballots still.
    assert verified(campaign, tmp_path, require_count=False).ok


def test_a_wrong_partial_decryption_is_refused_by_the_count_and_named_by_the_verifier(
    campaign, voted, box_dirs, tmp_path, times
):
    board_close(campaign=campaign, at=times.after_close, workers=1)
    files = partials(campaign, box_dirs, tmp_path, trustees=(1, 2))
    document = json.loads(files[1])
    factors = document["partials"][0]["factors"]
    factors[0], factors[1] = factors[1], factors[0]
    wrong = canonical_json(document)
    with pytest.raises(TallyRefused, match="scrutateur 2 est refusé"):
        campaign_count(campaign=campaign, partial_files=[files[0], wrong], at=times.after_results)
    assert not ScrutinResult.objects.exists()
    # An insider who writes it on the board anyway: the verifier names it.
    payloads = as_payloads(campaign)
    for partial in json.loads(files[0])["partials"] + document["partials"]:
        payloads.append(("partial_decryption", partial, partial["scrutin"]))
    rewrite(campaign, payloads)
    assert {"bad_partial", "too_few"} <= reasons(verified(campaign, tmp_path))


def test_fewer_than_k_partial_decryptions_are_refused_and_named(
    campaign, voted, box_dirs, tmp_path, times
):
    board_close(campaign=campaign, at=times.after_close, workers=1)
    files = partials(campaign, box_dirs, tmp_path, trustees=(3,))
    with pytest.raises(TallyRefused, match="il en faut au moins 2 sur 3"):
        campaign_count(campaign=campaign, partial_files=files, at=times.after_results)
    assert not ScrutinResult.objects.exists()
    payloads = as_payloads(campaign)
    for partial in json.loads(files[0])["partials"]:
        payloads.append(("partial_decryption", partial, partial["scrutin"]))
    rewrite(campaign, payloads)
    assert "too_few" in reasons(verified(campaign, tmp_path))


@pytest.mark.parametrize("how", ["flipped", "respaced"])
def test_a_ballot_tampered_after_the_close_is_refused_by_the_count(
    campaign, voted, box_dirs, tmp_path, times, how
):
    """The count rechecks the chain over the bytes as stored: a changed byte, or the same
    ballot written with other spacing (same meaning, not its canonical bytes), is refused."""
    board_close(campaign=campaign, at=times.after_close, workers=1)
    files = partials(campaign, box_dirs, tmp_path)
    event = next(e for e in events_of(campaign) if e.kind == "ballot")
    if how == "flipped":
        position = event.payload.index('"beta":"') + 10
        digit = "0" if event.payload[position] != "0" else "1"
        tampered = event.payload[:position] + digit + event.payload[position + 1 :]
    else:
        tampered = json.dumps(json.loads(event.payload), sort_keys=True, indent=1)
    BoardEvent.objects.filter(pk=event.pk).update(payload=tampered)
    with pytest.raises(TallyRefused, match=f"rompue \\(hauteur {event.height}\\)"):
        campaign_count(campaign=campaign, partial_files=files, at=times.after_results)
    assert not ScrutinResult.objects.exists()


@pytest.mark.parametrize("how", ["another_point", "not_a_point"])
def test_a_running_product_altered_in_the_database_is_caught_by_the_close(
    campaign, voted, scrutins, electors, choice_of, times, how
):
    """The product kept at each cast is decoded unchecked (the server's own state): an
    altered one still lets votes in, and the close refuses the box."""
    cta = scrutins["cta"]
    total = EncryptedTotal.objects.get(scrutin=cta)
    product = total.ciphertexts
    product[1]["alpha"] = base_mul(7).hex() if how == "another_point" else "ff" * 32
    EncryptedTotal.objects.filter(pk=total.pk).update(ciphertexts=product)
    abstainer = electors[5]
    vote_cast(user=abstainer, scrutin=cta, choice=choice_of(cta, "SGEN"),
              code=voted[abstainer.agent.identifier], at=times.during)  # fmt: skip
    with pytest.raises(TallyRefused, match="CTA-GRE : le produit chiffré tenu pendant le vote"):
        board_close(campaign=campaign, at=times.after_close, workers=1)
    assert not BoardEvent.objects.filter(kind=BoardEvent.Kind.VOTING_CLOSED).exists()
