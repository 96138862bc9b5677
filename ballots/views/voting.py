"""The ballot page: GET shows it; POST runs one step of the vote flow (ballots/flows/voting.py).

Step 1 posts `choice`; step 2 posts `choice`, `code` and `confirm=1` (without
JavaScript) or `ballot` and `confirm=1` (the booth). The receipt is the response to
step 2 itself: the tracking number is shown once and stored nowhere that knows the
voter (no session, no message, no URL).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from ballots.flows.booth import booth_answer, booth_wants_json
from ballots.flows.voting import (
    Step,
    vote_ballot,
    vote_cast_ballot,
    vote_confirm_server,
    vote_prepare,
    vote_refused,
)
from ballots.models import Scrutin
from ballots.selectors import ScrutinAmbiguous
from ballots.selectors_voting import ballot_scrutin, vote_state_of
from ballots.services.voting import vote_refusal

from .access import ElectorRequiredMixin, choose_campaign


def elector_scrutin(request: HttpRequest, code: str, *, at, lists: bool = True) -> Scrutin:
    """One of my scrutins with its vote state and lists (two queries; one without the lists);
    any other code is a 404. `?campagne=<slug>` names the campaign when several current ones
    share the code."""
    scrutin = ballot_scrutin(
        agent=request.user.agent_id,
        code=code,
        at=at,
        campaign=request.GET.get("campagne", ""),
        lists=lists,
    )
    if scrutin is None:
        raise Http404("not on this roll")
    return scrutin


@method_decorator(
    [never_cache, sensitive_post_parameters("choice", "code", "ballot")], name="dispatch"
)
class VoteView(ElectorRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ScrutinAmbiguous as error:
            return choose_campaign(request, error)

    def _show(self, request, step: Step):
        if booth_wants_json(request):
            return booth_answer(step)
        response = render(request, step.template, step.context, status=step.status)
        for name, value in step.headers.items():
            response[name] = value
        return response

    def get(self, request, code: str):
        at = timezone.now()
        scrutin = elector_scrutin(request, code, at=at)
        refusal = vote_refusal(
            agent=request.user.agent_id, scrutin=scrutin, at=at, state=vote_state_of(scrutin)
        )
        if refusal is not None:
            return self._show(request, vote_refused(scrutin, refusal))
        return self._show(request, vote_ballot(scrutin))

    def post(self, request, code: str):
        at = timezone.now()  # the instant of casting decides, not when step 1 was shown
        data = request.POST
        ready_ballot = data.get("confirm") == "1" and "ballot" in data
        scrutin = elector_scrutin(request, code, at=at, lists=not ready_ballot)
        refusal = vote_refusal(
            agent=request.user.agent_id, scrutin=scrutin, at=at, state=vote_state_of(scrutin)
        )
        if refusal is not None:
            return self._show(request, vote_refused(scrutin, refusal))
        if data.get("confirm") != "1":
            return self._show(request, vote_prepare(request, scrutin, data))
        if ready_ballot:
            return self._show(request, vote_cast_ballot(request, scrutin, data, at=at))
        return self._show(request, vote_confirm_server(request, scrutin, data, at=at))
