"""The verifier folder stands alone: only the standard library and PyNaCl."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_imports_nothing_from_the_project_or_django():
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r});"
        "import verifier.__main__, verifier.synthetic, verifier.checks;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'django', 'ballots', 'accounts', 'electionspro', 'webmail_auth', 'core'});"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    run = subprocess.run(
        [sys.executable, "-I", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_cli_help_is_french():
    run = subprocess.run(
        [sys.executable, "-m", "verifier", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and "Vérifie l'archive publique" in run.stdout


def test_a_copy_of_the_folder_alone_verifies_an_archive(tmp_path):
    import shutil

    from verifier.archive import write_archive
    from verifier.synthetic import ScrutinPlan, build_election

    shutil.copytree(ROOT / "verifier", tmp_path / "verifier")
    election = build_election([ScrutinPlan("CT", ("FSU", "SGEN"), 2, [1, 2, 2])], n=2, k=1)
    write_archive(
        tmp_path / "archive.jsonl",
        campaign=election.campaign,
        events=election.events,
        rolls=election.rolls,
    )
    run = subprocess.run(
        [sys.executable, "-E", "-s", "-m", "verifier", "archive.jsonl", "--workers", "2"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "toutes les vérifications sont réussies" in run.stdout
