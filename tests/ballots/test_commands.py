"""Every management command of the project: `--help` works and explains each of its options;
a bad input is a French sentence and a non-zero exit, never a traceback."""

import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import BaseCommand, CommandError

ROOT = Path(__file__).resolve().parents[2]


def project_commands() -> list[tuple[str, str]]:
    """(app, command) for every command defined by an app of this repository."""
    ours = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT)
        and ".venv" not in Path(config.path).parts
    }
    return sorted((app, name) for name, app in get_commands().items() if app in ours)


def own_options(parser_help: str, defaults: set[str]) -> dict[str, str]:
    """Each option or argument of the help text (Django's common ones left out), with the
    text that explains it."""
    found: dict[str, str] = {}
    lines = parser_help.splitlines()
    for index, line in enumerate(lines):
        match = re.match(r"^  (\S[^ ].*?)(?:\s{2,}(\S.*))?$", line)
        if not match or match.group(1).startswith("-h"):
            continue
        names = re.findall(r"(?:^|, )(-{1,2}[\w-]+|[a-z_]+)", match.group(1))
        if not names or set(names) & defaults:
            continue
        text = match.group(2) or ""
        follow = lines[index + 1] if index + 1 < len(lines) else ""
        if not text and follow.startswith(" " * 6) and not follow.strip().startswith("-"):
            text = follow.strip()
        found[names[0]] = text
    return found


COMMANDS = project_commands()


def test_the_project_has_its_commands():
    names = {name for _app, name in COMMANDS}
    assert {"create_campaign", "import_agents", "import_roll", "seed_demo"} <= names


@pytest.mark.parametrize(("app", "name"), COMMANDS, ids=[name for _app, name in COMMANDS])
def test_help_exits_0_and_explains_every_option(app, name):
    result = subprocess.run(
        [sys.executable, "manage.py", name, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    base = BaseCommand().create_parser("manage.py", "x").format_help()
    defaults = set(re.findall(r"--[\w-]+", base))
    parser = load_command_class(app, name).create_parser("manage.py", name)
    options = own_options(parser.format_help(), defaults)
    unexplained = [option for option, text in options.items() if not text]
    assert not unexplained, f"{name}: options without an explanation: {unexplained}"


# One bad input per command: a missing file, a path that cannot be written, an unknown
# campaign, a malformed date... Every command of the project must have its case here.
MISSING = "/nonexistent/fichier.csv"
UNWRITABLE = "/proc/electionspro/impossible"
BAD_INPUTS = {
    "create_campaign": (
        ["x", "--name=X", "--rolls=2014-10-15", "--candidacies=2014-10-28",
         "--profile-deadline=2014-11-14", "--opens=2014-11-27T25:00",
         "--closes=2014-12-04T17:00", "--results=2014-12-05"],
        "date et heure ISO attendues",
    ),
    "export_results": (["--campaign=inconnue", "/tmp/out.csv"], "Campagne inconnue"),
    "extend_voting": (
        ["--campaign=inconnue", "--until=2014-12-04T19:00", "--reason=panne"],
        "Campagne inconnue",
    ),
    "export_archive": (["--campaign=inconnue", "/tmp/archive.jsonl"], "Campagne inconnue"),
    "generate_credentials": (
        ["--campaign={campaign}", f"--out={UNWRITABLE}"], "aucun électeur inscrit"
    ),
    "import_credentials": ([MISSING, "--campaign={campaign}"], MISSING),
    "replace_credentials": (["--campaign={campaign}", "--out=/tmp/r"], "aucune demande"),
    "import_replacements": ([MISSING, "--campaign=inconnue"], "Campagne inconnue"),
    "trustee_decrypt": ([f"--board={MISSING}", f"--key={MISSING}", "--out=/tmp/p"], MISSING),
    "trustee_keygen": (
        ["--step=2", f"--ceremony={MISSING}", "--key=/tmp/k", "--out=/tmp/o"], MISSING
    ),
    "trustees_export": (["--campaign=inconnue", "--out=/tmp/c.json"], "Campagne inconnue"),
    "trustees_import": ([MISSING, "--campaign={campaign}"], MISSING),
    "verify_election": ([MISSING], MISSING),
    "import_agents": ([MISSING], MISSING),
    "import_candidacies": ([MISSING, "--campaign={campaign}"], MISSING),
    "import_paper_results": ([MISSING, "--campaign={campaign}"], MISSING),
    "import_roll": ([MISSING, "--campaign={campaign}"], MISSING),
    "import_scrutins": ([MISSING, "--campaign={campaign}"], MISSING),
    "seal_campaign": (["--campaign=inconnue"], "Campagne inconnue"),
    "seed_demo": ([], "DJANGO_DEBUG=1"),
    "send_opening_emails": (["--campaign=inconnue"], "Campagne inconnue"),
    "tally": (["--campaign={campaign}", f"--partial={MISSING}"], MISSING),
    "turnout": (["--campaign=inconnue"], "Campagne inconnue"),
}  # fmt: skip
# Commands whose bad input is a state, tested where the state is made.
BAD_STATES = {"verify_audit": "tests/core/test_audit_chain.py (an edited row)"}


def test_every_command_has_a_bad_input_case():
    assert {name for _app, name in COMMANDS} <= set(BAD_INPUTS) | set(BAD_STATES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_a_bad_input_is_a_french_sentence_and_a_non_zero_exit(name, campaign, settings):
    settings.DEBUG = False
    args, expected = BAD_INPUTS[name]
    args = [arg.format(campaign=campaign.slug) for arg in args]
    with pytest.raises(CommandError) as raised:
        call_command(name, *args, stdout=StringIO(), stderr=StringIO())
    message = str(raised.value)
    assert expected in message
    assert "Traceback" not in message and "Errno" not in message
