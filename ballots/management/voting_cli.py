"""Helpers shared by the vote's management commands (campaign lookup, Paris times)."""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ballots.models import Campaign


def campaign_or_error(slug: str) -> Campaign:
    campaign = Campaign.objects.filter(slug=slug).first()
    if campaign is None:
        raise CommandError(_("Campagne inconnue : %(slug)s.") % {"slug": slug})
    return campaign


def paris_datetime(text: str, *, option: str) -> datetime:
    """An ISO date-time; without an offset it is read as Paris time."""
    value = parse_datetime(text.strip().replace(" ", "T", 1)) if text else None
    if value is None:
        raise CommandError(
            _(
                "%(option)s : date et heure ISO attendues, par exemple "
                "2014-12-04T19:00, reçu « %(text)s »."
            )
            % {"option": option, "text": text}
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value
