"""Reading the CSV files every import takes, and the report of what an import did.

UTF-8 with or without a BOM, `,` or `;` as delimiter (guessed from the header),
a header row, columns in any order and any case, extra columns ignored. Line
numbers are the file's: line 1 is the header. Every import checks every row
before writing, and reports `line N: column: reason` for each fault.

Every cell of a known column is checked here, once for all the imports: at most
CELL_MAX_LENGTH characters and no control character (core.textrules). A row with
such a cell is not given to the import; its faults are in the table's `cell_errors`,
which each import adds to its own report.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .textrules import CONTROL, control_character

__all__ = [
    "CsvFileError",
    "CsvRow",
    "CsvTable",
    "ImportRejected",
    "ImportReport",
    "RowError",
    "SafeCsvWriter",
    "formula_warning",
    "normalise_choice",
    "open_csv",
    "path_problem",
    "spreadsheet_safe",
]

CELL_MAX_LENGTH = 255  # the longest text column of the database


class CsvFileError(Exception):
    """The file cannot be read at all (missing, not UTF-8, no header): a French sentence."""


@dataclass(frozen=True, slots=True)
class RowError:
    """One `line N: column: reason` of an import report."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.column}: {self.reason}"


class ImportRejected(Exception):
    """Some rows are invalid and nothing was written; `errors` lists every one, by line."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            _("%(lines)d ligne(s) en erreur : rien n'a été importé.")
            % {"lines": len({error.line for error in errors})}
        )
        self.errors = errors


@dataclass
class ImportReport:
    """What an import did; `skipped` lists the invalid rows left out with --skip-invalid."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[RowError] = field(default_factory=list)
    # Kept values that deserve a look (a label a spreadsheet would run as a formula).
    warnings: list[RowError] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        """How many lines were left out (a line may have several errors)."""
        return len({error.line for error in self.skipped})

    def summary(self) -> str:
        return _(
            "%(created)d créé(s), %(updated)d mis à jour, %(unchanged)d inchangé(s), "
            "%(rejected)d rejeté(s)"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }


@dataclass(slots=True)
class CsvRow:
    """One data row and its line in the file."""

    line: int
    cells: list[str]
    columns: dict[str, int]

    def get(self, column: str) -> str:
        """The trimmed value of `column` ("" when absent or the row is short)."""
        index = self.columns.get(column)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()


