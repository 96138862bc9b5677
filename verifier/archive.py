"""The archive: one JSON Lines file holding a campaign's whole board.

Line 1 (canonical JSON): {"campaign", "format": "electionspro-archive/v1",
"rolls": {scrutin: {"electors": roll size, "emargements": number who voted}}}.
Then one line per board event, in height order, each the canonical JSON of the full
event {"height", "parent", "payload", "payload_hash", "type"}. UTF-8, "\\n" after
every line. Lines stream: the verifier never holds the whole board in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from verifier.board import Event
from verifier.hashing import canonical_json

FORMAT = "electionspro-archive/v1"


class InvalidArchive(ValueError):
    """The file is not an archive of this format."""


def archive_header(campaign: str, rolls: dict[str, dict[str, int]]) -> dict[str, Any]:
    """The first line's value."""
    return {"campaign": campaign, "format": FORMAT, "rolls": rolls}


def archive_lines(
    *, campaign: str, events: Iterable[Event], rolls: dict[str, dict[str, int]]
) -> Iterator[bytes]:
    """The archive's lines (each ends with a newline), for streaming to a file or response."""
    yield canonical_json(archive_header(campaign, rolls)) + b"\n"
    for event in events:
        yield canonical_json(event) + b"\n"


def write_archive(
    path: Path | str, *, campaign: str, events: Iterable[Event], rolls: dict[str, dict[str, int]]
) -> None:
    """Write an archive file."""
    with open(path, "wb") as handle:
        handle.writelines(archive_lines(campaign=campaign, events=events, rolls=rolls))


def read_header(line: bytes) -> dict[str, Any]:
    """Parse and check the first line."""
    try:
        header = json.loads(line)
    except ValueError as error:
        raise InvalidArchive("the first line is not JSON") from error
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InvalidArchive(f"not an archive of format {FORMAT}")
    rolls = header.get("rolls")
    if not isinstance(header.get("campaign"), str) or not isinstance(rolls, dict):
        raise InvalidArchive("campaign or rolls missing")
    for entry in rolls.values():
        if not isinstance(entry, dict) or set(entry) != {"electors", "emargements"}:
            raise InvalidArchive("each roll has electors and emargements")
        if not all(isinstance(v, int) and v >= 0 for v in entry.values()):
            raise InvalidArchive("roll sizes are non-negative integers")
    return header


def open_archive(path: Path | str) -> tuple[dict[str, Any], Iterator[bytes]]:
    """(header, iterator over the raw event lines) of an archive file."""
    handle = open(path, "rb")  # noqa: SIM115 - closed by the generator below
    first = handle.readline()
    try:
        header = read_header(first)
    except InvalidArchive:
        handle.close()
        raise

    def lines() -> Iterator[bytes]:
        with handle:
            for line in handle:
                if line.strip():
                    yield line

    return header, lines()
