"""Casting a vote: the one place where an émargement and a ballot are written.

Both rows are written in one transaction, the émargement first: the database's
unique (agent, scrutin) constraint then makes a second vote roll the whole
transaction back. The ballot row carries no voter, no time and a random key;
the choice is encrypted before it leaves this function and is never logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ballots import crypto
from ballots.models import Ballot, Participation, Scrutin
from ballots.selectors_voting import VoteState, vote_state
from ballots.tasks import enqueue_receipt_mail
from core.audit import EventKind, record


class VoteRefused(Exception):
    """A vote that cannot be cast; the message is the French sentence shown to the elector."""

    code = "refused"


class NotOnRoll(VoteRefused):
    code = "not_on_roll"


class PaperScrutin(VoteRefused):
    code = "paper"


class VotingClosed(VoteRefused):
    code = "closed"


class AlreadyVoted(VoteRefused):
    code = "already_voted"

    def __init__(self, message: str, voted_at: datetime | None = None) -> None:
        super().__init__(message)
        self.voted_at = voted_at


class InvalidChoice(VoteRefused):
    code = "invalid_choice"


@dataclass(frozen=True)
class Receipt:
    """What the elector sees and keeps; never the choice."""

    scrutin: Scrutin
    voted_at: datetime
    tracker: str

    @property
    def display_tracker(self) -> str:
        return crypto.format_tracker(self.tracker)


def valid_choices(scrutin: Scrutin) -> dict[str, object]:
    """The ballot's choices: each list by its id, and "blanc".

    All lists are read and the choice is matched in Python, so no query (and no
    SQL debug log) ever carries the elector's choice.
    """
    choices: dict[str, object] = {str(lst.pk): lst for lst in scrutin.lists.all()}
    choices[crypto.BLANK] = None
    return choices


def vote_refusal(
    *, agent, scrutin: Scrutin, at: datetime, state: VoteState | None = None
) -> VoteRefused | None:
    """Why this agent (an Agent or its id) may not vote in this scrutin at `at` (None if they may).

    `state` is the vote state already read with the scrutin (ballot_scrutin); without it,
    one query reads it.
    """
    if agent is not None and state is None:
        state = vote_state(agent=agent, scrutin=scrutin)
    if agent is None or not state.on_roll:
        return NotOnRoll(_("Vous n'êtes pas inscrit sur la liste électorale de ce scrutin."))
    if scrutin.is_paper:
        return PaperScrutin(_("Ce scrutin se vote sur papier, pas par internet."))
    if state.voted_at is not None:
        return AlreadyVoted(
            _("Vous avez déjà voté à ce scrutin. Le vote est définitif."), state.voted_at
        )
    campaign = state.campaign
    if campaign.voting_not_yet_open(at=at):
        return VotingClosed(_("Le vote n'est pas encore ouvert."))
    if not campaign.voting_open(at=at):
        return VotingClosed(_("Le vote est clos : aucun vote n'est plus accepté."))
    if not state.sealed or state.public_key is None:
        return VotingClosed(
            _("L'urne de ce scrutin n'est pas encore scellée : le vote ne peut pas commencer.")
        )
    return None


def vote_cast(
    *,
    user,
    scrutin: Scrutin,
    choice: str,
    at: datetime,
    request=None,
    state: VoteState | None = None,
) -> Receipt:
    """Cast `user`'s final vote for `choice` (a list id or "blanc") in `scrutin` at `at`.

    Raises a VoteRefused subclass and writes nothing when the vote is not allowed.

    `state` is the vote state the caller read in this same request (the ballot view reads
    it with the scrutin); without it, one query reads it now. A state read a moment earlier
    is safe: after the seal the roll, the key and the lists are frozen, the close can only
    be pushed back, the calendar is checked at `at`, and the unique émargement refuses a
    vote cast meanwhile from another tab.
    """
    agent = getattr(user, "agent_id", None)  # the id is enough: no query for the agent
    if state is None and agent is not None:
        state = vote_state(agent=agent, scrutin=scrutin)
    refusal = vote_refusal(agent=agent, scrutin=scrutin, at=at, state=state)
    if refusal is not None:
        raise refusal
    if str(choice) not in valid_choices(scrutin):
        raise InvalidChoice(_("Ce choix ne figure pas sur le bulletin de ce scrutin."))
    ciphertext = crypto.encrypt_choice(
        public_key=state.public_key, scrutin_code=scrutin.code, choice=str(choice)
    )
    tracker = crypto.tracker_for(ciphertext)
    try:
        with transaction.atomic():
            Participation.objects.create(scrutin=scrutin, agent_id=agent, voted_at=at)
            Ballot.objects.create(scrutin=scrutin, ciphertext=ciphertext, tracker=tracker)
            record(EventKind.VOTE_CAST, actor=user, subject=scrutin.code, request=request, at=at)
            enqueue_receipt_mail(to=user.email, scrutin=scrutin, at=at, tracker=tracker)
    except IntegrityError:
        existing = Participation.objects.filter(scrutin=scrutin, agent_id=agent).first()
        raise AlreadyVoted(
            _("Vous avez déjà voté à ce scrutin. Le vote est définitif."),
            existing.voted_at if existing else None,
        ) from None
    return Receipt(scrutin=scrutin, voted_at=at, tracker=tracker)
