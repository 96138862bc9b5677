"""The benchmark at tiny scale, so that its scripts cannot rot (no timing assertions).

The same code as `make bench` (generator, real import commands, elector fast path,
load generator, flows, baselines, peak, stampede, tally, report), against pytest's live
server instead of gunicorn, one request at a time, for about a second per measurement.
"""

import csv
import json
from contextlib import nullcontext

import pytest

from bench import generate as generate_module
from bench.academies import ensure_academies
from bench.baseline import ensure_tables
from bench.generate import generate
from bench.measures_data import (
    measure_cpu_costs,
    measure_imports,
    measure_opening_mails,
    measure_query_counts,
    measure_tally,
)
from bench.measures_http import (
    Http,
    measure_login,
    measure_pages,
    measure_peak,
    measure_stampede,
    measure_vote,
)
from bench.prepare import create_campaign, create_electors, keys_and_seal
from bench.report import Report

SCRUTIN_COLUMNS = ["code", "libelle", "type", "perimetre", "academie", "departement", "sieges",
                   "mode"]  # fmt: skip


def no_profile(name, pid=None):
    return nullcontext()


def test_the_generator_writes_the_import_formats_with_awkward_names(tmp_path):
    result = generate(tmp_path, agents=300, academies=("grenoble", "lyon"), lists=(2, 17))
    with (tmp_path / "agents.csv").open(encoding="utf-8-sig") as handle:
        agents = list(csv.DictReader(handle, delimiter=";"))
    assert len(agents) == result.agents == 300
    assert {a["academie"] for a in agents} == {"grenoble", "lyon"}
    assert all(len(a["numen"]) == 13 for a in agents)
    assert len({a["numen"] for a in agents}) == 300
    assert any(not a["nom"].isascii() for a in agents)  # accents, œ...
    full_names = [(a["nom"], a["prenom"]) for a in agents]
    assert len(set(full_names)) < len(full_names)  # full homonyms
    with (tmp_path / "scrutins.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        scrutins = list(reader)
    assert reader.fieldnames == SCRUTIN_COLUMNS
    assert {"CTM", "CTA", "CTSD", "CAPN", "CAPA", "CAPD", "CCP", "CCMA", "CCMD"} <= {
        s["type"] for s in scrutins
    }
    with (tmp_path / "roll.csv").open(encoding="utf-8") as handle:
        roll = list(csv.DictReader(handle))
    per_agent = {}
    for row in roll:
        per_agent[row["numen"]] = per_agent.get(row["numen"], 0) + 1
    assert set(per_agent) == {a["numen"] for a in agents}
    assert max(per_agent.values()) <= 8 and min(per_agent.values()) >= 1
    with (tmp_path / "candidacies.csv").open(encoding="utf-8") as handle:
        lists = {(r["scrutin"], r["ordre"]) for r in csv.DictReader(handle)}
    per_scrutin = {}
    for code, _order in lists:
        per_scrutin[code] = per_scrutin.get(code, 0) + 1
    assert min(per_scrutin.values()) >= 2 and max(per_scrutin.values()) <= 17
    assert json.loads((tmp_path / "meta.json").read_text())["roll_rows"] == len(roll)


def test_the_generator_command_line_writes_the_files(tmp_path, capsys):
    assert generate_module.main(["--scale", "smoke", "--out", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["agents"] == 20
    assert {p.name for p in tmp_path.iterdir()} >= {"agents.csv", "roll.csv", "scrutins.csv",
                                                    "candidacies.csv"}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_every_measurement_runs_at_tiny_scale_and_fills_the_results_table(
    live_server, settings, tmp_path
):
    settings.ROOT_URLCONF = "bench.urls"
    settings.PASSWORD_HASHERS = ["accounts.hashers.OwaspArgon2PasswordHasher"]
    report = Report(scale="smoke")
    data = generate(tmp_path / "data", agents=20, academies=("grenoble",), lists=(2, 3))
    ensure_academies(["grenoble"])
    create_campaign()
    measure_imports(report, data, judge=False)
    box = keys_and_seal(tmp_path / "box")
    workload = create_electors(10, codes=box.codes)
    assert workload.votes and workload.logins
    measure_opening_mails(report)
    ensure_tables()
    measure_query_counts(report, workload)
    measure_cpu_costs(report, workload, repeat=2)

    # One request at a time: the live server shares SQLite's in-memory connection.
    http = Http(
        live_server.url, workload, concurrency=1, seconds=0.5, pool=1, use_wrk=False, rounds=1
    )
    measure_pages(report, http, no_profile)
    measure_login(report, http, no_profile)
    measure_vote(report, http, no_profile)
    measure_peak(report, http, 1.0, no_profile, factor=0.1)
    measure_stampede(report, http, 0.5, no_profile, scale=0.1)
    measure_tally(report, box, 20, count_height=50)  # the count on a padded board too

    assert http.exceptions == []
    measures = {row.measure for row in report.rows}
    assert measures >= {
        "import_agents", "import_roll", "send_opening_emails", "queries: my scrutins",
        "page: my scrutins", "page: one scrutin", "elector login",
        "vote POST, no JavaScript", "vote POST, booth (ballot made ahead)", "peak minute(s)",
        "opening stampede (3x peak)", "tally", "CPU per request (app)",
    }  # fmt: skip
    by_name = {row.measure: row for row in report.rows}
    assert by_name["elector login"].value > 0  # the flows really log in...
    assert by_name["vote POST, no JavaScript"].value > 0  # ...and really vote
    assert by_name["vote POST, booth (ballot made ahead)"].value > 0  # (ready-made ballots too)
    assert by_name["page: my scrutins"].baseline_value > 0
    table = report.markdown()
    assert "| measure | value | baseline (same run) | ratio |" in table
    assert "ballots = émargements: yes" in table
    assert "counts = ballots on the board: yes; the board padded to" in table
    assert "archive of the counted board" in measures
    written = report.write(tmp_path / "results", "test")
    assert written.read_text(encoding="utf-8") == table
