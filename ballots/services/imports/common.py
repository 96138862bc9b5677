"""What the three campaign imports share: all-or-nothing errors, the audit event.

The CSV rules and the report live once in core.csvfiles, shared with import_agents.
"""

from collections.abc import Callable
from pathlib import Path

from django.db.models import Model

from accounts.models import User
from ballots.models import Campaign
from core.audit import EventKind, record
from core.bulkdb import analyze
from core.csvfiles import ImportRejected, ImportReport, RowError

Source = str | Path
Progress = Callable[[str], None]


def no_progress(message: str) -> None:
    """The default progress callback: silence."""


def choice_reason(values) -> str:
    return ", ".join(str(value) for value in values)


def settle_errors(report: ImportReport, errors: list[RowError], *, skip_invalid: bool) -> None:
    """All or nothing: raise every error by line, or with --skip-invalid keep them as skipped."""
    ordered = sorted(errors, key=lambda error: error.line)
    if ordered and not skip_invalid:
        raise ImportRejected(ordered)
    report.skipped = ordered


def record_import(
    kind: EventKind, *, campaign: Campaign, actor: User | None, report: ImportReport, **details
) -> None:
    """The audit event of an import, inside its transaction."""
    record(
        kind,
        actor=actor,
        subject=campaign.slug,
        created=report.created,
        skipped=len(report.skipped),
        **details,
    )


def analyze_if_written(report: ImportReport, *models: type[Model]) -> None:
    """Refresh the planner statistics of the tables an import wrote to, after it commits."""
    if report.created or report.updated:
        analyze(*models)
