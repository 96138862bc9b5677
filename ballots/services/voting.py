"""Casting a vote: the one acceptance of a ballot, wherever it was made.

A ballot made in the browser (the booth) and one the server makes for an elector
without JavaScript go through the same `ballot_accept`: checks first (roll, seal,
calendar, the elector's credential, canonical bytes, points, scalars, proofs,
signature), then one transaction writes the émargement, the ballot's α (refused if
repeated), the task of what follows (its audit line, the receipt mail: ballots/tasks.py),
the running product and the board event.
The émargement's unique (agent, scrutin) constraint makes a second vote roll everything
back.

The ballot exists only on the board: no voter, no timestamp, a random key. The
voting code and the choice never leave the request that uses them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_variables

from ballots.box_sql import (
    cast_rows_insert,
    running_product_lock,
    running_product_store,
)
from ballots.models import BoardEvent, Participation, Scrutin
from ballots.protocol import (
    BallotRejected,
    InvalidCode,
    Manifest,
    accumulate,
    ballot_bytes,
    canonical_json,
    ciphertexts_json,
    derive_credential,
    format_tracking_number,
    make_ballot,
    parse_ballot,
    verify_ballot,
)
from ballots.selectors_voting import VoteState, vote_state
from ballots.services.board import board_append
from ballots.tasks import enqueue_after_vote
from core.audit import client_ip

BLANK = "blanc"


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


class WrongCode(VoteRefused):
    """The voting code typed is mistyped or is not this elector's for this scrutin."""

    code = "wrong_code"


class BallotRefused(VoteRefused):
    """A ballot that is malformed, replayed, unsigned or wrongly signed; `reason` says which."""

    code = "ballot_refused"

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


# What the elector reads for each machine reason of the protocol (never a stack trace).
BALLOT_REFUSALS = {
    "malformed": gettext_lazy("Le bulletin reçu est illisible."),
    "non_canonical": gettext_lazy("Le bulletin reçu n'est pas sous sa forme canonique."),
    "wrong_version": gettext_lazy("Le bulletin reçu suit une autre version du protocole."),
    "wrong_scrutin": gettext_lazy("Le bulletin reçu a été préparé pour un autre scrutin."),
    "wrong_fingerprint": gettext_lazy(
        "Le bulletin reçu a été préparé pour une autre configuration du scrutin."
    ),
    "wrong_slot_count": gettext_lazy("Le bulletin reçu n'a pas le bon nombre de cases."),
    "unknown_credential": gettext_lazy(
        "Le bulletin reçu n'est pas signé par votre identifiant de vote."
    ),
    "bad_point": gettext_lazy("Le bulletin reçu contient une valeur chiffrée invalide."),
    "bad_scalar": gettext_lazy("Le bulletin reçu contient une preuve invalide."),
    "duplicate_alpha": gettext_lazy(
        "Le bulletin reçu reprend un chiffré déjà présent dans l'urne ou dévoilé par un "
        "audit : un bulletin audité ne peut jamais être déposé."
    ),
    "bad_proof": gettext_lazy("Les preuves du bulletin reçu ne sont pas valides."),
    "bad_signature": gettext_lazy("La signature du bulletin reçu n'est pas valide."),
}


def ballot_refusal(reason: str) -> BallotRefused:
    message = BALLOT_REFUSALS.get(reason, _("Le bulletin reçu a été refusé."))
    return BallotRefused(_("%(why)s Votre vote n'a pas été enregistré.") % {"why": message}, reason)


@dataclass(frozen=True)
class Receipt:
    """What the elector sees and keeps; never the choice."""

    scrutin: Scrutin
    voted_at: datetime
    tracker: str
    head: str

    @property
    def display_tracker(self) -> str:
        return format_tracking_number(self.tracker)


def valid_choices(scrutin: Scrutin) -> dict[str, int]:
    """The ballot's choices and their slots: "blanc" is slot 0, then each list by its id.

    All lists are read and the choice is matched in Python, so no query (and no SQL
    debug log) ever carries the elector's choice.
    """
    choices = {BLANK: 0}
    for slot, lst in enumerate(
        sorted(scrutin.lists.all(), key=lambda item: item.position), start=1
    ):
        choices[str(lst.pk)] = slot
    return choices


