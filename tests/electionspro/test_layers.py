"""The layers go one way (pyproject.toml's [tool.importlinter] contracts).

`make test` runs `lint-imports` too; this test makes a broken layer fail the suite
wherever pytest runs (a lower app importing a higher one, even inside a function,
or any module importing Django's private SQL compiler).
"""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def test_every_import_contract_is_kept():
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_function_level_import_of_a_higher_layer_breaks_the_layers(tmp_path):
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in contracts["contracts"] if c["type"] == "layers")["layers"]
    for package in layers:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "ballots" / "models.py").write_text("")
    (tmp_path / "core" / "late.py").write_text(
        "def campaign():\n    from ballots import models\n\n    return models\n"
    )
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.importlinter]\nroot_packages = {json.dumps(layers)}\n\n"
        f'[[tool.importlinter.contracts]]\nname = "layers"\ntype = "layers"\n'
        f"layers = {json.dumps(layers)}\n"
    )

    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )

    assert result.returncode == 1, result.stdout + result.stderr
    assert "core.late -> ballots.models" in result.stdout
