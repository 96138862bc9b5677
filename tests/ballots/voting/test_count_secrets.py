"""No secret of the demo reaches a log, a command's output, a traceback, the database or a
temporary file, from the first login of the vote to the end of the count.

Every logger is captured at DEBUG (SQL statements with their parameters included), with
the commands' stdout and stderr and anything written to the process's own streams. The
secrets are gathered by SECRET_SOURCES: add a source when a new kind of secret appears
(voting codes, trustees' passphrases of the verifiable box)."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.views.debug import ExceptionReporter

from accounts.demo import CONFIRMED_DEMO_EMAIL, CONFIRMED_DEMO_PASSWORD
from ballots.models import RollEntry, ScrutinResult
from ballots.services import tally
from electionspro.demo import DEMO_ADMIN_PASSWORD
from webmail_auth.models import Agent

PARIS = ZoneInfo("Europe/Paris")
DURING = datetime(2014, 12, 1, 12, 0, tzinfo=PARIS)
AFTER_CLOSE = datetime(2014, 12, 4, 18, 0, tzinfo=PARIS)
DEMO_AGENTS = Path(django_settings.BASE_DIR) / "webmail_auth" / "demo_data" / "agents_sample.csv"


def demo_numens(base: Path) -> Iterator[tuple[str, str]]:
    with DEMO_AGENTS.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            yield "NUMEN", row["numen"]


def demo_passwords(base: Path) -> Iterator[tuple[str, str]]:
    yield "elector password", CONFIRMED_DEMO_PASSWORD
    yield "admin password", DEMO_ADMIN_PASSWORD


def key_shares(base: Path) -> Iterator[tuple[str, str]]:
    """Each half of each trustee's share, as written in the share files (hex)."""
    for path in sorted((base / "demo-shares").iterdir()):
        for half in json.loads(path.read_text(encoding="utf-8"))["share"]:
            yield f"key share {path.name}", half


# (what, value) of every secret of the demo; extend it with the box's voting codes and
# trustees' passphrases.
SECRET_SOURCES: list[Callable[[Path], Iterator[tuple[str, str]]]] = [
    demo_numens,
    demo_passwords,
    key_shares,
]


def secrets_of(base: Path) -> dict[str, str]:
    found = {value: what for source in SECRET_SOURCES for what, value in source(base)}
    assert len(found) > 10, found  # the sources found something to look for
    return found


def leaks(text: str, secrets: dict[str, str]) -> list[str]:
    lowered = text.lower()
    return [f"{what}: {value[:4]}…" for value, what in secrets.items() if value.lower() in lowered]


