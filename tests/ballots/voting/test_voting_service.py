"""The vote_cast service: the window, each refusal, secrecy by structure."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from ballots.models import BoardEvent, Participation, Seal
from ballots.services.voting import (
    AlreadyVoted,
    InvalidChoice,
    NotOnRoll,
    PaperScrutin,
    VotingClosed,
    vote_cast,
)
from webmail_auth.models import Message

PARIS = ZoneInfo("Europe/Paris")


def nothing_written() -> bool:
    return (
        not Participation.objects.exists() and not BoardEvent.objects.filter(kind="ballot").exists()
    )


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        (datetime(2014, 11, 27, 9, 59, 59, tzinfo=PARIS), False),
        (datetime(2014, 11, 27, 10, 0, 0, tzinfo=PARIS), True),
        (datetime(2014, 12, 4, 16, 59, 59, tzinfo=PARIS), True),
        (datetime(2014, 12, 4, 17, 0, 0, tzinfo=PARIS), False),
    ],
)
def test_the_vote_is_accepted_exactly_inside_the_paris_window(
    sealed, scrutins, electors, choice_of, moment, accepted, code_of
):
    cta = scrutins["cta"]
    if accepted:
        receipt = vote_cast(
            code=code_of(electors[0]),
            user=electors[0],
            scrutin=cta,
            choice=choice_of(cta, "FSU"),
            at=moment,
        )
        assert receipt.voted_at == moment
        assert Participation.objects.get().voted_at == moment
        assert BoardEvent.objects.filter(kind="ballot").count() == 1
    else:
        with pytest.raises(VotingClosed):
            vote_cast(
                code=code_of(electors[0]),
                user=electors[0],
                scrutin=cta,
                choice=choice_of(cta, "FSU"),
                at=moment,
            )
        assert nothing_written()


def test_an_elector_not_on_the_roll_is_refused_and_nothing_is_written(
    sealed, scrutins, make_elector, choice_of, times, code_of
):
    stranger = make_elector("stranger")
    cta = scrutins["cta"]
    with pytest.raises(NotOnRoll):
        vote_cast(
            code="0000-0000-0000-0000-0",
            user=stranger,
            scrutin=cta,
            choice=choice_of(cta, "FSU"),
            at=times.during,
        )
    assert nothing_written()


def test_a_second_vote_is_refused_with_the_time_of_the_first(
    sealed, scrutins, electors, choice_of, times, code_of
):
    cta = scrutins["cta"]
    vote_cast(
        code=code_of(electors[0]),
        user=electors[0],
        scrutin=cta,
        choice=choice_of(cta, "FSU"),
        at=times.during,
    )
    with pytest.raises(AlreadyVoted) as refused:
        vote_cast(
            code=code_of(electors[0]),
            user=electors[0],
            scrutin=cta,
            choice="blanc",
            at=times.after_close.replace(day=2),
        )
    assert refused.value.voted_at == times.during
    assert Participation.objects.count() == 1
    assert BoardEvent.objects.filter(kind="ballot").count() == 1


def test_a_choice_from_another_ballot_is_refused(
    sealed, scrutins, electors, choice_of, times, code_of
):
    cta, capd = scrutins["cta"], scrutins["capd"]
    for wrong in [choice_of(capd, "SNES"), "999999", "", "BLANC", "FSU"]:
        with pytest.raises(InvalidChoice):
            vote_cast(
                code=code_of(electors[0]),
                user=electors[0],
                scrutin=cta,
                choice=wrong,
                at=times.during,
            )
    assert nothing_written()


def test_a_paper_scrutin_cannot_be_voted_online(
    sealed, scrutins, electors, choice_of, times, code_of
):
    paper = scrutins["paper"]
    with pytest.raises(PaperScrutin):
        vote_cast(
            code=code_of(electors[0]),
            user=electors[0],
            scrutin=paper,
            choice=choice_of(paper, "CGT"),
            at=times.during,
        )
    assert nothing_written()


def test_no_vote_before_the_campaign_is_sealed(keyed, scrutins, electors, choice_of, times):
    cta = scrutins["cta"]
    assert not Seal.objects.exists()
    with pytest.raises(VotingClosed):
        vote_cast(
            code=keyed[electors[0].agent.identifier],
            user=electors[0],
            scrutin=cta,
            choice=choice_of(cta, "FSU"),
            at=times.during,
        )
    assert nothing_written()


def test_the_receipt_mail_has_the_tracker_and_never_the_choice(
    sealed, scrutins, electors, choice_of, times, django_capture_on_commit_callbacks, code_of
):
    cta = scrutins["cta"]
    with django_capture_on_commit_callbacks(execute=True):
        receipt = vote_cast(
            code=code_of(electors[0]),
            user=electors[0],
            scrutin=cta,
            choice=choice_of(cta, "SGEN"),
            at=times.during,
        )
    message = Message.objects.get(agent=electors[0].agent)
    assert "[Electionspro2014]" in message.subject
    assert receipt.display_tracker in message.body_text
    for secret in ["SGEN", "Organisation SGEN"]:
        assert secret not in message.subject + message.body_text + message.body_html