def normalise_choice(value: str) -> str:
    """Lower case without accents, for enumerations typed by hand (`Académique` → `academique`)."""
    decomposed = unicodedata.normalize("NFKD", value.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass
class CsvTable:
    """An open CSV file: its columns (lower case) and its data records; iterate it for rows."""

    path: Path
    delimiter: str
    columns: dict[str, int]
    header_errors: list[RowError] = field(default_factory=list)
    cell_errors: list[RowError] = field(default_factory=list)

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of each non-blank data row whose cells pass the length and
        control-character check, in file order; the others go to `cell_errors`."""
        names = {index: name for name, index in self.columns.items()}
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle, delimiter=self.delimiter)
                next(reader, None)
                line = reader.line_num
                for cells in reader:
                    start, line = line + 1, reader.line_num
                    if not any(cell.strip() for cell in cells):
                        continue
                    # One search per row; the faulty cell is looked for only when there is one.
                    joined = "".join(cells)
                    if CONTROL.search(joined) or (
                        len(joined) > CELL_MAX_LENGTH and max(map(len, cells)) > CELL_MAX_LENGTH
                    ):
                        faults = _cell_faults(start, cells, names)
                        if faults:
                            self.cell_errors += faults
                            continue
                    yield start, cells
        except UnicodeDecodeError as error:
            raise CsvFileError(_not_utf8(self.path, error)) from None
        except csv.Error as error:  # a cell beyond the csv module's own limit (128 KB)
            raise CsvFileError(
                _(
                    "Le fichier %(name)s est illisible après la ligne %(line)d (%(error)s) : "
                    "vérifiez qu'il s'agit bien d'un fichier CSV."
                )
                % {"name": self.path.name, "line": line, "error": error}
            ) from None

    def __iter__(self) -> Iterator[CsvRow]:
        columns = self.columns
        for line, cells in self.records():
            yield CsvRow(line, cells, columns)

    def values(self, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
        """(line number, trimmed values of `columns`) per data row; "" for an absent column."""
        absent = max(self.columns.values(), default=-1) + 1  # index of a padding cell
        indices = [self.columns.get(name, absent) for name in columns]
        width = absent + 1
        for line, cells in self.records():
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
            yield line, [cells[index].strip() for index in indices]


def _cell_faults(line: int, cells: list[str], names: dict[int, str]) -> list[RowError]:
    """The faults of the cells of known columns (the others are ignored, like their values)."""
    faults = []
    for index, cell in enumerate(cells):
        name = names.get(index)
        if name is None:
            continue
        position = control_character(cell)
        if position is not None:
            reason = _("caractère invisible ou de contrôle (position %(position)d)") % {
                "position": position
            }
            faults.append(RowError(line, name, reason))
        elif len(cell) > CELL_MAX_LENGTH:
            reason = _("%(limit)d caractères au plus (%(length)d)") % {
                "limit": CELL_MAX_LENGTH,
                "length": len(cell),
            }
            faults.append(RowError(line, name, reason))
    return faults


def _not_utf8(path: Path, error: UnicodeDecodeError) -> str:
    return _(
        "Le fichier %(name)s n'est pas encodé en UTF-8 (octet invalide en position %(position)d) : "
        "enregistrez-le en « CSV UTF-8 » et recommencez."
    ) % {"name": path.name, "position": error.start}


def open_csv(
    path: str | Path, *, required: Sequence[str], list_header_errors: bool = False
) -> CsvTable:
    """Read the header of `path` and check that the `required` columns are there.

    A header fault (missing or repeated column) raises CsvFileError naming them all, or
    with `list_header_errors` is left in `header_errors` for the caller's report.
    """
    path = Path(path)
    if not path.is_file():
        raise CsvFileError(_("Le fichier %(path)s est introuvable.") % {"path": path})
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header_line = handle.readline()
    except UnicodeDecodeError as error:
        raise CsvFileError(_not_utf8(path, error)) from None
    if not header_line.strip():
        raise CsvFileError(
            _("Le fichier %(name)s est vide : une ligne d'en-tête est attendue (%(columns)s).")
            % {"name": path.name, "columns": ",".join(required)}
        )
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    names = next(csv.reader([header_line], delimiter=delimiter))
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for index, raw in enumerate(names):
        name = raw.strip().lstrip("\ufeff").lower()
        if not name:
            continue
        if name in columns:
            errors.append(RowError(1, name, _("colonne présente deux fois")))
            continue
        columns[name] = index
    for name in required:
        if name not in columns:
            errors.append(RowError(1, name, _("colonne obligatoire absente")))
    if errors and not list_header_errors:
        raise CsvFileError(
            _("En-tête du fichier invalide : %(errors)s.")
            % {"errors": " ; ".join(str(error) for error in errors)}
        )
    return CsvTable(path=path, delimiter=delimiter, columns=columns, header_errors=errors)


def path_problem(error: OSError) -> str:
    """What went wrong with a file or folder, in French (an OSError's own text is English)."""
    reasons = [
        (FileNotFoundError, _("fichier ou dossier introuvable")),
        (PermissionError, _("accès refusé")),
        (IsADirectoryError, _("c'est un dossier, pas un fichier")),
        (NotADirectoryError, _("un élément du chemin n'est pas un dossier")),
        (FileExistsError, _("un fichier de ce nom existe déjà")),
    ]
    for kind, reason in reasons:
        if isinstance(error, kind):
            return reason
    return _("erreur du système de fichiers (code %(code)s)") % {"code": error.errno}


# A cell starting with one of these is read as a formula by spreadsheets (OWASP's CSV
# injection advice): exports write it after a "'", imports of free text warn about it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell a spreadsheet shows as text, never runs: "'" before a formula start."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer whose every text cell goes through `spreadsheet_safe` (every CSV export
    of the portal writes through it)."""

    def __init__(self, out, **kwargs) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row) -> None:
        self._writer.writerow([spreadsheet_safe(value) for value in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


def formula_warning(*, line: int, column: str, value: str) -> RowError | None:
    """A warning (not an error: the value is kept) for a value a spreadsheet would run."""
    if not value.startswith(FORMULA_STARTS):
        return None
    return RowError(
        line,
        column,
        _(
            "commence par « %(start)s » : un tableur pourrait l'exécuter comme une formule "
            "(les exports l'écrivent précédé d'une apostrophe)"
        )
        % {"start": value[:1].replace("\t", "\\t").replace("\r", "\\r")},
    )
