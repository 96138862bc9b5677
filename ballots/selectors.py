"""Reads of campaigns and scrutins for views."""

from dataclasses import dataclass
from datetime import datetime

from .models import Campaign


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


def current_campaign(*, at: datetime) -> Campaign | None:
    """The campaign whose results are not yet superseded: the latest one by opening date."""
    return Campaign.objects.order_by("-voting_opens").first()


def public_calendar(*, at: datetime) -> PublicCalendar | None:
    """The current campaign's calendar, each step marked past / current / upcoming at `at`."""
    from django.utils.translation import gettext as _

    campaign = current_campaign(at=at)
    if campaign is None:
        return None
    steps = [
        CalendarStep(_("Listes électorales consultables"), campaign.rolls_from,
                     campaign.rolls_published(at=at) and not campaign.candidacies_published(at=at),
                     campaign.candidacies_published(at=at)),
        CalendarStep(_("Candidatures et professions de foi publiées"), campaign.candidacies_from,
                     campaign.candidacies_published(at=at) and campaign.voting_not_yet_open(at=at),
                     not campaign.voting_not_yet_open(at=at)),
        CalendarStep(_("Fin des demandes de mise à jour du profil"), campaign.profile_updates_until,
                     False, not campaign.profile_updates_open(at=at)),
        CalendarStep(_("Ouverture du vote"), campaign.voting_opens,
                     campaign.voting_open(at=at), campaign.voting_closed(at=at)),
        CalendarStep(_("Clôture du vote"), campaign.voting_closes,
                     False, campaign.voting_closed(at=at)),
        CalendarStep(_("Publication des résultats"), campaign.results_from,
                     campaign.results_published(at=at), False),
    ]
    return PublicCalendar(campaign=campaign, steps=steps)
