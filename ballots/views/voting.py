"""The ballot: step 1 (choice) → confirmation; step 2 (choice, password, confirm=1) → receipt.

The receipt is the response to step 2 itself: the tracker is shown once and is
stored nowhere that knows the voter (no session, no message, no URL).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from ballots.forms_voting import BallotForm, ConfirmForm
from ballots.models import Scrutin
from ballots.selectors import ScrutinAmbiguous, scrutins_to_vote
from ballots.selectors_voting import ballot_lists, ballot_scrutin, vote_state_of
from ballots.services.voting import VoteRefused, vote_cast, vote_refusal

from .access import ElectorRequiredMixin, choose_campaign

REFUSAL_STATUS = {"closed": 403, "paper": 403, "already_voted": 409, "invalid_choice": 400}


def elector_scrutin(request: HttpRequest, code: str, *, at) -> Scrutin:
    """One of my scrutins with its vote state and lists (two queries); any other code is a 404.
    `?campagne=<slug>` names the campaign when several current ones share the code."""
    scrutin = ballot_scrutin(
        agent=request.user.agent_id, code=code, at=at, campaign=request.GET.get("campagne", "")
    )
    if scrutin is None:
        raise Http404("not on this roll")
    return scrutin


@method_decorator([never_cache, sensitive_post_parameters("password", "choice")], name="dispatch")
class VoteView(ElectorRequiredMixin, View):
    template_ballot = "ballots/voting/ballot.html"
    template_confirm = "ballots/voting/confirm.html"
    template_receipt = "ballots/voting/receipt.html"
    template_refused = "ballots/voting/refused.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.at = timezone.now()

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ScrutinAmbiguous as error:
            return choose_campaign(request, error)

    def _context(self, scrutin: Scrutin, **extra) -> dict:
        return {"scrutin": scrutin, "campaign": scrutin.campaign, **extra}

    def _refused(self, request, scrutin: Scrutin, refusal: VoteRefused) -> HttpResponse:
        context = self._context(
            scrutin, refusal=refusal, voted_at=getattr(refusal, "voted_at", None)
        )
        return render(
            request, self.template_refused, context, status=REFUSAL_STATUS.get(refusal.code, 403)
        )

    def _refusal(self, request, scrutin: Scrutin) -> VoteRefused | None:
        return vote_refusal(
            agent=request.user.agent_id, scrutin=scrutin, at=self.at, state=vote_state_of(scrutin)
        )

    def get(self, request, code: str):
        scrutin = elector_scrutin(request, code, at=self.at)
        refusal = self._refusal(request, scrutin)
        if refusal is not None:
            return self._refused(request, scrutin, refusal)
        lists = ballot_lists(scrutin)
        form = BallotForm(scrutin=scrutin, lists=lists)
        return render(request, self.template_ballot, self._context(scrutin, form=form, lists=lists))

    def post(self, request, code: str):
        scrutin = elector_scrutin(request, code, at=self.at)
        refusal = self._refusal(request, scrutin)
        if refusal is not None:
            return self._refused(request, scrutin, refusal)
        lists = ballot_lists(scrutin)
        if request.POST.get("confirm") == "1":
            return self._cast(request, scrutin, lists)
        form = BallotForm(request.POST, scrutin=scrutin, lists=lists)
        if not form.is_valid() or request.POST.get("modify"):
            status = 200 if form.is_valid() else 400
            return render(
                request,
                self.template_ballot,
                self._context(scrutin, form=form, lists=lists),
                status=status,
            )
        confirm = ConfirmForm(
            initial={"choice": form.cleaned_data["choice"], "confirm": "1"},
            scrutin=scrutin,
            lists=lists,
            request=request,
        )
        return render(
            request,
            self.template_confirm,
            self._context(
                scrutin, form=confirm, chosen=form.chosen_list(), choice=form.cleaned_data["choice"]
            ),
        )

    def _cast(self, request, scrutin: Scrutin, lists) -> HttpResponse:
        form = ConfirmForm(request.POST, scrutin=scrutin, lists=lists, request=request)
        if not form.is_valid():
            if "choice" in form.errors:
                ballot = BallotForm(request.POST, scrutin=scrutin, lists=lists)
                return render(
                    request,
                    self.template_ballot,
                    self._context(scrutin, form=ballot, lists=lists),
                    status=400,
                )
            return render(
                request,
                self.template_confirm,
                self._context(
                    scrutin,
                    form=form,
                    chosen=form.chosen_list(),
                    choice=form.cleaned_data["choice"],
                ),
                status=400,
            )
        try:
            # The instant of casting decides, not the instant step 1 was shown.
            receipt = vote_cast(
                user=request.user,
                scrutin=scrutin,
                choice=form.cleaned_data["choice"],
                at=timezone.now(),
                request=request,
                state=vote_state_of(scrutin),
            )
        except VoteRefused as refusal:
            return self._refused(request, scrutin, refusal)
        # The way on: the next of my scrutins still open to my vote, if any.
        to_vote = scrutins_to_vote(agent=request.user.agent_id, at=timezone.now())
        return render(
            request,
            self.template_receipt,
            self._context(scrutin, receipt=receipt, next_card=next(iter(to_vote), None)),
        )
