"""import_roll: `scrutin,numen`, one row per elector and scrutin; millions of rows.

Built for 4 M rows: the NUMEN digests of the directory are mapped to agent ids in
memory once, the validated pairs are kept in two integer arrays, and the writes are
batched: COPY into a temporary table then one INSERT ... ON CONFLICT DO NOTHING on
PostgreSQL, bulk_create(ignore_conflicts=True) elsewhere. Rolls are additive: a
rerun adds nothing, and entries absent from the file stay.
"""

import io
from array import array
from contextlib import nullcontext

from django.db import connection, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from ballots.models import Campaign, RollEntry
from ballots.services.campaign import ensure_campaign_editable
from core.audit import EventKind
from core.bulkdb import foreign_keys_checked_once
from core.csvfiles import ImportReport, RowError, open_csv
from webmail_auth.models import Agent
from webmail_auth.numen import numen_digest, numen_error

from .common import (
    Progress,
    Source,
    analyze_if_written,
    no_progress,
    record_import,
    settle_errors,
)

REQUIRED = ["scrutin", "numen"]
READ_PROGRESS_EVERY = 200_000
WRITE_BATCH = 200_000
ORM_BATCH = 5_000


def _agent_ids_by_digest() -> dict[str, int]:
    # No ORDER BY: the directory's default ordering (by name) would sort a million rows.
    return dict(
        Agent.objects.order_by().values_list("numen_digest", "id").iterator(chunk_size=20_000)
    )


def roll_import(
    *,
    campaign: Campaign,
    source: Source,
    skip_invalid: bool = False,
    exclusive: bool = False,
    actor: User | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Register agents (by NUMEN) on the campaign's scrutins (by code).

    `exclusive` (PostgreSQL): check the foreign keys once at the end instead of once per
    row, about twice as fast for millions of rows, but the directory, the scrutins and
    the rolls are locked, even for reading, until the import commits (see bulkdb).
    """
    ensure_campaign_editable(campaign)
    scrutin_ids = dict(campaign.scrutins.order_by().values_list("code", "id"))
    agent_ids = _agent_ids_by_digest()
    progress(_("Annuaire chargé : %(count)d agent(s).") % {"count": len(agent_ids)})
    report = ImportReport()
    scrutin_column, agent_column = array("q"), array("q")
    errors: list[RowError] = []
    # Kept in memory for this import only, like the directory's digests above.
    resolved_numens: dict[str, tuple[str | None, int | None]] = {}
    rows = open_csv(source, required=REQUIRED)
    for row in rows:
        report.rows += 1
        if report.rows % READ_PROGRESS_EVERY == 0:
            progress(_("%(count)d ligne(s) lue(s)…") % {"count": report.rows})
        code = row.get("scrutin")
        scrutin_id = scrutin_ids.get(code)
        row_valid = True
        if scrutin_id is None:
            reason = (
                (
                    _("scrutin « %(code)s » inconnu dans la campagne %(slug)s")
                    % {"code": code, "slug": campaign.slug}
                )
                if code
                else _("obligatoire")
            )
            errors.append(RowError(row.line, "scrutin", reason))
            row_valid = False
        raw_numen = row.get("numen")
        resolved = resolved_numens.get(raw_numen)
        if resolved is None:
            # Each NUMEN comes once per scrutin of its agent (about 4 times): it is checked
            # and keyed (HMAC) once per import, not once per row.
            problem = numen_error(raw_numen)
            agent_id = None if problem else agent_ids.get(numen_digest(raw_numen))
            resolved = resolved_numens[raw_numen] = (problem, agent_id)
        problem, agent_id = resolved
        if problem is not None:
            # The reason never repeats the value: a NUMEN is a credential.
            errors.append(RowError(row.line, "numen", problem))
            continue
        if agent_id is None:
            errors.append(RowError(row.line, "numen", _("aucun agent de l'annuaire n'a ce NUMEN")))
            continue
        if row_valid:
            scrutin_column.append(scrutin_id)
            agent_column.append(agent_id)
    del agent_ids, resolved_numens
    settle_errors(report, errors + rows.cell_errors, skip_invalid=skip_invalid)
    progress(_("%(count)d ligne(s) valide(s), écriture…") % {"count": len(scrutin_column)})

    with transaction.atomic():
        if connection.vendor == "postgresql":
            created = _write_postgresql(scrutin_column, agent_column, progress, exclusive)
        else:
            created = _write_orm(scrutin_column, agent_column, progress)
        report.created = created
        report.unchanged = len(scrutin_column) - created
        record_import(
            EventKind.CAMPAIGN_ROLL_IMPORTED,
            campaign=campaign,
            actor=actor,
            report=report,
            rows=report.rows,
        )
    analyze_if_written(report, RollEntry)
    return report


def _write_orm(scrutin_column: array, agent_column: array, progress: Progress) -> int:
    before = RollEntry.objects.count()
    total = len(scrutin_column)
    for start in range(0, total, ORM_BATCH):
        RollEntry.objects.bulk_create(
            [
                RollEntry(scrutin_id=scrutin_id, agent_id=agent_id)
                for scrutin_id, agent_id in zip(
                    scrutin_column[start : start + ORM_BATCH],
                    agent_column[start : start + ORM_BATCH],
                    strict=True,
                )
            ],
            ignore_conflicts=True,
        )
        if (start // ORM_BATCH) % 40 == 39:
            progress(
                _("%(done)d / %(total)d écrite(s)…") % {"done": start + ORM_BATCH, "total": total}
            )
    return RollEntry.objects.count() - before


def _write_postgresql(
    scrutin_column: array, agent_column: array, progress: Progress, exclusive: bool
) -> int:
    """COPY the pairs into a temporary table, then insert the new ones in one statement."""
    table = RollEntry._meta.db_table
    total = len(scrutin_column)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE roll_import_rows (scrutin_id bigint, agent_id bigint)"
        )
        for start in range(0, total, WRITE_BATCH):
            buffer = io.StringIO()
            buffer.writelines(
                f"{scrutin_id}\t{agent_id}\n"
                for scrutin_id, agent_id in zip(
                    scrutin_column[start : start + WRITE_BATCH],
                    agent_column[start : start + WRITE_BATCH],
                    strict=True,
                )
            )
            buffer.seek(0)
            cursor.copy_expert("COPY roll_import_rows (scrutin_id, agent_id) FROM STDIN", buffer)
            progress(
                _("%(done)d / %(total)d copiée(s)…")
                % {"done": min(start + WRITE_BATCH, total), "total": total}
            )
        # Every id was just read from the directory and the campaign; when asked, the foreign
        # keys are checked once at the end rather than by two triggers per row.
        bulk = foreign_keys_checked_once(RollEntry) if exclusive else nullcontext()
        with bulk:
            cursor.execute(
                f"INSERT INTO {table} (scrutin_id, agent_id) "  # noqa: S608 - table from the model
                "SELECT scrutin_id, agent_id FROM roll_import_rows "
                "ON CONFLICT (scrutin_id, agent_id) DO NOTHING"
            )
            created = cursor.rowcount
        cursor.execute("DROP TABLE roll_import_rows")
    return created
