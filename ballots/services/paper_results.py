"""`import_paper_results`: the procès-verbaux of the paper scrutins, one row per list.

Columns `scrutin,inscrits,votants,blancs,nuls,sigle,voix`; the totals repeat on
every row of a scrutin and must agree; blank + invalid + the lists' votes must
equal the voters; every list of the ballot must appear exactly once. The file is
checked whole first (errors as `line N: column: reason`); then the results are
stored like the tally's, seats included.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from ballots.models import Campaign, Scrutin, ScrutinResult
from core.audit import EventKind, record
from core.csvfiles import ImportRejected, RowError, open_csv

from .results import ListCount, scrutin_result_store

REQUIRED = ["scrutin", "inscrits", "votants", "blancs", "nuls", "sigle", "voix"]
TOTALS = ["inscrits", "votants", "blancs", "nuls"]


class PaperResultsRefused(Exception):
    """The whole import is refused (wrong moment, unknown campaign...)."""


@dataclass
class _PaperSheet:
    scrutin: Scrutin
    first_line: int
    totals: dict[str, int]
    votes: dict[int, int] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class PaperImportReport:
    scrutins: list[str]
    errors: list[RowError]


def _number(row, column: str, errors: list[RowError]) -> int | None:
    text = row.get(column)
    if not text.isdigit():
        errors.append(RowError(row.line, column, _("nombre entier positif attendu")))
        return None
    return int(text)


def _read(source, campaign: Campaign, errors: list[RowError]) -> dict[str, _PaperSheet]:
    scrutins = {
        s.code: s for s in Scrutin.objects.filter(campaign=campaign).prefetch_related("lists")
    }
    sheets: dict[str, _PaperSheet] = {}
    rows = open_csv(source, required=REQUIRED)
    for row in rows:
        before = len(errors)
        code = row.get("scrutin")
        scrutin = scrutins.get(code)
        if scrutin is None:
            errors.append(
                RowError(
                    row.line,
                    "scrutin",
                    _("scrutin inconnu dans cette campagne : %s") % (code or "-"),
                )
            )
            continue
        if not scrutin.is_paper:
            errors.append(
                RowError(
                    row.line,
                    "scrutin",
                    _("ce scrutin se vote par internet : ses résultats viennent du dépouillement"),
                )
            )
            continue
        totals = {column: _number(row, column, errors) for column in TOTALS}
        votes = _number(row, "voix", errors)
        lists = {lst.acronym.casefold(): lst for lst in scrutin.lists.all()}
        candidate_list = lists.get(row.get("sigle").casefold())
        if candidate_list is None:
            errors.append(
                RowError(row.line, "sigle", _("aucune liste de ce sigle sur le scrutin %s") % code)
            )
        if len(errors) > before:
            continue
        sheet = sheets.setdefault(code, _PaperSheet(scrutin, row.line, totals))
        for column in TOTALS:
            if totals[column] != sheet.totals[column]:
                errors.append(
                    RowError(
                        row.line,
                        column,
                        _("différent de la ligne %(line)d du même scrutin (%(value)d)")
                        % {"line": sheet.first_line, "value": sheet.totals[column]},
                    )
                )
        if candidate_list.pk in sheet.votes:
            errors.append(RowError(row.line, "sigle", _("liste déjà donnée pour ce scrutin")))
        if len(errors) == before:
            sheet.votes[candidate_list.pk] = votes
            sheet.lines.append(row.line)
    errors += rows.cell_errors
    return sheets


def _check_sheet(sheet: _PaperSheet, errors: list[RowError]) -> None:
    totals, line = sheet.totals, sheet.first_line
    if totals["votants"] > totals["inscrits"]:
        errors.append(RowError(line, "votants", _("plus de votants que d'inscrits")))
    counted = totals["blancs"] + totals["nuls"] + sum(sheet.votes.values())
    if counted != totals["votants"]:
        errors.append(
            RowError(
                line,
                "voix",
                _(
                    "blancs + nuls + voix des listes = %(counted)d, "
                    "différent des votants (%(voters)d)"
                )
                % {"counted": counted, "voters": totals["votants"]},
            )
        )
    missing = [lst.acronym for lst in sheet.scrutin.lists.all() if lst.pk not in sheet.votes]
    if missing:
        errors.append(
            RowError(line, "sigle", _("liste(s) absente(s) du fichier : %s") % ", ".join(missing))
        )


def paper_results_import(
    *,
    campaign: Campaign,
    source: str | Path | IO[bytes],
    at: datetime,
    actor=None,
    skip_invalid: bool = False,
) -> PaperImportReport:
    """Validate the whole file, then store each paper scrutin's result (rerun: same rows)."""
    if not campaign.voting_closed(at=at):
        raise PaperResultsRefused(
            _("Le vote n'est pas clos : les résultats sur papier se saisissent après la clôture.")
        )
    errors: list[RowError] = []
    sheets = _read(source, campaign, errors)
    bad_scrutins = set()
    for code, sheet in sheets.items():
        before = len(errors)
        _check_sheet(sheet, errors)
        if len(errors) > before:
            bad_scrutins.add(code)
    error_lines = {error.line for error in errors}
    for code, sheet in sheets.items():
        if error_lines & set(sheet.lines) or error_lines & {sheet.first_line}:
            bad_scrutins.add(code)
    if errors and not skip_invalid:
        raise ImportRejected(sorted(errors, key=lambda e: e.line))
    stored = []
    with transaction.atomic():
        for code, sheet in sorted(sheets.items()):
            if code in bad_scrutins:
                continue
            totals = sheet.totals
            scrutin_result_store(
                scrutin=sheet.scrutin,
                source=ScrutinResult.Source.PAPER,
                registered=totals["inscrits"],
                voters=totals["votants"],
                blank=totals["blancs"],
                invalid=totals["nuls"],
                lists=[ListCount(pk, votes) for pk, votes in sheet.votes.items()],
                at=at,
                rng=random.Random(f"{campaign.slug}:{code}:{sorted(sheet.votes.items())}"),  # noqa: S311
            )
            stored.append(code)
        record(
            EventKind.RESULTS_PAPER_IMPORTED,
            actor=actor,
            subject=campaign.slug,
            at=at,
            scrutins=stored,
            rejected_lines=len(errors),
        )
    return PaperImportReport(scrutins=stored, errors=sorted(errors, key=lambda e: e.line))
