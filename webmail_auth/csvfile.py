"""Reading the HR CSV files (format in docs/interface.md).

UTF-8 with or without a BOM, `,` or `;` as delimiter (guessed from the header),
a header row, columns in any order, extra columns ignored. Line numbers are the
file's: line 1 is the header.
"""

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _


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


@dataclass
class CsvTable:
    """An open CSV file: its columns (lower case) and its data records."""

    path: Path
    delimiter: str
    columns: dict[str, int]
    header_errors: list[RowError] = field(default_factory=list)

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of each non-blank data row, in file order."""
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle, delimiter=self.delimiter)
                next(reader, None)
                line = reader.line_num
                for cells in reader:
                    start, line = line + 1, reader.line_num
                    if any(cell.strip() for cell in cells):
                        yield start, cells
        except UnicodeDecodeError as error:
            raise CsvFileError(_not_utf8(self.path, error)) from None

    def values(self, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
        """(line number, trimmed values of `columns`) per data row; "" for an absent column."""
        absent = max(self.columns.values(), default=-1) + 1  # index of a padding cell
        indices = [self.columns.get(name, absent) for name in columns]
        width = absent + 1
        for line, cells in self.records():
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
            yield line, [cells[index].strip() for index in indices]


def _not_utf8(path: Path, error: UnicodeDecodeError) -> str:
    return _(
        "Le fichier %(name)s n'est pas encodé en UTF-8 (octet invalide en position %(position)d) : "
        "enregistrez-le en « CSV UTF-8 » et recommencez."
    ) % {"name": path.name, "position": error.start}


def open_csv(path: str | Path, *, required: tuple[str, ...]) -> CsvTable:
    """Read the header of `path` and check that the `required` columns are there."""
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
    return CsvTable(path=path, delimiter=delimiter, columns=columns, header_errors=errors)