@contextmanager
def every_log_line() -> Iterator[io.StringIO]:
    """All records of every logger at DEBUG, SQL with its parameters included."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    loggers = [logging.getLogger()] + [
        logger for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]  # fmt: skip
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
    logging.getLogger().addHandler(handler)
    unpropagated = [logger for logger in loggers[1:] if not logger.propagate]
    for logger in unpropagated:
        logger.addHandler(handler)
    connection.force_debug_cursor = True
    try:
        yield out
    finally:
        connection.force_debug_cursor = False
        logging.getLogger().removeHandler(handler)
        for logger in unpropagated:
            logger.removeHandler(handler)
        for logger, level, disabled in saved:
            logger.setLevel(level)
            logger.disabled = disabled


@pytest.fixture
def demo(settings, tmp_path, monkeypatch, db):
    """The demo on the 2014 calendar, its shares in tmp_path/demo-shares; `at.now` is the
    clock of the views and commands."""
    settings.BASE_DIR = tmp_path
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", "--calendar", "2014", stdout=io.StringIO())
    settings.DEBUG = False

    class At:
        now = DURING

    monkeypatch.setattr(timezone, "now", lambda: At.now)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    return At


def vote_as_the_demo_elector(client) -> int:
    """Webmail login with the NUMEN, a refused elector login with the NUMEN typed as the
    password (a likely mistake), the elector login, a vote in each internet scrutin."""
    agent = Agent.objects.get(email=CONFIRMED_DEMO_EMAIL)
    numen = next(value for _, value in demo_numens(Path()) if value.startswith("08G0923456"))
    assert client.post("/webmail/connexion/", {"username": agent.identifier, "password": numen})[
        "Location"
    ]
    refused = client.post("/electeur/connexion/", {"username": agent.email, "password": numen})
    assert refused.status_code == 200
    logged_in = client.post(
        "/electeur/connexion/", {"username": agent.email, "password": CONFIRMED_DEMO_PASSWORD}
    )
    assert logged_in.status_code == 302
    entries = RollEntry.objects.filter(agent=agent, scrutin__mode="internet")
    for entry in entries.select_related("scrutin"):
        scrutin = entry.scrutin
        choice = str(scrutin.lists.order_by("position").first().pk)
        url = f"/electeur/scrutins/{scrutin.code}/voter/"
        step_two = {"choice": choice, "password": CONFIRMED_DEMO_PASSWORD, "confirm": "1"}
        assert client.post(url, step_two).status_code == 200
    return entries.count()


def test_a_full_demo_count_leaves_no_secret_in_logs_outputs_database_or_temporary_files(
    demo, client, tmp_path, capfd
):
    secrets = secrets_of(tmp_path)
    shares = [str(path) for path in sorted((tmp_path / "demo-shares").iterdir())[:2]]
    out, err = io.StringIO(), io.StringIO()
    with every_log_line() as logged:
        assert vote_as_the_demo_elector(client) >= 1
        demo.now = AFTER_CLOSE
        call_command(
            "tally", "--campaign", "electionspro2014", *[a for s in shares for a in ("--share", s)],
            stdout=out, stderr=err,
        )  # fmt: skip
    assert ScrutinResult.objects.exists()
    assert "SELECT" in logged.getvalue()  # the capture did see the SQL
    assert leaks(f"a {CONFIRMED_DEMO_PASSWORD} b", secrets)  # and the search finds a secret
    streams = capfd.readouterr()
    database = io.StringIO()
    call_command("dumpdata", stdout=database)
    temporary = "".join(
        path.read_bytes().decode("utf-8", "replace")
        for path in (tmp_path / "tmp").rglob("*")
        if path.is_file()
    )
    for where, text in {
        "logs": logged.getvalue(),
        "command output": out.getvalue() + err.getvalue(),
        "process streams": streams.out + streams.err,
        "database": database.getvalue(),
        "temporary files": temporary,
    }.items():
        assert leaks(text, secrets) == [], where


def test_a_count_that_fails_midway_shows_no_key_share_in_its_traceback(demo, tmp_path, monkeypatch):
    """What Django's error report (a 500 page, an error mail) would show of the frames."""
    secrets = {half: what for what, half in key_shares(tmp_path)}
    contents = [path.read_bytes() for path in sorted((tmp_path / "demo-shares").iterdir())[:2]]
    demo.now = AFTER_CLOSE

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away during the count")

    monkeypatch.setattr(tally, "box_rewrite", fail)
    from ballots.models import Campaign

    try:
        tally.campaign_tally(
            campaign=Campaign.objects.get(slug="electionspro2014"),
            share_files=contents,
            at=AFTER_CLOSE,
        )
    except RuntimeError:
        frames = ExceptionReporter(None, *sys.exc_info()).get_traceback_frames()
    else:
        pytest.fail("the count did not fail")
    # The portal's frames, with the values the error page and mail would show.
    app = str(Path(tally.__file__).resolve().parents[1]) + "/"
    shown = {f["function"]: str(f["vars"]) for f in frames if f["filename"].startswith(app)}
    assert "campaign_tally" in shown
    assert leaks(" ".join(shown.values()), secrets) == []
