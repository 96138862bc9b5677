"""The turnout file unions receive (the 2014 system sent it daily): one CSV row per
internet scrutin and académie, voters counted up to an instant. Counts only."""

from collections.abc import Iterable
from datetime import datetime
from typing import TextIO

from django.utils import timezone

from ballots.models import Campaign
from ballots.selectors_voting import turnout_by_academie
from core.audit import EventKind, record
from core.csvfiles import SafeCsvWriter

TURNOUT_COLUMNS = [
    "campagne",
    "scrutin",
    "libelle",
    "academie",
    "inscrits",
    "votants",
    "participation",
    "au",
]


def turnout_export(
    *, campaigns: Iterable[Campaign], out: TextIO, at: datetime, actor=None, request=None
) -> int:
    """Write the turnout CSV of these campaigns at `at` (columns TURNOUT_COLUMNS,
    participation in percent with a dot, `au` the instant in Paris time); returns the rows."""
    writer = SafeCsvWriter(out, lineterminator="\n")
    writer.writerow(TURNOUT_COLUMNS)
    instant = timezone.localtime(at).isoformat(timespec="seconds")
    total = 0
    for campaign in campaigns:
        rows = 0
        for line in turnout_by_academie(campaign, at=at):
            writer.writerow(
                [
                    campaign.slug,
                    line.scrutin.code,
                    line.scrutin.label,
                    line.academie,
                    line.registered,
                    line.voters,
                    f"{line.rate:.2f}",
                    instant,
                ]
            )
            rows += 1
        # The event is dated when the file is made; `counted_at` is the instant counted.
        record(
            EventKind.TURNOUT_EXPORTED,
            actor=actor,
            request=request,
            subject=campaign.slug,
            counted_at=instant,
            rows=rows,
        )
        total += rows
    return total
