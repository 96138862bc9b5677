"""Helpers shared by the vote's management commands (campaign lookup, Paris times)."""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ballots.models import Campaign
from core.paris import parse_paris_datetime


def add_campaign_option(parser) -> None:
    """The `--campaign SLUG` option every campaign command takes, explained the same way."""
    parser.add_argument(
        "--campaign",
        required=True,
        metavar="SLUG",
        help=_("identifiant de la campagne (celui de create_campaign, ex. electionspro2014)"),
    )


def campaign_or_error(slug: str) -> Campaign:
    campaign = Campaign.objects.filter(slug=slug).first()
    if campaign is None:
        raise CommandError(_("Campagne inconnue : %(slug)s.") % {"slug": slug})
    return campaign


def datetime_option(text: str, *, option: str) -> datetime:
    """The value of a date-time option (core.paris.parse_paris_datetime), or a CommandError."""
    try:
        return parse_paris_datetime(text)
    except ValueError:
        raise CommandError(
            _(
                "%(option)s : date et heure ISO attendues, par exemple "
                "2014-12-04T19:00, reçu « %(text)s »."
            )
            % {"option": option, "text": text}
        ) from None