@lru_cache(maxsize=2048)
def _manifest(text: bytes) -> Manifest:
    """Parsed once per process (its points validated): keyed by content, so never stale."""
    return Manifest.from_json(json.loads(text))


def manifest_of(state: VoteState) -> Manifest:
    return _manifest(canonical_json(state.manifest))


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
    if not state.sealed or state.manifest is None:
        return VotingClosed(
            _("L'urne de ce scrutin n'est pas encore scellée : le vote ne peut pas commencer.")
        )
    if state.credential is None:
        return NotOnRoll(
            _(
                "Aucun identifiant de vote ne vous est attribué pour ce scrutin : "
                "contactez l'assistance."
            )
        )
    return None


def _checked_state(*, user, scrutin: Scrutin, at: datetime, state: VoteState | None) -> VoteState:
    agent = getattr(user, "agent_id", None)  # the id is enough: no query for the agent
    if state is None and agent is not None:
        state = vote_state(agent=agent, scrutin=scrutin)
    refusal = vote_refusal(agent=agent, scrutin=scrutin, at=at, state=state)
    if refusal is not None:
        raise refusal
    return state


@sensitive_variables("code", "secret")
def server_ballot(
    *, user, scrutin: Scrutin, choice: str, code: str, at: datetime, state: VoteState | None = None
) -> bytes:
    """Without JavaScript: the server encrypts `choice`, proves and signs with the credential
    derived from `code` (this request only: never stored, logged or kept). Returns the
    ballot's canonical bytes, to go through `ballot_accept` like any other.

    WrongCode when the code is mistyped or is not this elector's for this scrutin.
    """
    state = _checked_state(user=user, scrutin=scrutin, at=at, state=state)
    manifest = manifest_of(state)
    slots = valid_choices(scrutin)
    if str(choice) not in slots or slots[str(choice)] >= len(manifest.slots):
        raise InvalidChoice(_("Ce choix ne figure pas sur le bulletin de ce scrutin."))
    try:
        secret, public = derive_credential(
            code=code, campaign=state.campaign.slug, scrutin=scrutin.code
        )
    except (InvalidCode, ValueError):
        raise WrongCode(
            _(
                "Ce code de vote est mal saisi (un caractère manque ou ne correspond pas) : "
                "vérifiez-le sur votre notice. Votre vote n'a pas été enregistré."
            )
        ) from None
    if public.hex() != state.credential:
        raise WrongCode(
            _(
                "Ce code de vote n'est pas le vôtre pour ce scrutin : vérifiez-le sur votre "
                "notice de vote. Votre vote n'a pas été enregistré."
            )
        )
    ballot = make_ballot(
        manifest_fingerprint=manifest.fingerprint,
        scrutin=scrutin.code,
        public_key=manifest.public_key_point,
        slot_count=len(manifest.slots),
        choice_index=slots[str(choice)],
        credential_secret=secret,
        enc="server",
    )
    return ballot_bytes(ballot)


@sensitive_variables("code", "choice", "data")
def vote_cast(
    *,
    user,
    scrutin: Scrutin,
    choice: str,
    code: str,
    at: datetime,
    request=None,
    state: VoteState | None = None,
    receipt_mail: bool = True,
) -> Receipt:
    """The vote without JavaScript in one call: the server makes the ballot with the voting
    code, then it goes through the same acceptance as a browser-made ballot."""
    state = _checked_state(user=user, scrutin=scrutin, at=at, state=state)
    data = server_ballot(user=user, scrutin=scrutin, choice=choice, code=code, at=at, state=state)
    return ballot_accept(
        user=user,
        scrutin=scrutin,
        data=data,
        at=at,
        request=request,
        state=state,
        receipt_mail=receipt_mail,
    )


