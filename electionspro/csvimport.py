"""The row-by-row face of the HR file reader, for the imports outside the directory.

The CSV rules themselves (BOM, `,`/`;` guessed from the header, header names
without case, line numbers where line 1 is the header) live once in
webmail_auth.csvfile; this module gives the ballots imports a context manager
that yields rows with `.line` and `.get(column)`, and the two exceptions their
commands report.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from webmail_auth.csvfile import CsvFileError, CsvTable, RowError
from webmail_auth.csvfile import open_csv as open_table
from webmail_auth.importing import ImportRejected

__all__ = ["CsvFormatError", "CsvImportError", "CsvRow", "RowError", "open_csv"]

# The file as a whole cannot be read (missing, not UTF-8, header faults).
CsvFormatError = CsvFileError


class CsvImportError(ImportRejected):
    """Some rows are invalid and nothing was written; `errors` lists every one."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(errors)
        self.args = (
            _("%(lines)d ligne(s) en erreur : rien n'a été importé.")
            % {"lines": len({error.line for error in errors})},
        )


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


class CsvFile:
    """An opened, header-checked file; iterate it for its rows, use it in a `with`."""

    def __init__(self, table: CsvTable) -> None:
        self.table = table
        self.rows_read = 0

    def __enter__(self) -> CsvFile:
        return self

    def __exit__(self, *exc_info) -> None:
        return None

    def __iter__(self) -> Iterator[CsvRow]:
        columns = self.table.columns
        for line, cells in self.table.records():
            self.rows_read += 1
            yield CsvRow(line, cells, columns)


def open_csv(source: str | Path, *, required: list[str] | tuple[str, ...]) -> CsvFile:
    """Open `source`; CsvFormatError names every header fault (missing column...)."""
    table = open_table(source, required=tuple(required))
    if table.header_errors:
        raise CsvFormatError(
            _("En-tête du fichier invalide : %(errors)s.")
            % {"errors": " ; ".join(str(error) for error in table.header_errors)}
        )
    return CsvFile(table)
