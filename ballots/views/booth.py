"""The voting booth (all my open scrutins in one visit, encrypted in the browser) and the
page that checks an audited ballot.

The booth page is the only page whose Content-Security-Policy allows
'wasm-unsafe-eval' (libsodium runs as WebAssembly); every other page keeps the
portal's policy. Without JavaScript the page lists the scrutins, each voted through its
own ballot page (the server encrypts).
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csp import csp_override

from ballots.booth_assets import booth_page_assets
from ballots.forms_voting import AuditForm
from ballots.selectors import scrutins_to_vote
from ballots.selectors_voting import ballot_lists, ballot_scrutin
from ballots.services.audits import ballot_audit

from .access import ElectorRequiredMixin
from .booth_messages import booth_messages

BOOTH_CSP = {
    **settings.SECURE_CSP,
    "script-src": [*settings.SECURE_CSP["script-src"], CSP.WASM_UNSAFE_EVAL],
}


def _booth_scrutin(card, *, agent: int, at) -> dict | None:
    """What the booth needs of one scrutin: its manifest, my public credential, its lists
    in slot order (slot 0 is the blank vote) and where to post the ballot."""
    scrutin = ballot_scrutin(
        agent=agent, code=card.scrutin.code, at=at, campaign=card.campaign.slug
    )
    if scrutin is None or not scrutin.manifest or not scrutin.credential:
        return None
    slug = scrutin.campaign.slug
    lists = [
        {
            "slot": slot,
            "acronym": lst.acronym,
            "organisation": lst.organisation,
            "pdf": reverse("ballots:profession_de_foi", args=[scrutin.code, lst.position])
            + f"?campagne={slug}"
            if lst.profession_de_foi
            else "",
        }
        for slot, lst in enumerate(ballot_lists(scrutin), start=1)
    ]
    return {
        "code": scrutin.code,
        "campaign": slug,
        "title": scrutin.label,
        "kind": scrutin.get_kind_display(),
        "manifest": scrutin.manifest,
        "fingerprint": scrutin.fingerprint,
        "credential": scrutin.credential,
        "lists": lists,
        "vote_url": reverse("ballots:vote", args=[scrutin.code]) + f"?campagne={slug}",
        "box_url": reverse("ballots:box", args=[scrutin.code]) + f"?campagne={slug}",
    }


@method_decorator([never_cache, csp_override(BOOTH_CSP)], name="dispatch")
class BoothView(ElectorRequiredMixin, View):
    """GET only: the page carries public data (manifests, my public credentials); the
    ballots go to each scrutin's vote URL."""

    def get(self, request):
        at = timezone.now()
        cards = scrutins_to_vote(agent=request.user.agent_id, at=at)
        scrutins = [
            item
            for card in cards
            if (item := _booth_scrutin(card, agent=request.user.agent_id, at=at)) is not None
        ]
        context = {
            "cards": cards,
            "booth_scrutins": scrutins,
            "assets": booth_page_assets() if scrutins else None,
            "audit_url": reverse("ballots:audit"),
            "messages_js": booth_messages(),
        }
        return render(request, "ballots/voting/booth.html", context)


class AuditView(View):
    """Checks an audit file (a ballot the booth did not cast, its randomness and choice):
    public, so that anyone can check one. It never casts anything; a checked ballot of a
    sealed scrutin can never be cast afterwards (its α are taken)."""

    template = "ballots/voting/audit.html"

    def get(self, request):
        return render(request, self.template, {"form": AuditForm()})

    def post(self, request):
        form = AuditForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template, {"form": form}, status=400)
        outcome = ballot_audit(data=form.audit_bytes(), at=timezone.now(), request=request)
        status = 200 if outcome.ok else 400
        return render(
            request, self.template, {"form": AuditForm(), "outcome": outcome}, status=status
        )
