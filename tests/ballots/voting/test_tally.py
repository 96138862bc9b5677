"""The tally: a quorum of shares opens the box after the close and counts it exactly."""

import json
from datetime import timedelta

import pytest

from ballots.crypto import box_digest
from ballots.models import Ballot, Participation, ScrutinResult
from ballots.services.tally import TallyRefused, campaign_tally
from ballots.services.voting import vote_cast
from core.events import EventKind
from core.models import AuditEvent

# elec1..elec6 on CTA-GRE (elec6 abstains); elec1..elec3 on CAPD-38
CTA_CHOICES = ["FSU", "FSU", "UNSA", "blanc", "SGEN"]
CAPD_CHOICES = ["SE", "SE", "SNES"]


@pytest.fixture
def voted(sealed, scrutins, electors, choice_of, times):
    cta, capd = scrutins["cta"], scrutins["capd"]
    for user, acronym in zip(electors, CTA_CHOICES, strict=False):
        vote_cast(user=user, scrutin=cta, choice=choice_of(cta, acronym), at=times.during)
    for user, acronym in zip(electors, CAPD_CHOICES, strict=False):
        vote_cast(user=user, scrutin=capd, choice=choice_of(capd, acronym), at=times.during)


def votes_by_acronym(result: ScrutinResult) -> dict[str, tuple[int, int]]:
    return {line.candidate_list.acronym: (line.votes, line.seats) for line in result.lists.all()}


def test_a_quorum_of_shares_counts_exactly_what_was_cast(voted, shares, scrutins, times):
    campaign_tally(campaign=scrutins["cta"].campaign, share_files=shares(2), at=times.after_close)
    cta = ScrutinResult.objects.get(scrutin=scrutins["cta"])
    assert (cta.registered, cta.voters, cta.blank, cta.invalid, cta.valid) == (6, 5, 1, 0, 4)
    # 3 seats, quotient 4/3: FSU 2*3//4 = 1. Seat 2: averages FSU 2/2, UNSA 1, SGEN 1 all
    # equal, FSU has more votes. Seat 3: UNSA 1 = SGEN 1, same votes: drawn by lot.
    lines = votes_by_acronym(cta)
    assert lines["FSU"] == (2, 2)
    assert {lines["UNSA"], lines["SGEN"]} == {(1, 0), (1, 1)}
    winner = "UNSA" if lines["UNSA"][1] else "SGEN"
    assert cta.seat_draws == [{"siege": 3, "ex_aequo": ["UNSA", "SGEN"], "gagnant": winner}]
    capd = ScrutinResult.objects.get(scrutin=scrutins["capd"])
    assert (capd.registered, capd.voters, capd.blank, capd.valid) == (3, 3, 0, 3)
    # 2 seats, quotient 3/2: SE 1; seat 2: SE 2/2 = SNES 1/1, SE has more votes.
    assert votes_by_acronym(capd) == {"SNES": (1, 0), "SE": (2, 2)}
    assert not ScrutinResult.objects.filter(scrutin=scrutins["paper"]).exists()


def test_any_two_of_the_three_shares_open_the_box(voted, sealed, scrutins, times):
    campaign = scrutins["cta"].campaign
    for pair in [(0, 1), (0, 2), (1, 2)]:
        campaign_tally(
            campaign=campaign,
            share_files=[sealed[i].read_bytes() for i in pair],
            at=times.after_close,
        )
        assert ScrutinResult.objects.get(scrutin=scrutins["cta"]).valid == 4


def test_the_box_digest_covers_the_sorted_trackers(voted, shares, scrutins, times):
    campaign_tally(campaign=scrutins["cta"].campaign, share_files=shares(3), at=times.after_close)
    trackers = sorted(
        Ballot.objects.filter(scrutin=scrutins["cta"]).values_list("tracker", flat=True)
    )
    assert ScrutinResult.objects.get(scrutin=scrutins["cta"]).box_digest == box_digest(trackers)


def test_a_rerun_gives_the_same_result(voted, shares, scrutins, times):
    campaign = scrutins["cta"].campaign
    campaign_tally(campaign=campaign, share_files=shares(2), at=times.after_close)
    first = {
        r.scrutin_id: (r.valid, r.box_digest, votes_by_acronym(r), r.seat_draws)
        for r in ScrutinResult.objects.all()
    }
    campaign_tally(campaign=campaign, share_files=shares(3), at=times.after_results)
    again = {
        r.scrutin_id: (r.valid, r.box_digest, votes_by_acronym(r), r.seat_draws)
        for r in ScrutinResult.objects.all()
    }
    assert first == again


def test_one_share_fewer_than_the_threshold_is_refused(voted, shares, scrutins, times):
    with pytest.raises(TallyRefused, match="il en faut au moins 2 sur 3"):
        campaign_tally(
            campaign=scrutins["cta"].campaign, share_files=shares(1), at=times.after_close
        )
    assert not ScrutinResult.objects.exists()


