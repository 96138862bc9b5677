"""Public pages of the count: results (from the results date), the public board of each
scrutin (from the opening), and the turnout (counts only, during and after the vote)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from ballots.models import Campaign, Scrutin
from ballots.protocol import format_tracking_number, normalise_tracking_number
from ballots.selectors import ScrutinAmbiguous, current_campaigns, pick_scrutin
from ballots.selectors_board import (
    board_head,
    encryption_counts,
    scrutin_events,
    tracking_number_on_board,
    tracking_numbers,
)
from ballots.selectors_voting import (
    campaign_turnout,
    proces_verbal_facts,
    published_result,
    published_results,
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
        context["facts"] = proces_verbal_facts(context["scrutin"])
        return context


class BoxView(CampaignPageMixin, TemplateView):
    """The scrutin's public board, live from the opening: every tracking number (sorted),
    the board's head, a search by tracking number, the count of server-encrypted ballots."""

    template_name = "ballots/results/box.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scrutin = self.scrutin()
        context["scrutin"] = scrutin
        context["campaign"] = self.campaign
        context["open"] = started = not self.campaign.voting_not_yet_open(at=self.at)
        if not started or scrutin.is_paper:
            return context
        query = self.request.GET.get("suivi", "")[:200]
        if query.strip():
            wanted = normalise_tracking_number(query)
            context["searched"] = format_tracking_number(wanted)
            context["found"] = tracking_number_on_board(scrutin, wanted)
        page = Paginator(tracking_numbers(scrutin), TRACKERS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        context["page"] = page
        context["trackers"] = [format_tracking_number(number) for number in page.object_list]
        context["board"] = board_head(self.campaign)
        context["encryption"] = encryption_counts(scrutin)
        context["fingerprint"] = scrutin.fingerprint
        context["query"] = query
        return context


class BoxDownloadView(CampaignPageMixin, View):
    """The scrutin's board events as JSON (the campaign's archive holds the whole chain)."""

    def get(self, request, code: str):
        scrutin = self.scrutin()
        if self.campaign.voting_not_yet_open(at=self.at) or scrutin.is_paper:
            raise Http404
        board = board_head(self.campaign)
        head = {
            "campaign": self.campaign.slug,
            "scrutin": scrutin.code,
            "head": board.head if board else "",
            "height": board.height if board else 0,
        }
        prefix = json.dumps(head, ensure_ascii=False)[:-1] + ', "events": ['

        def chunks():
            yield prefix
            for number, event in enumerate(scrutin_events(scrutin)):
                yield ("," if number else "") + json.dumps(event, ensure_ascii=False)
            yield "]}\n"

        response = StreamingHttpResponse(chunks(), content_type="application/json")
        response["Content-Disposition"] = (
            f'attachment; filename="tableau-{self.campaign.slug}-{scrutin.code}.json"'
        )
        return response


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
