"""The vote's steps, each a function the ballot view calls with the request.

- `vote_prepare`: step 1 (`choice`) → the confirmation page, which says, before the
  elector confirms, that without JavaScript the server encrypts the choice for them.
- `vote_confirm_server`: step 2 without JavaScript (`choice`, `code`, `confirm=1`): the
  server makes the ballot with the credential derived from the code, then accepts it.
- `vote_cast_ballot`: step 2 from the booth (`ballot`, `confirm=1`): a ready ballot.

Both step 2s end in the same `ballot_accept`. The choice and the code live only in
the request (sensitive_variables: never in an error report).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ballots.forms_voting import BallotForm, BoothForm, ConfirmForm
from ballots.models import Scrutin
from ballots.selectors import scrutins_to_vote
from ballots.selectors_voting import ballot_lists, vote_state_of
from ballots.services.code_attempts import code_failure_record, code_wait
from ballots.services.voting import (
    Receipt,
    VoteRefused,
    WrongCode,
    ballot_accept,
    ballot_refusal,
    vote_cast,
)

TEMPLATE_BALLOT = "ballots/voting/ballot.html"
TEMPLATE_CONFIRM = "ballots/voting/confirm.html"
TEMPLATE_RECEIPT = "ballots/voting/receipt.html"
TEMPLATE_REFUSED = "ballots/voting/refused.html"
REFUSAL_STATUS = {
    "closed": 403,
    "paper": 403,
    "already_voted": 409,
    "invalid_choice": 400,
    "ballot_refused": 400,
}


@dataclass
class Step:
    """What to show next: a template, its context and the HTTP status."""

    template: str
    context: dict = field(default_factory=dict)
    status: int = 200
    headers: dict = field(default_factory=dict)


def _context(scrutin: Scrutin, **extra) -> dict:
    return {"scrutin": scrutin, "campaign": scrutin.campaign, **extra}


def vote_refused(scrutin: Scrutin, refusal: VoteRefused) -> Step:
    context = _context(scrutin, refusal=refusal, voted_at=getattr(refusal, "voted_at", None))
    return Step(TEMPLATE_REFUSED, context, REFUSAL_STATUS.get(refusal.code, 403))


def vote_ballot(scrutin: Scrutin, form: BallotForm | None = None, *, status: int = 200) -> Step:
    lists = ballot_lists(scrutin)
    form = form or BallotForm(scrutin=scrutin, lists=lists)
    return Step(TEMPLATE_BALLOT, _context(scrutin, form=form, lists=lists), status)


def _confirm_page(scrutin: Scrutin, form: ConfirmForm, *, choice: str, status: int) -> Step:
    chosen = next((lst for lst in ballot_lists(scrutin) if str(lst.pk) == choice), None)
    return Step(
        TEMPLATE_CONFIRM, _context(scrutin, form=form, chosen=chosen, choice=choice), status
    )


@sensitive_variables("data")
def vote_prepare(request: HttpRequest, scrutin: Scrutin, data) -> Step:
    """Step 1: a valid choice gets the confirmation page; nothing is written."""
    lists = ballot_lists(scrutin)
    form = BallotForm(data, scrutin=scrutin, lists=lists)
    if not form.is_valid():
        return vote_ballot(scrutin, form, status=400)
    if data.get("modify"):
        return vote_ballot(scrutin, form)
    confirm = ConfirmForm(
        initial={"choice": form.cleaned_data["choice"], "confirm": "1"},
        scrutin=scrutin,
        lists=lists,
    )
    return _confirm_page(scrutin, confirm, choice=form.cleaned_data["choice"], status=200)


def _receipt(request: HttpRequest, scrutin: Scrutin, receipt: Receipt) -> Step:
    """The receipt, and the way on: the next of my scrutins still open to my vote, if any,
    read only when the page shows it (a function: the template calls it; the booth's JSON
    answer never does)."""

    def next_card():
        to_vote = scrutins_to_vote(agent=request.user.agent_id, at=receipt.voted_at)
        return next(iter(to_vote), None)

    return Step(TEMPLATE_RECEIPT, _context(scrutin, receipt=receipt, next_card=next_card))


@sensitive_variables("data", "code", "choice")
def vote_confirm_server(request: HttpRequest, scrutin: Scrutin, data, *, at: datetime) -> Step:
    """Step 2 without JavaScript: check the code, let the server make the ballot, accept it.

    A wrong code writes nothing but a counter, and past a few makes the elector wait.
    """
    lists = ballot_lists(scrutin)
    form = ConfirmForm(data, scrutin=scrutin, lists=lists)
    if not form.is_valid():
        if "choice" in form.errors:
            return vote_ballot(scrutin, BallotForm(data, scrutin=scrutin, lists=lists), status=400)
        return _confirm_page(scrutin, form, choice=form.cleaned_data["choice"], status=400)
    choice, code = form.cleaned_data["choice"], form.cleaned_data["code"]
    wait = code_wait(agent_id=request.user.agent_id, at=at)
    if wait:
        seconds = math.ceil(wait.total_seconds())
        form.add_error(
            "code",
            _(
                "Plusieurs codes erronés ont été saisis : patientez %(s)s secondes avant de "
                "réessayer. Votre vote n'a pas été enregistré."
            )
            % {"s": seconds},
        )
        step = _confirm_page(scrutin, form, choice=choice, status=429)
        step.headers["Retry-After"] = str(seconds)
        return step
    state = vote_state_of(scrutin)
    try:
        receipt = vote_cast(
            user=request.user,
            scrutin=scrutin,
            choice=choice,
            code=code,
            at=at,
            request=request,
            state=state,
        )
    except WrongCode as refusal:
        code_failure_record(user=request.user, scrutin_code=scrutin.code, at=at, request=request)
        form.add_error("code", str(refusal))
        return _confirm_page(scrutin, form, choice=choice, status=400)
    except VoteRefused as refusal:
        return vote_refused(scrutin, refusal)
    return _receipt(request, scrutin, receipt)


@sensitive_variables("data")
def vote_cast_ballot(request: HttpRequest, scrutin: Scrutin, data, *, at: datetime) -> Step:
    """Step 2 from the booth: a ballot made and signed in the browser, accepted as it is."""
    form = BoothForm(data)
    if not form.is_valid():
        return vote_refused(scrutin, ballot_refusal("malformed"))
    try:
        receipt = ballot_accept(
            user=request.user,
            scrutin=scrutin,
            data=form.cleaned_data["ballot"].encode("utf-8"),
            at=at,
            request=request,
            state=vote_state_of(scrutin),
        )
    except VoteRefused as refusal:
        return vote_refused(scrutin, refusal)
    return _receipt(request, scrutin, receipt)