def test_the_same_share_twice_does_not_make_a_quorum(voted, sealed, scrutins, times):
    same = sealed[0].read_bytes()
    with pytest.raises(TallyRefused, match="fournie deux fois"):
        campaign_tally(
            campaign=scrutins["cta"].campaign, share_files=[same, same], at=times.after_close
        )
    assert not ScrutinResult.objects.exists()


def test_a_tampered_share_is_refused(voted, shares, scrutins, times):
    good, other = shares(2)
    document = json.loads(other)
    document["share"][0] = "00" * 16
    with pytest.raises(TallyRefused, match="Part n° 2 refusée"):
        campaign_tally(
            campaign=scrutins["cta"].campaign,
            share_files=[good, json.dumps(document).encode()],
            at=times.after_close,
        )
    assert not ScrutinResult.objects.exists()


def test_a_file_that_is_not_a_share_is_refused(voted, shares, scrutins, times):
    with pytest.raises(TallyRefused, match="Part n° 1 refusée"):
        campaign_tally(
            campaign=scrutins["cta"].campaign,
            share_files=[b"not json", *shares(2)],
            at=times.after_close,
        )


def test_the_tally_is_refused_before_the_close(voted, shares, scrutins, times):
    with pytest.raises(TallyRefused, match="pas clos"):
        campaign_tally(campaign=scrutins["cta"].campaign, share_files=shares(3), at=times.during)
    with pytest.raises(TallyRefused, match="pas clos"):
        campaign_tally(
            campaign=scrutins["cta"].campaign,
            share_files=shares(3),
            at=times.closes - timedelta(seconds=1),
        )
    assert not ScrutinResult.objects.exists()


def test_a_box_that_does_not_match_the_emargements_is_not_counted(voted, shares, scrutins, times):
    Participation.objects.filter(scrutin=scrutins["cta"]).first().delete()
    with pytest.raises(TallyRefused, match="5 bulletins dans l'urne pour 4 émargements"):
        campaign_tally(
            campaign=scrutins["cta"].campaign, share_files=shares(2), at=times.after_close
        )
    assert not ScrutinResult.objects.exists()


def test_an_undecryptable_ballot_counts_as_invalid(voted, shares, scrutins, times, electors):
    # A forged row pair, as a database intruder would write it (for elec6, who abstained).
    Participation.objects.create(
        scrutin=scrutins["cta"], agent=electors[5].agent, voted_at=times.during
    )
    Ballot.objects.create(scrutin=scrutins["cta"], ciphertext=b"\x00" * 176, tracker="ZZZZ")
    campaign_tally(campaign=scrutins["cta"].campaign, share_files=shares(2), at=times.after_close)
    result = ScrutinResult.objects.get(scrutin=scrutins["cta"])
    assert (result.voters, result.invalid, result.blank, result.valid) == (6, 1, 1, 4)


def test_a_ballot_moved_from_another_box_counts_as_invalid(
    voted, shares, scrutins, times, electors
):
    moved = Ballot.objects.filter(scrutin=scrutins["capd"]).first()
    Participation.objects.create(
        scrutin=scrutins["cta"], agent=electors[5].agent, voted_at=times.during
    )
    Ballot.objects.create(
        scrutin=scrutins["cta"], ciphertext=bytes(moved.ciphertext), tracker=moved.tracker
    )
    campaign_tally(campaign=scrutins["cta"].campaign, share_files=shares(2), at=times.after_close)
    assert ScrutinResult.objects.get(scrutin=scrutins["cta"]).invalid == 1


def test_the_tally_is_audited_without_any_share(voted, shares, scrutins, times):
    files = shares(2)
    campaign_tally(campaign=scrutins["cta"].campaign, share_files=files, at=times.after_close)
    event = AuditEvent.objects.get(kind=EventKind.RESULTS_TALLIED)
    text = json.dumps(event.details)
    for content in files:
        for half in json.loads(content)["share"]:
            assert half not in text


def test_a_parallel_count_gives_the_same_result(voted, shares, scrutins, times):
    campaign = scrutins["cta"].campaign
    campaign_tally(campaign=campaign, share_files=shares(2), at=times.after_close, workers=1)
    alone = {
        r.scrutin_id: (r.blank, r.invalid, votes_by_acronym(r), r.box_digest)
        for r in ScrutinResult.objects.all()
    }
    campaign_tally(
        campaign=campaign,
        share_files=shares(2),
        at=times.after_close,
        workers=2,
        parallel_from=0,
        chunk_size=2,
    )
    shared = {
        r.scrutin_id: (r.blank, r.invalid, votes_by_acronym(r), r.box_digest)
        for r in ScrutinResult.objects.all()
    }
    assert shared == alone