def _cast_rows(cursor, *, scrutin: Scrutin, agent_id: int, credential: str, at, alphas) -> None:
    """The α's and the émargement, the credential row locked; refused if the credential
    was replaced since it was read (a lost notice replaced meanwhile: the new code must be
    used)."""
    written = cast_rows_insert(
        cursor,
        scrutin_id=scrutin.pk,
        agent_id=agent_id,
        credential=credential,
        voted_at=at,
        alphas=alphas,
    )
    if not written:
        raise WrongCode(
            _(
                "Votre notice de vote a été remplacée : utilisez le code de la nouvelle "
                "notice. Votre vote n'a pas été enregistré."
            )
        )


def _stored_product(stored: list) -> list[tuple[bytes, bytes]]:
    """The scrutin's running product as stored: the server's own state, never an input
    from outside, so decoded without the subgroup check that every received point gets
    (a scalar multiplication per point: 1.7 ms for 15 slots). Its only use is the close's
    comparison with the product recomputed from the verified ballots on the board, which
    is what catches a product altered in the database."""
    return [(bytes.fromhex(item["alpha"]), bytes.fromhex(item["beta"])) for item in stored]


def _running_product_add(cursor, *, scrutin: Scrutin, ciphertexts) -> None:
    """Multiply the scrutin's running product by this ballot's ciphertexts (row locked)."""
    stored, ballots = running_product_lock(cursor, scrutin_id=scrutin.pk)
    product = accumulate(_stored_product(stored), ciphertexts)
    running_product_store(
        cursor, scrutin_id=scrutin.pk, ciphertexts=ciphertexts_json(product), ballots=ballots + 1
    )


def ballot_accept(
    *,
    user,
    scrutin: Scrutin,
    data: bytes,
    at: datetime,
    request=None,
    state: VoteState | None = None,
    receipt_mail: bool = True,
) -> Receipt:
    """Accept `user`'s final ballot (canonical bytes) in `scrutin` at `at`: all or nothing.

    Raises a VoteRefused subclass and writes nothing when the vote is not allowed or the
    ballot is not valid. `state` is the vote state the caller read in this same request;
    a state read a moment earlier is safe: after the seal the roll, the manifest and the
    credentials are frozen, the close can only be pushed back, the calendar is checked at
    `at`, and the unique émargement refuses a vote cast meanwhile from another tab.
    """
    state = _checked_state(user=user, scrutin=scrutin, at=at, state=state)
    manifest = manifest_of(state)
    try:
        ballot = parse_ballot(data)
        verified = verify_ballot(ballot, manifest=manifest, allowed_credentials={state.credential})
    except BallotRejected as error:
        raise ballot_refusal(error.reason) from None
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # First what no other elector waits for: the α's, my credential, my émargement.
            _cast_rows(
                cursor,
                scrutin=scrutin,
                agent_id=user.agent_id,
                credential=state.credential,
                at=at,
                alphas=[alpha.hex() for alpha, _beta in verified.ciphertexts],
            )
            enqueue_after_vote(
                actor_id=getattr(user, "pk", None),
                to=user.email,
                scrutin=scrutin,
                at=at,
                tracker=verified.tracking_number,
                address=client_ip(request),
                mail=receipt_mail,
            )
            # Then the rows every voter of the scrutin, then of the campaign, waits for: held
            # from here to the commit, as briefly as the chain allows.
            _running_product_add(cursor, scrutin=scrutin, ciphertexts=verified.ciphertexts)
            event = board_append(
                campaign=state.campaign,
                kind=BoardEvent.Kind.BALLOT,
                payload=ballot,
                scrutin=scrutin.code,
                tracking_number=verified.tracking_number,
                encrypted_by=ballot["enc"],
            )
    except IntegrityError:
        existing = Participation.objects.filter(scrutin=scrutin, agent_id=user.agent_id).first()
        if existing is None:  # not the émargement: an α already on the board (a replay)
            raise ballot_refusal("duplicate_alpha") from None
        raise AlreadyVoted(
            _("Vous avez déjà voté à ce scrutin. Le vote est définitif."), existing.voted_at
        ) from None
    return Receipt(scrutin=scrutin, voted_at=at, tracker=verified.tracking_number, head=event.hash)
