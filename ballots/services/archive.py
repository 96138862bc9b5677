"""The campaign's public archive (verifier.archive's format) and its verification.

The archive is the whole board plus each internet scrutin's roll size and number of
émargements: everything needed to re-verify and recount the campaign, nothing that
names a voter.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ballots.models import Campaign, Scrutin
from ballots.protocol import Report, verify_archive, write_archive
from ballots.selectors_board import campaign_events
from ballots.selectors_voting import scrutins_with_turnout


def archive_rolls(campaign: Campaign) -> dict[str, dict[str, int]]:
    return {
        scrutin.code: {"electors": scrutin.registered, "emargements": scrutin.voters}
        for scrutin in scrutins_with_turnout(campaign).filter(mode=Scrutin.Mode.INTERNET)
    }


def _public_event(event: dict) -> dict:
    return {key: value for key, value in event.items() if key != "hash"}


def archive_export(*, campaign: Campaign, path: Path | str) -> None:
    """Write the campaign's archive to `path` (JSON Lines, streamed)."""
    write_archive(
        path,
        campaign=campaign.slug,
        events=(_public_event(event) for event in campaign_events(campaign)),
        rolls=archive_rolls(campaign),
    )


SMALL_ARCHIVE = 2_000_000  # bytes (about 400 ballots of 11 slots): checked in this process


def verification_workers(path: Path | str, workers: int | None) -> int:
    """All cores for a large archive; one process for a small one, where starting the
    workers would cost more than they save."""
    if Path(path).stat().st_size < SMALL_ARCHIVE:
        return 1
    return workers or os.cpu_count() or 1


def board_verify(campaign: Campaign, *, require_count: bool, workers: int | None = None) -> Report:
    """Run the offline verifier on the campaign's board as it is in the database now."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.jsonl"
        archive_export(campaign=campaign, path=path)
        return verify_archive(
            path, workers=verification_workers(path, workers), require_count=require_count
        )
