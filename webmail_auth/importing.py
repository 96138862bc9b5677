"""`import_agents`: the academic directory from an HR file (format in docs/interface.md).

Every row is checked before anything is written; a file with an invalid row
is rejected whole unless `skip_invalid`. Agents are matched by NUMEN digest,
so a re-import updates names and assignments but never an identifier, and the
same file twice changes nothing. Writes go in batches (one lookup, one bulk
insert, one bulk update per batch), so a million rows stay within a minute.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import EventKind, record
from core.bulkdb import analyze
from core.csvfiles import ImportRejected, ImportReport, RowError, open_csv

from . import identifiers
from .bulk import insert_agents
from .models import Academie, Agent
from .numen import (
    normalize_numen,
    numen_digest,
    numen_error,
    previous_numen_digest,
)
from .services import NameAllocator, NewName, lock_directory

REQUIRED_COLUMNS = ("numen", "nom", "prenom", "academie")
OPTIONAL_COLUMNS = ("corps", "affectation", "email")
BATCH_SIZE = 5000
PROGRESS_EVERY = 50_000
PRELOAD_THRESHOLD = 20_000

Progress = Callable[[str], None]


@dataclass(slots=True)
class AgentRow:
    """A validated row. `numen` stays in memory only, for a pepper rotation lookup."""

    line: int
    numen: str
    digest: str
    surname: str
    first_name: str
    academie_id: int
    corps: str
    workplace: str
    email: str


def validate_agent_file(
    path: str | Path, *, progress: Progress | None = None
) -> tuple[list[AgentRow], list[RowError]]:
    """Check every row; return the valid rows and every error, in line order.

    Raises CsvFileError when the file cannot be read at all.
    """
    table = open_csv(path, required=REQUIRED_COLUMNS, list_header_errors=True)
    if table.header_errors:
        return [], table.header_errors
    checker = _RowChecker()
    rows: list[AgentRow] = []
    records = table.values(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
    for count, (line, values) in enumerate(records, start=1):
        if progress and count % PROGRESS_EVERY == 0:
            progress(_("… %(count)d lignes vérifiées") % {"count": count})
        row = checker.check(line, *values)
        if row is not None:
            rows.append(row)
    rows, email_errors = _check_given_emails(rows)
    errors = checker.errors
    if email_errors or table.cell_errors:
        errors = sorted(errors + email_errors + table.cell_errors, key=lambda error: error.line)
    return rows, errors


class _RowChecker:
    """The checks of one row, with what they need to remember across rows (duplicates)."""

    def __init__(self) -> None:
        self.academies = {
            code.lower(): pk for pk, code in Academie.objects.values_list("pk", "code")
        }
        self.seen_numen: dict[str, int] = {}
        self.seen_email: dict[str, int] = {}
        self.errors: list[RowError] = []

    def check(
        self,
        line: int,
        numen: str,
        surname: str,
        first_name: str,
        code: str,
        corps: str,
        workplace: str,
        email: str,
    ) -> AgentRow | None:
        """The validated row, or None after recording every fault of the row."""
        errors = self.errors
        before = len(errors)
        numen = normalize_numen(numen)
        digest = ""
        problem = numen_error(numen)
        if problem is None:
            digest = numen_digest(numen)
            first_line = self.seen_numen.setdefault(digest, line)
            if first_line != line:
                reason = _("NUMEN déjà présent ligne %(line)d") % {"line": first_line}
                errors.append(RowError(line, "numen", reason))
        else:
            errors.append(RowError(line, "numen", problem))
        self._check_name(surname, "nom", line)
        self._check_name(first_name, "prenom", line)
        academie_id = self.academies.get(code.lower())
        if not code:
            errors.append(RowError(line, "academie", _("valeur obligatoire absente")))
        elif academie_id is None:
            reason = _("académie inconnue : %(code)s") % {"code": code[:40]}
            errors.append(RowError(line, "academie", reason))
        if len(corps) > 150:
            errors.append(RowError(line, "corps", _("plus de 150 caractères")))
        if len(workplace) > 255:
            errors.append(RowError(line, "affectation", _("plus de 255 caractères")))
        email = identifiers.normalise_address(email)
        if email:
            self._check_email(email, line)
        if len(errors) > before:
            return None
        return AgentRow(
            line, numen, digest, surname, first_name, academie_id, corps, workplace, email
        )

    def _check_name(self, value: str, column: str, line: int) -> None:
        if not value:
            self.errors.append(RowError(line, column, _("valeur obligatoire absente")))
        elif len(value) > 150:
            self.errors.append(RowError(line, column, _("plus de 150 caractères")))
        elif not identifiers.address_part(value):
            self.errors.append(RowError(line, column, _("aucune lettre latine")))

    def _check_email(self, email: str, line: int) -> None:
        try:
            validate_email(email)
        except ValidationError:
            self.errors.append(RowError(line, "email", _("adresse électronique mal formée")))
            return
        first_line = self.seen_email.setdefault(email, line)
        if first_line != line:
            reason = _("adresse déjà présente ligne %(line)d") % {"line": first_line}
            self.errors.append(RowError(line, "email", reason))


def _check_given_emails(rows: list[AgentRow]) -> tuple[list[AgentRow], list[RowError]]:
    """An address given by HR must not belong to another agent of the directory."""
    given = {row.email: row for row in rows if row.email}
    if not given:
        return rows, []
    bad: dict[int, RowError] = {}
    emails = list(given)
    for start in range(0, len(emails), BATCH_SIZE):
        holders = Agent.objects.filter(email__in=emails[start : start + BATCH_SIZE]).order_by()
        for email, digest in holders.values_list("email", "numen_digest"):
            row = given[email]
            if digest not in (row.digest, previous_numen_digest(row.numen)):
                bad[row.line] = RowError(
                    row.line, "email", _("adresse déjà attribuée à un autre agent de l'annuaire")
                )
    if not bad:
        return rows, []
    return [row for row in rows if row.line not in bad], list(bad.values())


def import_agent_file(
    path: str | Path,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    at: datetime | None = None,
) -> ImportReport:
    """Validate `path`, then create or update its agents in one transaction.

    Raises ImportRejected (nothing written) when a row is invalid and not
    `skip_invalid`, CsvFileError when the file cannot be read.
    """
    rows, errors = validate_agent_file(path, progress=progress)
    if errors and (not skip_invalid or any(error.line == 1 for error in errors)):
        raise ImportRejected(errors)
    report = ImportReport(skipped=errors)
    at = at or timezone.now()
    with transaction.atomic():
        lock_directory()
        writer = _BatchWriter(report, at=at, big=len(rows) >= PRELOAD_THRESHOLD)
        writer.allocator.reserve_emails(row.email for row in rows)
        for start in range(0, len(rows), batch_size):
            writer.write(rows[start : start + batch_size])
            done = min(start + batch_size, len(rows))
            if (
                progress
                and len(rows) > PROGRESS_EVERY
                and (done // PROGRESS_EVERY > start // PROGRESS_EVERY or done == len(rows))
            ):
                progress(
                    _("… %(done)d / %(total)d agents enregistrés")
                    % {"done": done, "total": len(rows)}
                )
        record(
            EventKind.AGENTS_IMPORTED,
            subject=Path(path).name,
            at=at,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            rejected=report.rejected,
        )
    if report.created or report.updated:
        analyze(Agent)  # fresh planner statistics for the roll import and the seal
    return report


class _BatchWriter:
    """Writes validated rows batch after batch: a few queries per batch, none per row."""

    def __init__(self, report: ImportReport, *, at: datetime, big: bool) -> None:
        self.report = report
        self.at = at
        self.domains = dict(Academie.objects.values_list("pk", "mail_domain"))
        self.allocator = NameAllocator()
        # A big file touches much of the directory: one scan beats batch-wise lookups.
        self.known: dict[str, tuple] | None = None
        if big:
            self.allocator.preload()
            self.known = _snapshot(Agent.objects.all())

    def write(self, batch: list[AgentRow]) -> None:
        existing = self._existing(batch)
        to_update: list[Agent] = []
        new_rows: list[AgentRow] = []
        for row in batch:
            stored = existing.get(row.digest)
            if stored is None:
                new_rows.append(row)
                continue
            agent = self._updated(stored, row)
            if agent is None:
                self.report.unchanged += 1
            else:
                to_update.append(agent)
        if to_update:
            Agent.objects.bulk_update(to_update, UPDATED_COLUMNS, batch_size=1000)
            self.report.updated += len(to_update)
        if new_rows:
            self._create(new_rows)

    def _existing(self, batch: list[AgentRow]) -> dict[str, tuple]:
        """What the directory holds for these rows' NUMENs (SNAPSHOT_FIELDS tuples)."""
        if self.known is None:
            existing = _snapshot(Agent.objects.filter(numen_digest__in=[r.digest for r in batch]))
        else:
            existing = {r.digest: self.known[r.digest] for r in batch if r.digest in self.known}
        missing = [row for row in batch if row.digest not in existing]
        existing.update(_find_under_previous_pepper(missing))
        return existing

    def _updated(self, stored: tuple, row: AgentRow) -> Agent | None:
        """The agent with the row's values, or None when nothing changed. Never the identifier."""
        pk, digest, surname, first_name, academie_id, corps, workplace, email, addr_base = stored
        if row.email and row.email != email:
            email, addr_base = row.email, ""  # HR gives the address: it is no longer derived
        elif (digest, surname, first_name, academie_id, corps, workplace) == (
            row.digest,
            row.surname,
            row.first_name,
            row.academie_id,
            row.corps,
            row.workplace,
        ):
            return None
        return Agent(
            pk=pk,
            numen_digest=row.digest,  # differs only when re-keyed after a pepper rotation
            surname=row.surname,
            first_name=row.first_name,
            academie_id=row.academie_id,
            corps=row.corps,
            workplace=row.workplace,
            email=email,
            address_base=addr_base,
            updated_at=self.at,
        )

    def _create(self, rows: list[AgentRow]) -> None:
        names = [
            NewName.of(
                first_name=row.first_name,
                surname=row.surname,
                domain=self.domains[row.academie_id],
                email=row.email,
            )
            for row in rows
        ]
        self.allocator.prepare(names)
        values = []
        for row, name in zip(rows, names, strict=True):
            identifier, ident_base, email, addr_base = self.allocator.allocate(name)
            values.append(
                (
                    row.digest,
                    row.surname,
                    row.first_name,
                    row.academie_id,
                    row.corps,
                    row.workplace,
                    identifier,
                    ident_base,
                    email,
                    addr_base,
                    True,
                )
            )
        insert_agents(values, at=self.at)
        self.report.created += len(values)


SNAPSHOT_FIELDS = (
    "pk",
    "numen_digest",
    "surname",
    "first_name",
    "academie_id",
    "corps",
    "workplace",
    "email",
    "address_base",
)
UPDATED_COLUMNS = [name for name in SNAPSHOT_FIELDS if name != "pk"] + ["updated_at"]


def _snapshot(agents) -> dict[str, tuple]:
    """digest → the stored values a re-import compares (one query, no model instances)."""
    return {row[1]: row for row in agents.order_by().values_list(*SNAPSHOT_FIELDS)}


def _find_under_previous_pepper(rows: list[AgentRow]) -> dict[str, tuple]:
    """During a pepper rotation: agents still stored under the old digest, by new digest."""
    old_to_new = {}
    for row in rows:
        old = previous_numen_digest(row.numen)
        if old is None:
            return {}
        old_to_new[old] = row.digest
    if not old_to_new:
        return {}
    found = _snapshot(Agent.objects.filter(numen_digest__in=list(old_to_new)))
    return {old_to_new[old]: stored for old, stored in found.items()}


__all__ = ["import_agent_file", "validate_agent_file"]
