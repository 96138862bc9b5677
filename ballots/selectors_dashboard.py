"""The elector-space home: each current campaign's calendar, what is open now and the
scrutins open to my vote (the "Voter" buttons)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Campaign, RollEntry
from .selectors import (
    PublicCalendar,
    ScrutinCard,
    campaign_calendar,
    current_campaigns,
    profile_updates_deadline,
    scrutins_to_vote,
)


@dataclass(frozen=True)
class CampaignNow:
    """One current campaign on the elector-space home: its calendar, what is open, and how
    many of its scrutins list me."""

    calendar: PublicCalendar
    scrutin_count: int
    now_open: list[tuple[str, str]]  # (what, where)
    # My internet scrutins of this campaign open to my vote now (the "Voter" buttons).
    to_vote: list[ScrutinCard] = field(default_factory=list)

    @property
    def campaign(self) -> Campaign:
        return self.calendar.campaign


@dataclass(frozen=True)
class ElectorDashboard:
    """The elector-space home: profile, my scrutins, and each current campaign's calendar
    and what is open now."""

    agent: object
    campaigns: list[CampaignNow]
    scrutin_count: int
    # The latest profile-request deadline still open among the current campaigns.
    profile_updates_until: datetime | None

    @property
    def profile_updates_open(self) -> bool:
        return self.profile_updates_until is not None


def _open_now(campaign: Campaign, *, at: datetime, to_vote: list) -> list[tuple[str, str]]:
    """What is open, each with where to do it: (label, url)."""
    scrutins = reverse("ballots:my_scrutins")
    gates = [
        (campaign.profile_updates_open, _("Demandes de mise à jour du profil"), "profile_update"),
        (campaign.rolls_published, _("Consultation des listes électorales"), "my_scrutins"),
        (campaign.candidacies_published, _("Candidatures et professions de foi"), "my_scrutins"),
        (campaign.voting_open, _("Vote par internet"), "vote"),
        (campaign.results_published, _("Résultats"), "results"),
    ]
    return [
        (label, to_vote[0].vote_url if to_vote else scrutins)
        if name == "vote"
        else (label, reverse(f"ballots:{name}"))
        for gate, label, name in gates
        if gate(at=at)
    ]


def elector_dashboard(*, user, at: datetime) -> ElectorDashboard:
    """What `/electeur/` shows a logged-in elector (ballots.views.pages.ElectorHomeView)."""
    agent = getattr(user, "agent", None)
    campaigns = current_campaigns(at=at)
    counts: dict[int, int] = {}
    if agent is not None and campaigns:
        rows = (
            RollEntry.objects.filter(agent=agent, scrutin__campaign__in=campaigns)
            .values_list("scrutin__campaign_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts = dict(rows)
    voting = any(campaign.voting_open(at=at) for campaign in campaigns)
    to_vote = scrutins_to_vote(agent=agent, at=at) if voting else []
    now = []
    for campaign in campaigns:
        mine = [card for card in to_vote if card.campaign.pk == campaign.pk]
        now.append(
            CampaignNow(
                calendar=campaign_calendar(campaign, at=at),
                scrutin_count=counts.get(campaign.pk, 0),
                now_open=_open_now(campaign, at=at, to_vote=mine),
                to_vote=mine,
            )
        )
    return ElectorDashboard(
        agent=agent,
        campaigns=now,
        scrutin_count=sum(counts.values()),
        profile_updates_until=profile_updates_deadline(at=at, campaigns=campaigns),
    )
