"""Helpers shared by the vote's management commands (campaign lookup, Paris times, the
credential authority's output folder)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ballots.models import Campaign
from ballots.services.credentials import CredentialsError
from core.csvfiles import path_problem
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


def add_out_option(parser, *, help: str) -> None:
    """The credential authority's `--out DOSSIER`, where its files are written."""
    parser.add_argument("--out", required=True, metavar="DOSSIER", help=help)


@contextmanager
def authority_errors(out: str) -> Iterator[None]:
    """The credential authority's refusals, and a folder it cannot write to, as a French
    sentence (CommandError): never a traceback."""
    try:
        yield
    except CredentialsError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(
            _("Impossible d'écrire dans %(dir)s (%(error)s).")
            % {"dir": out, "error": path_problem(error)}
        ) from None
