"""No secret of the demo reaches a log, a command's output, a traceback, the database or a
temporary file, from the first login of the vote to the end of the count.

Every logger is captured at DEBUG (SQL statements with their parameters included), with
the commands' stdout and stderr and anything written to the process's own streams. The
secrets are gathered by SECRET_SOURCES: add a source when a new kind of secret appears
(voting codes, trustees' passphrases of the verifiable box)."""

from __future__ import annotations

import csv
import io
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
from django.views.debug import ExceptionReporter

from accounts.demo import CONFIRMED_DEMO_EMAIL, CONFIRMED_DEMO_PASSWORD
from ballots import trustee_side
from ballots.models import RollEntry, ScrutinResult
from ballots.trustee_side import open_key
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


def voting_codes(base: Path) -> Iterator[tuple[str, str]]:
    """Each elector's voting code, as printed (groups) and as typed (without hyphens)."""
    with (base / "demo-credentials" / "codes-de-vote.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield f"voting code of {row['identifiant']}", row["code"]
            yield f"voting code of {row['identifiant']} (typed)", row["code"].replace("-", "")


def trustee_passphrases(base: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((base / "demo-trustees").glob("*.phrase")):
        yield f"passphrase {path.name}", path.read_text(encoding="utf-8").strip()


def key_shares(base: Path) -> Iterator[tuple[str, str]]:
    """Each trustee's share of the key (hex), read from its key file with its passphrase."""
    for path in sorted((base / "demo-trustees").glob("*.cle")):
        passphrase = path.with_suffix(".phrase").read_text(encoding="utf-8").strip()
        secrets = open_key(path.read_bytes(), passphrase=passphrase)
        yield f"key share {path.name}", secrets["share"]
        yield f"key share {path.name} (decimal)", str(int.from_bytes(
            bytes.fromhex(secrets["share"]), "little"))  # fmt: skip


# (what, value) of every secret of the demo.
SECRET_SOURCES: list[Callable[[Path], Iterator[tuple[str, str]]]] = [
    demo_numens,
    demo_passwords,
    voting_codes,
    trustee_passphrases,
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
def demo(settings, tmp_path, monkeypatch, db, clock):
    """The demo on the 2014 calendar, its codes and trustees' keys in tmp_path; `demo.now`
    is the shared `clock` (tests/ballots/conftest.py), standing during the vote."""
    settings.BASE_DIR = tmp_path
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", "--calendar", "2014", stdout=io.StringIO())
    settings.DEBUG = False
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    return clock


def vote_as_the_demo_elector(client, base: Path) -> int:
    """Webmail login with the NUMEN, a refused elector login with the NUMEN typed as the
    password (a likely mistake), the elector login, a vote in each internet scrutin with a
    mistyped voting code the first time, then the code of the notice."""
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
    code = dict(
        (what, value) for what, value in voting_codes(base) if what.endswith(agent.identifier)
    )[f"voting code of {agent.identifier}"]
    entries = RollEntry.objects.filter(
        agent=agent, scrutin__mode="internet", scrutin__campaign__slug="electionspro2014"
    )
    for number, entry in enumerate(entries.select_related("scrutin")):
        scrutin = entry.scrutin
        choice = str(scrutin.lists.order_by("position").first().pk)
        url = f"/electeur/scrutins/{scrutin.code}/voter/"
        typo = code[:-1] + ("1" if code.endswith("0") else "0")
        step_two = {"choice": choice, "code": typo, "confirm": "1"}
        if number == 0:  # a typo first (the check character catches it)
            assert client.post(url, step_two).status_code == 400
        step_two["code"] = code
        assert client.post(url, step_two).status_code == 200
    return entries.count()


def test_a_full_demo_count_leaves_no_secret_in_logs_outputs_database_or_temporary_files(
    demo, client, tmp_path, capfd
):
    secrets = secrets_of(tmp_path)
    trustees, archive = tmp_path / "demo-trustees", str(tmp_path / "tableau.jsonl")
    out, err = io.StringIO(), io.StringIO()
    slug = ["--campaign", "electionspro2014"]
    with every_log_line() as logged:
        assert vote_as_the_demo_elector(client, tmp_path) >= 1
        demo.now = AFTER_CLOSE
        call_command("tally", *slug, stdout=out, stderr=err)
        call_command("export_archive", *slug, archive, stdout=out, stderr=err)
        partials = []
        for index in (1, 2):
            partials += ["--partial", str(tmp_path / f"partiel-{index}.json")]
            call_command(
                "trustee_decrypt", "--board", archive,
                "--key", str(trustees / f"scrutateur-{index}.cle"),
                "--passphrase-file", str(trustees / f"scrutateur-{index}.phrase"),
                "--out", partials[-1], stdout=out, stderr=err,
            )  # fmt: skip
        call_command("tally", *slug, *partials, stdout=out, stderr=err)
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


def test_a_decryption_that_fails_midway_shows_no_key_share_nor_passphrase_in_its_traceback(
    demo, tmp_path, monkeypatch
):
    """What Django's error report (a 500 page, an error mail) would show of the frames."""
    secrets = {
        value: what
        for source in (key_shares, trustee_passphrases)
        for what, value in source(tmp_path)
    }
    demo.now = AFTER_CLOSE
    call_command("tally", "--campaign", "electionspro2014", stdout=io.StringIO())
    archive = tmp_path / "tableau.jsonl"
    call_command("export_archive", "--campaign", "electionspro2014", str(archive))
    key = tmp_path / "demo-trustees" / "scrutateur-1.cle"
    passphrase = key.with_suffix(".phrase").read_text(encoding="utf-8").strip()

    def fail(*args, **kwargs):
        raise RuntimeError("the machine went down during the decryption")

    monkeypatch.setattr(trustee_side, "partial_decryption", fail)
    try:
        trustee_side.partial_decrypt(archive, sealed=key.read_bytes(), passphrase=passphrase)
    except RuntimeError:
        frames = ExceptionReporter(None, *sys.exc_info()).get_traceback_frames()
    else:
        pytest.fail("the decryption did not fail")
    # The portal's frames, with the values the error page and mail would show.
    app = str(Path(trustee_side.__file__).resolve().parent) + "/"
    shown = {f["function"]: str(f["vars"]) for f in frames if f["filename"].startswith(app)}
    assert "partial_decrypt" in shown
    assert leaks(" ".join(shown.values()), secrets) == []
