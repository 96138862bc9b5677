"""Benchmark: ``python -m verifier.bench [--ballots N]``.

Measures, on this machine: making and verifying an 11-slot ballot (one core, CPU
time), and the offline verifier's throughput on a synthetic archive with 1 worker and
with every core (ballots per second, and per core).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from verifier.archive import write_archive
from verifier.ballot import ballot_bytes, make_ballot, verify_ballot
from verifier.checks import verify_archive
from verifier.synthetic import ScrutinPlan, build_election, elector, single_key_manifest

LISTS = tuple(f"Liste {i}" for i in range(1, 11))  # 10 lists + blank = 11 slots


def per_ballot(samples: int = 40) -> dict[str, float]:
    """Median CPU milliseconds to make and to verify one 11-slot ballot."""
    manifest, _x = single_key_manifest(slots=("Vote blanc", *LISTS))
    _code, secret, public = elector(manifest)
    made, checked = [], []
    for i in range(samples):
        started = time.process_time()
        ballot = make_ballot(
            manifest_fingerprint=manifest.fingerprint, scrutin=manifest.scrutin,
            public_key=manifest.public_key_point, slot_count=11, choice_index=i % 11,
            credential_secret=secret, enc="server",
        )  # fmt: skip
        made.append(time.process_time() - started)
        started = time.process_time()
        verify_ballot(ballot, manifest=manifest, allowed_credentials={public})
        checked.append(time.process_time() - started)
    return {
        "make_ms": 1000 * statistics.median(made),
        "verify_ms": 1000 * statistics.median(checked),
        "ballot_bytes": len(ballot_bytes(ballot)),
    }


def _cpu() -> float:
    """CPU seconds of this process."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def throughput(ballots: int) -> dict[str, float]:
    """``verify_archive`` with 1 worker and with all cores: ballots per wall second, and
    per CPU second (main process and workers together: the per-core throughput)."""
    plan = ScrutinPlan("BENCH", LISTS, 5, [i % 11 for i in range(ballots)], abstainers=0)
    election = build_election([plan])
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.jsonl"
        write_archive(
            path, campaign=election.campaign, events=election.events, rolls=election.rolls
        )
        result["archive_bytes_per_ballot"] = path.stat().st_size / ballots
        cores = os.cpu_count() or 1
        for workers in sorted({1, cores}):
            started, cpu = time.monotonic(), _cpu()
            report = verify_archive(path, workers=workers)
            elapsed, cpu = time.monotonic() - started, _cpu() - cpu
            if workers > 1:  # the workers are not our children (fork server): they report
                cpu += report.ballot_cpu_seconds
            assert report.ok, [f.sentence() for f in report.failures]
            result[f"wall_ballots_per_s_{workers}_workers"] = ballots / elapsed
            result[f"cpu_ballots_per_s_per_core_{workers}_workers"] = ballots / cpu
    return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m verifier.bench")
    parser.add_argument("--ballots", type=int, default=600)
    args = parser.parse_args()
    for key, value in {**per_ballot(), **throughput(args.ballots)}.items():
        print(f"{key}: {value:.1f}")


if __name__ == "__main__":
    main()
