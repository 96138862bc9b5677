"""What the three imports share: the reader adapter, the report, value folding.

The CSV rules themselves (BOM, delimiter, header, line numbers) live once in
webmail_auth.csvfile, shared with import_agents; electionspro.csvimport gives rows.
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Model

from accounts.audit import record
from accounts.models import User
from ballots.models import Campaign
from electionspro.bulkdb import analyze
from electionspro.csvimport import CsvFormatError, CsvImportError, RowError, open_csv

Source = str | Path
Progress = Callable[[str], None]

__all__ = ["CsvFormatError", "CsvImportError", "ImportReport", "RowError", "open_csv"]


@dataclass
class ImportReport:
    """What an import did; `skipped` lists the invalid rows left out with --skip-invalid."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[RowError] = field(default_factory=list)


def fold(value: str) -> str:
    """Lower case without accents, for enumerations typed by hand (`Académique` → `academique`)."""
    decomposed = unicodedata.normalize("NFKD", value.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def no_progress(message: str) -> None:
    """The default progress callback: silence."""


def choice_reason(values) -> str:
    return ", ".join(str(value) for value in values)


def settle_errors(report: ImportReport, errors: list[RowError], *, skip_invalid: bool) -> None:
    """All or nothing: raise every error by line, or with --skip-invalid keep them as skipped."""
    ordered = sorted(errors, key=lambda error: error.line)
    if ordered and not skip_invalid:
        raise CsvImportError(ordered)
    report.skipped = ordered


def record_import(
    kind: str, *, campaign: Campaign, actor: User | None, report: ImportReport, **details
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
