"""Reads of campaigns and scrutins for views: the calendar and the elector space.

Every date question goes to the campaign's gates; nothing here compares dates.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _

from core.paris import paris_format

from .models import Campaign, Candidate, CandidateList, RollEntry, Scrutin
from .selectors_sql import scrutins_of_agent


@dataclass(frozen=True)
class CalendarStep:
    label: str
    starts: datetime
    is_current: bool
    is_past: bool


@dataclass(frozen=True)
class PublicCalendar:
    campaign: Campaign
    steps: list[CalendarStep]


def current_campaigns(*, at: datetime) -> list[Campaign]:
    """The campaigns under way at `at` (rolls date to archive), by opening then slug."""
    return list(Campaign.objects.current(at=at))


def public_calendars(*, at: datetime) -> list[PublicCalendar]:
    """The calendar of every current campaign, each step marked past / current / upcoming."""
    return [campaign_calendar(campaign, at=at) for campaign in current_campaigns(at=at)]


def internet_scrutins_by_campaign(*, at: datetime) -> list[tuple[Campaign, list[Scrutin]]]:
    """Each current campaign with its internet scrutins (those that have a ballot box)."""
    campaigns = current_campaigns(at=at)
    scrutins = Scrutin.objects.filter(campaign__in=campaigns, mode=Scrutin.Mode.INTERNET)
    return by_campaign(list(scrutins.select_related("campaign").order_by("campaign_id", "code")))


def current_mail_tag(*, at: datetime) -> str:
    """The mail tag of the first current campaign by opening ("" without one):
    settings.MAIL_TAG_SOURCE."""
    campaign = next(iter(current_campaigns(at=at)), None)
    return campaign.mail_tag if campaign else ""


def campaign_calendar(campaign: Campaign, *, at: datetime) -> PublicCalendar:
    """One campaign's calendar, each step marked past / current / upcoming at `at`."""
    steps = [
        CalendarStep(
            _("Listes électorales consultables"),
            campaign.rolls_from,
            campaign.rolls_published(at=at) and not campaign.candidacies_published(at=at),
            campaign.candidacies_published(at=at),
        ),
        CalendarStep(
            _("Candidatures et professions de foi publiées"),
            campaign.candidacies_from,
            campaign.candidacies_published(at=at) and campaign.voting_not_yet_open(at=at),
            not campaign.voting_not_yet_open(at=at),
        ),
        CalendarStep(
            _("Fin des demandes de mise à jour du profil"),
            campaign.profile_updates_until,
            False,
            not campaign.profile_updates_open(at=at),
        ),
        CalendarStep(
            _("Ouverture du vote"),
            campaign.voting_opens,
            campaign.voting_open(at=at),
            campaign.voting_closed(at=at),
        ),
        CalendarStep(
            _("Clôture du vote"), campaign.voting_closes, False, campaign.voting_closed(at=at)
        ),
        CalendarStep(
            _("Publication des résultats"),
            campaign.results_from,
            campaign.results_published(at=at),
            False,
        ),
    ]
    return PublicCalendar(campaign=campaign, steps=steps)


def overlapping_campaigns(campaign: Campaign) -> list[Campaign]:
    """The other campaigns open for voting at some instant `campaign` is (an operator's
    warning: their electors see both, each with its own ballot)."""
    others = Campaign.objects.exclude(pk=campaign.pk).filter(
        voting_opens__lt=campaign.voting_closes, voting_closes__gt=campaign.voting_opens
    )
    return list(others.in_order())


class ScrutinAmbiguous(Exception):
    """A scrutin code shared by several current campaigns, asked for without naming one
    (`?campagne=<slug>`): the page lists the campaigns to choose from."""

    def __init__(self, scrutins: list[Scrutin]) -> None:
        super().__init__("ambiguous scrutin code")
        self.scrutins = scrutins


