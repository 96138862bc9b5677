"""Public pages of the count: results (from the results date), the box (after the close),
and the turnout (counts only, during and after the vote)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.views.generic import TemplateView

from ballots import crypto
from ballots.models import Campaign, Scrutin
from ballots.selectors import ScrutinAmbiguous, current_campaigns, pick_scrutin
from ballots.selectors_voting import (
    box_digest_of,
    box_trackers,
    campaign_turnout,
    published_result,
    published_results,
    tracker_in_box,
)

from .access import choose_campaign

TRACKERS_PER_PAGE = 500


@dataclass(frozen=True)
class CampaignResults:
    campaign: Campaign
    published: bool
    sheets: list


@dataclass(frozen=True)
class CampaignTurnout:
    campaign: Campaign
    started: bool
    rows: list


class CampaignPageMixin:
    """The campaigns a public page shows: the one named by `?campagne=<slug>` (current or
    archived), else every current campaign; `scrutin()` finds a code among them."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.at = timezone.now()
        self.slug = request.GET.get("campagne", "")
        if self.slug:
            self.campaigns = list(Campaign.objects.filter(slug=self.slug))
            if not self.campaigns:
                raise Http404("no such campaign")
        else:
            self.campaigns = current_campaigns(at=self.at)

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ScrutinAmbiguous as error:
            return choose_campaign(request, error)

    def scrutin(self) -> Scrutin:
        scrutins = Scrutin.objects.filter(code=self.kwargs["code"]).select_related("campaign")
        found = pick_scrutin(
            list(scrutins.order_by("campaign__voting_opens", "campaign__slug")),
            at=self.at,
            campaign=self.slug,
            current_only=False,
        )
        if found is None:
            raise Http404("no such scrutin")
        self.campaign = found.campaign
        return found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaigns"] = self.campaigns
        return context


class ResultsView(CampaignPageMixin, TemplateView):
    """Every current campaign's results (or the named one's), and the archived campaigns."""

    template_name = "ballots/results/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = [
            CampaignResults(
                campaign,
                campaign.results_published(at=self.at),
                published_results(campaign, at=self.at),
            )
            for campaign in self.campaigns
        ]
        context["past"] = [] if self.slug else list(Campaign.objects.past(at=self.at))
        return context


class ResultView(CampaignPageMixin, TemplateView):
    template_name = "ballots/results/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scrutin = self.scrutin()
        context["scrutin"] = scrutin
        context["campaign"] = self.campaign
        context["published"] = self.campaign.results_published(at=self.at)
        context["sheet"] = published_result(scrutin, at=self.at)
        return context


class ProcesVerbalView(ResultView):
    """The printable procès-verbal of one scrutin (404 until the result is published)."""

    template_name = "ballots/results/proces_verbal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["sheet"] is None:
            raise Http404
        context["printed_at"] = self.at
        return context


class BoxView(CampaignPageMixin, TemplateView):
    """After the close: the box's trackers in sorted order, its digest, and a GET search."""

    template_name = "ballots/results/box.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scrutin = self.scrutin()
        context["scrutin"] = scrutin
        context["campaign"] = self.campaign
        context["closed"] = closed = self.campaign.voting_closed(at=self.at)
        if not closed or scrutin.is_paper:
            return context
        query = self.request.GET.get("suivi", "")
        if query.strip():
            wanted = crypto.normalise_tracker(query)
            context["searched"] = crypto.format_tracker(wanted)
            context["found"] = tracker_in_box(scrutin, wanted)
        page = Paginator(box_trackers(scrutin), TRACKERS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        context["page"] = page
        context["trackers"] = [crypto.format_tracker(tracker) for tracker in page.object_list]
        context["digest"] = box_digest_of(scrutin)
        context["query"] = query
        return context


class TurnoutView(CampaignPageMixin, TemplateView):
    """Public turnout per internet scrutin of each current campaign: voters / registered,
    from the opening."""

    template_name = "ballots/results/turnout.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = []
        for campaign in self.campaigns:
            started = not campaign.voting_not_yet_open(at=self.at)
            rows = campaign_turnout(campaign) if started else []
            groups.append(CampaignTurnout(campaign, started, rows))
        context["groups"] = groups
        context["at"] = self.at
        return context
