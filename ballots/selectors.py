"""Reads of campaigns and scrutins for views: the calendar and the elector space.

Every date question goes to the campaign's gates; nothing here compares dates.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

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


def current_campaigns() -> QuerySet[Campaign]:
    """Campaigns, the current one first (the latest by opening date)."""
    return Campaign.objects.order_by("-voting_opens")


def current_campaign(*, at: datetime) -> Campaign | None:
    """The campaign whose results are not yet superseded: the latest one by opening date."""
    return current_campaigns().first()


def current_mail_tag(*, at: datetime) -> str:
    """The current campaign's mail tag ("" without a campaign): settings.MAIL_TAG_SOURCE."""
    campaign = current_campaign(at=at)
    return campaign.mail_tag if campaign else ""


def public_calendar(*, at: datetime) -> PublicCalendar | None:
    """The current campaign's calendar, each step marked past / current / upcoming at `at`."""
    from django.utils.translation import gettext as _

    campaign = current_campaign(at=at)
    if campaign is None:
        return None
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
        from django.urls import reverse

        return reverse("ballots:vote", args=[self.scrutin.code])

    @property
    def milestones(self) -> list[Milestone]:
        from django.utils.formats import date_format
        from django.utils.timezone import localtime
        from django.utils.translation import gettext as _

        def day(moment: datetime) -> str:
            return date_format(localtime(moment), "j F Y")

        def instant(moment: datetime) -> str:
            return date_format(localtime(moment), _("j F Y à H:i"))

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
    """The current campaign's scrutins whose roll lists `agent` (an agent or its id), in a
    constant number of queries.

    Two queries at most (scrutins with their campaign, seal and my émargements, in explicit
    SQL: ballots/selectors_sql.py; then lists),
    whatever the number of scrutins or lists: lists are read only once candidacies are
    published, and not at all without `with_lists` (the caller then calls `load_lists` for
    the cards it needs them for).
    """
    if agent is None:
        return []
    scrutins = scrutins_of_agent(agent_id=agent_id_of(agent))
    cards = [_card(scrutin, at=at) for scrutin in scrutins]
    if with_lists:
        load_lists(cards)
    return cards


def my_scrutin(*, agent, code: str, at: datetime, with_lists: bool = True) -> ScrutinCard | None:
    """One of my scrutins with its lists and candidates (unless `with_lists` is False), or None
    if I am not on its roll."""
    if agent is None:
        return None
    scrutins = scrutins_of_agent(agent_id=agent_id_of(agent), code=code)
    if not scrutins:
        return None
    card = _card(scrutins[0], at=at)
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


@dataclass(frozen=True)
class ElectorDashboard:
    """The elector-space home: profile, my scrutins, the calendar and what is open now."""

    agent: object
    campaign: Campaign | None
    calendar: PublicCalendar | None
    scrutin_count: int
    profile_updates_open: bool
    now_open: list[str]


def elector_dashboard(*, user, at: datetime) -> ElectorDashboard:
    """What `/electeur/` shows a logged-in elector (included by accounts' home view)."""
    from django.utils.translation import gettext as _

    agent = getattr(user, "agent", None)
    calendar = public_calendar(at=at)
    campaign = calendar.campaign if calendar else None
    now_open: list[str] = []
    scrutin_count = 0
    if campaign is not None:
        if agent is not None:
            scrutin_count = RollEntry.objects.filter(
                agent=agent, scrutin__campaign=campaign
            ).count()
        if campaign.profile_updates_open(at=at):
            now_open.append(_("Demandes de mise à jour du profil"))
        if campaign.rolls_published(at=at):
            now_open.append(_("Consultation des listes électorales"))
        if campaign.candidacies_published(at=at):
            now_open.append(_("Candidatures et professions de foi"))
        if campaign.voting_open(at=at):
            now_open.append(_("Vote par internet"))
        if campaign.results_published(at=at):
            now_open.append(_("Résultats"))
    return ElectorDashboard(
        agent=agent,
        campaign=campaign,
        calendar=calendar,
        scrutin_count=scrutin_count,
        profile_updates_open=bool(campaign and campaign.profile_updates_open(at=at)),
        now_open=now_open,
    )
