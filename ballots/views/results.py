"""Public pages of the count: results (from the results date), the box (after the close),
and the turnout (counts only, during and after the vote)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from ballots import crypto
from ballots.models import Scrutin
from ballots.selectors import current_campaign
from ballots.selectors_voting import (
    box_digest_of,
    box_trackers,
    campaign_turnout,
    published_result,
    published_results,
    tracker_in_box,
)

TRACKERS_PER_PAGE = 500


class CampaignPageMixin:
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.at = timezone.now()
        self.campaign = current_campaign(at=self.at)
        if self.campaign is None:
            raise Http404

    def scrutin(self) -> Scrutin:
        return get_object_or_404(
            Scrutin.objects.select_related("campaign"),
            campaign=self.campaign,
            code=self.kwargs["code"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.campaign
        return context


class ResultsView(CampaignPageMixin, TemplateView):
    template_name = "ballots/results/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["published"] = self.campaign.results_published(at=self.at)
        context["sheets"] = published_results(self.campaign, at=self.at)
        return context


class ResultView(CampaignPageMixin, TemplateView):
    template_name = "ballots/results/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scrutin = self.scrutin()
        context["scrutin"] = scrutin
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
    """Public turnout per internet scrutin: voters / registered, from the opening."""

    template_name = "ballots/results/turnout.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        started = not self.campaign.voting_not_yet_open(at=self.at)
        context["started"] = started
        context["rows"] = campaign_turnout(self.campaign) if started else []
        context["at"] = self.at
        return context
