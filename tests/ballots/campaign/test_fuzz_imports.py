"""Fuzzing every CSV import command: NUL, 100 000 characters, invalid UTF-8, CR/LF (in a
quoted cell) and emoji, in each column of a valid file.

Whatever a cell holds: the command ends normally or with a French CommandError (never a
traceback), a refused file writes nothing, and a control character or an overlong
value is reported as `line N: column: reason` by the one CSV reader."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .conftest import paris

INVALID_UTF8 = b"\xff\xfe\xc3("
VALUES = {
    "nul": "abc\x00def",
    "overlong": "x" * 100_000,
    "invalid-utf8": INVALID_UTF8,
    "crlf": "abc\r\nBcc: victim@example.org",
    "emoji": "🗳️👍🏽",
}
REPORTED_BY_THE_READER = {"nul", "overlong", "crlf"}

# command → (its valid file: header and rows, whether it takes --campaign)
FILES = {
    "import_agents": (
        [
            ["numen", "nom", "prenom", "academie", "corps", "affectation", "email"],
            ["08E0512345ABC", "Dupont", "Vincent", "grenoble", "Certifié", "Lycée Champollion",
             "vincent.dupont@ac-grenoble.fr"],
        ],
        False,
    ),
    "import_scrutins": (
        [
            ["code", "libelle", "type", "perimetre", "academie", "departement", "sieges", "mode"],
            ["CTSD-38", "CTSD de l'Isère", "CTSD", "departemental", "grenoble", "38", "10",
             "internet"],
        ],
        True,
    ),
    "import_roll": ([["scrutin", "numen"], ["CTA-GRE", "08E0512345ABC"]], True),
    "import_candidacies": (
        [
            ["scrutin", "ordre", "organisation", "sigle", "rang", "nom", "prenom", "qualite"],
            ["CTA-GRE", "1", "Syndicat national", "SNES", "1", "Martin", "Claire", "titulaire"],
        ],
        True,
    ),
    "import_paper_results": (
        [
            ["scrutin", "inscrits", "votants", "blancs", "nuls", "sigle", "voix"],
            ["CCP-PAP", "1", "1", "0", "0", "CGT", "1"],
        ],
        True,
    ),
}  # fmt: skip


def csv_bytes(rows: list[list[str]], *, column: int, value) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    raw = value if isinstance(value, bytes) else None
    marker = "@@RAW@@"
    for number, row in enumerate(rows):
        cells = list(row)
        if number == 1:
            cells[column] = marker if raw else value
        writer.writerow(cells)
    data = out.getvalue().encode()
    return data.replace(marker.encode(), raw) if raw else data


@pytest.fixture
def campaign_data(campaign, directory, make_scrutin, make_list, enrol):
    make_scrutin("CTA-GRE")
    paper = make_scrutin("CCP-PAP", mode="papier")
    for position, acronym in enumerate(["CGT", "FO"], start=1):
        make_list(paper, position, acronym)
    enrol(directory["vincent"], paper)
    return campaign


@pytest.mark.parametrize("command", list(FILES))
def test_no_import_crashes_writes_a_refused_file_or_hides_a_bad_cell(
    command, campaign_data, clock, tmp_path, row_counts
):
    rows, takes_campaign = FILES[command]
    options = {"campaign": campaign_data.slug} if takes_campaign else {}
    if command == "import_paper_results":
        clock.set(paris(2014, 12, 4, 18, 0))  # after the close
    for column, name in enumerate(rows[0]):
        for value_name, value in VALUES.items():
            path = tmp_path / f"{command}.csv"
            path.write_bytes(csv_bytes(rows, column=column, value=value))
            before = row_counts()
            where = f"{command} {value_name} in {name}"
            err = io.StringIO()
            try:
                call_command(command, str(path), stdout=io.StringIO(), stderr=err, **options)
            except CommandError as refusal:
                report = f"{refusal}\n{err.getvalue()}"
                assert row_counts() == before, where
                if value_name in REPORTED_BY_THE_READER:
                    assert f"line 2: {name}: " in report, (where, report[:500])
                if value_name == "invalid-utf8":
                    assert "UTF-8" in report, where
                assert len(report) < 5000, where  # no 100 000-character echo
            else:
                assert value_name == "emoji", f"{where}: accepted"
