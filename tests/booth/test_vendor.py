"""The vendored libsodium files are exactly what scripts/vendor-libsodium records."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "static" / "booth" / "vendor"


def test_the_vendored_files_match_their_recorded_hashes():
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "vendor-libsodium"), "--check"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_one_bare_import_points_at_the_vendored_file_and_the_licence_is_kept():
    wrappers = (VENDOR / "libsodium-wrappers-sumo-0.8.4.mjs").read_text()
    assert 'from"./libsodium-sumo-0.8.4.mjs"' in wrappers
    assert 'from"libsodium-sumo"' not in wrappers
    assert "Permission to use, copy, modify" in (VENDOR / "LICENSE").read_text()
