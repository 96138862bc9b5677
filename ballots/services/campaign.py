"""Creating a campaign, and the one guard every write to its configuration passes."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from ballots.models import Campaign
from core.audit import EventKind, record


class CampaignSealed(Exception):
    """The campaign is sealed: its rolls, lists and calendar can no longer change."""


def default_mail_tag(slug: str) -> str:
    """`electionspro2014` → `[Electionspro2014]`, the tag that starts every mail's subject."""
    return f"[{slug[:1].upper()}{slug[1:]}]"


def ensure_campaign_editable(campaign: Campaign) -> None:
    """Refuse any change to rolls, lists, scrutins or calendar once the campaign is sealed."""
    if campaign.is_sealed:
        raise CampaignSealed(
            _(
                "La campagne %(slug)s est scellée : ses scrutins, listes électorales, candidatures "
                "et son calendrier ne peuvent plus être modifiés."
            )
            % {"slug": campaign.slug}
        )


@transaction.atomic
def campaign_create(
    *,
    slug: str,
    name: str,
    rolls_from: datetime,
    candidacies_from: datetime,
    profile_updates_until: datetime,
    voting_opens: datetime,
    voting_closes: datetime,
    results_from: datetime,
    mail_tag: str = "",
    actor: User | None = None,
) -> Campaign:
    """Create a campaign whose calendar is in order (Campaign.clean and the DB constraints)."""
    campaign = Campaign(
        slug=slug,
        name=name,
        mail_tag=mail_tag or default_mail_tag(slug),
        rolls_from=rolls_from,
        candidacies_from=candidacies_from,
        profile_updates_until=profile_updates_until,
        voting_opens=voting_opens,
        voting_closes=voting_closes,
        results_from=results_from,
    )
    campaign.full_clean()
    campaign.save()
    record(
        EventKind.CAMPAIGN_CREATED,
        actor=actor,
        subject=slug,
        name=name,
        calendar={field: getattr(campaign, field).isoformat() for field in CALENDAR_FIELDS},
    )
    return campaign


@transaction.atomic
def campaign_save(*, campaign: Campaign, actor: User | None = None) -> Campaign:
    """Save a campaign edited in the admin: refused once sealed, calendar checked."""
    if campaign.pk is not None:
        ensure_campaign_editable(Campaign.objects.get(pk=campaign.pk))
    created = campaign.pk is None
    if not campaign.mail_tag:
        campaign.mail_tag = default_mail_tag(campaign.slug)
    campaign.full_clean()
    campaign.save()
    record(
        EventKind.CAMPAIGN_CREATED if created else EventKind.CAMPAIGN_CHANGED,
        actor=actor,
        subject=campaign.slug,
        calendar={field: getattr(campaign, field).isoformat() for field in CALENDAR_FIELDS},
    )
    return campaign


CALENDAR_FIELDS = [
    "rolls_from",
    "candidacies_from",
    "profile_updates_until",
    "voting_opens",
    "voting_closes",
    "results_from",
]


def validation_messages(error: ValidationError) -> list[str]:
    """A ValidationError as plain sentences, for commands."""
    if hasattr(error, "error_dict"):
        return [str(message) for messages in error.message_dict.values() for message in messages]
    return [str(message) for message in error.messages]