def pick_scrutin(
    scrutins: list[Scrutin], *, at: datetime, campaign: str = "", current_only: bool = True
) -> Scrutin | None:
    """The one scrutin a code designates among `scrutins` (same code, their campaign
    selected): the campaign named by its slug if given, else the only current one.

    Codes are unique within a campaign, not across campaigns: when several current
    campaigns share a code, the URL must name the campaign (ScrutinAmbiguous otherwise).
    Past campaigns are reached only by naming them, and only when `current_only` is False.
    """
    candidates = [
        scrutin
        for scrutin in scrutins
        if scrutin.campaign.is_current(at=at) or (campaign and not current_only)
    ]
    if campaign:
        candidates = [scrutin for scrutin in candidates if scrutin.campaign.slug == campaign]
    if len(candidates) > 1:
        raise ScrutinAmbiguous(candidates)
    return candidates[0] if candidates else None


# --- The elector space -------------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    """One step of a scrutin, said with its date, and its state now.

    `state` is "available" (open since its date), "current" (the vote is under way),
    "upcoming" or "past"; `state_label` says it in words (never by colour alone).
    """

    text: str
    state: str
    state_label: str


@dataclass
class ScrutinCard:
    """One of my scrutins, with what is available at `at` and when the rest will be."""

    scrutin: Scrutin
    campaign: Campaign
    rolls_available: bool
    candidacies_available: bool
    voting_not_yet_open: bool
    voting_open: bool
    voting_closed: bool
    results_available: bool
    lists: list[CandidateList] = field(default_factory=list)
    # When I voted in it (my émargement).
    voted_at: datetime | None = None

    @property
    def can_vote_online(self) -> bool:
        """The "Voter" entry point: an internet scrutin while voting is open and not yet voted."""
        return not self.scrutin.is_paper and self.voting_open and self.voted_at is None

    @property
    def vote_url(self) -> str:
        return f"{reverse('ballots:vote', args=[self.scrutin.code])}?campagne={self.campaign.slug}"

    @property
    def milestones(self) -> list[Milestone]:
        def day(moment: datetime) -> str:
            return paris_format(moment, "j F Y")

        def instant(moment: datetime) -> str:
            return paris_format(moment, _("j F Y à H:i"))

        def published(available: bool) -> tuple[str, str]:
            return ("available", _("disponible")) if available else ("upcoming", _("à venir"))

        campaign = self.campaign
        if self.voting_open:
            vote_state = ("current", _("en cours"))
        elif self.voting_closed:
            vote_state = ("past", _("clos"))
        else:
            vote_state = ("upcoming", _("à venir"))
        vote_text = (
            _("Vote sur papier, clos le %(closes)s")
            if self.scrutin.is_paper
            else _("Vote par internet du %(opens)s au %(closes)s")
        )
        return [
            Milestone(
                _("Liste électorale consultable à partir du %(date)s")
                % {"date": day(campaign.rolls_from)},
                *published(self.rolls_available),
            ),
            Milestone(
                _("Candidatures et professions de foi publiées à partir du %(date)s")
                % {"date": day(campaign.candidacies_from)},
                *published(self.candidacies_available),
            ),
            Milestone(
                vote_text
                % {
                    "opens": instant(campaign.voting_opens),
                    "closes": instant(campaign.voting_closes),
                },
                *vote_state,
            ),
            Milestone(
                _("Résultats publiés à partir du %(date)s") % {"date": day(campaign.results_from)},
                *published(self.results_available),
            ),
        ]


def _card(scrutin: Scrutin, *, at: datetime) -> ScrutinCard:
    campaign = scrutin.campaign
    candidacies = campaign.candidacies_published(at=at)
    return ScrutinCard(
        scrutin=scrutin,
        campaign=campaign,
        rolls_available=campaign.rolls_published(at=at),
        candidacies_available=candidacies,
        voting_not_yet_open=campaign.voting_not_yet_open(at=at),
        voting_open=campaign.voting_open(at=at),
        voting_closed=campaign.voting_closed(at=at),
        results_available=campaign.results_published(at=at),
        voted_at=scrutin.my_voted_at,
    )


def agent_id_of(agent) -> int | None:
    """An agent's id, whether given the agent or its id (views have `request.user.agent_id`
    without reading the agent)."""
    return getattr(agent, "pk", agent)


LISTS = Prefetch("lists", queryset=CandidateList.objects.order_by("position"))
LISTS_WITH_CANDIDATES = Prefetch(
    "lists",
    queryset=CandidateList.objects.order_by("position").prefetch_related(
        Prefetch("candidates", queryset=Candidate.objects.order_by("rank"))
    ),
)


def load_lists(cards: list[ScrutinCard], *, candidates: bool = False) -> None:
    """Fill `card.lists` (with their candidates if asked) in one or two queries, for the cards
    whose candidacies are published; the others keep no list."""
    published = [card for card in cards if card.candidacies_available]
    scrutins = [card.scrutin for card in published]
    if not scrutins:
        return
    prefetch_related_objects(scrutins, LISTS_WITH_CANDIDATES if candidates else LISTS)
    for card in published:
        card.lists = list(card.scrutin.lists.all())


def my_scrutins(*, agent, at: datetime, with_lists: bool = True) -> list[ScrutinCard]:
    """The scrutins whose roll lists `agent` (an agent or its id) in every campaign current
    at `at`, by campaign (opening, slug) then code, in a constant number of queries.

    Two queries at most (scrutins with their campaign, seal and my émargements, in explicit
    SQL: ballots/selectors_sql.py; then lists),
    whatever the number of scrutins or lists: lists are read only once candidacies are
    published, and not at all without `with_lists` (the caller then calls `load_lists` for
    the cards it needs them for).
    """
    if agent is None:
        return []
    scrutins = scrutins_of_agent(agent_id=agent_id_of(agent))
    cards = [_card(scrutin, at=at) for scrutin in scrutins if scrutin.campaign.is_current(at=at)]
    if with_lists:
        load_lists(cards)
    return cards


def scrutins_to_vote(*, agent, at: datetime) -> list[ScrutinCard]:
    """My internet scrutins open to my vote at `at` and not voted yet, in my scrutins' order
    (the receipt's "next scrutin", the home's "Voter" buttons)."""
    return [
        card for card in my_scrutins(agent=agent, at=at, with_lists=False) if card.can_vote_online
    ]


def my_scrutin(
    *, agent, code: str, at: datetime, campaign: str = "", with_lists: bool = True
) -> ScrutinCard | None:
    """One of my scrutins in a current campaign (the one named by its slug `campaign`, if
    given) with its lists and candidates (unless `with_lists` is False), or None if I am not
    on its roll; ScrutinAmbiguous if the code is mine in several current campaigns."""
    if agent is None:
        return None
    scrutins = scrutins_of_agent(agent_id=agent_id_of(agent), code=code)
    scrutin = pick_scrutin(scrutins, at=at, campaign=campaign)
    if scrutin is None:
        return None
    card = _card(scrutin, at=at)
    if with_lists:
        load_lists([card], candidates=True)
    return card


def roll_entries(*, scrutin: Scrutin, search: str = "") -> QuerySet[RollEntry]:
    """A scrutin's electoral roll in alphabetical order, filtered by name if asked."""
    entries = RollEntry.objects.filter(scrutin=scrutin).select_related("agent")
    for word in search.split()[:4]:
        entries = entries.filter(
            Q(agent__surname__icontains=word) | Q(agent__first_name__icontains=word)
        )
    return entries.order_by("agent__surname", "agent__first_name", "agent_id")


def profile_updates_deadline(
    *, at: datetime, campaigns: list[Campaign] | None = None
) -> datetime | None:
    """Until when profile update requests are received at `at`: the latest deadline among
    the current campaigns still receiving them, or None when none does."""
    if campaigns is None:
        campaigns = current_campaigns(at=at)
    open_ = [c.profile_updates_until for c in campaigns if c.profile_updates_open(at=at)]
    return max(open_, default=None)


def by_campaign(items: list, *, campaign_of=lambda item: item.campaign) -> list[tuple]:
    """`items` grouped by their campaign as (campaign, items), in their given order."""
    groups: dict[int, tuple[Campaign, list]] = {}
    for item in items:
        campaign = campaign_of(item)
        groups.setdefault(campaign.pk, (campaign, []))[1].append(item)
    return list(groups.values())
