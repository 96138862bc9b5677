"""Benchmark scales: how much data, how long each measurement runs.

`full` is the ministry's scale (1.2 M agents); `small` runs in a few minutes on 2 cores;
`smoke` is what the test suite runs (seconds, to keep the scripts from rotting).
"""

import os
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Scale:
    name: str
    agents: int
    academies: tuple[str, ...] | None  # None: all 30
    lists: tuple[int, int]  # candidate lists per scrutin, inclusive
    electors: int  # elector accounts created with a known password
    tally_ballots: int  # size of the generated box that `tally` counts
    count_height: int  # ballot events the count runs on (the box repeated: count_height.py)
    measure_seconds: float  # each closed-loop HTTP measurement
    peak_seconds: float  # the sustained peak minute(s)
    ramp_seconds: float  # each step of the "highest sustainable rate" ramp
    stampede_seconds: float  # the 3x opening stampede, then as long again at 0.5x
    concurrency: int  # closed-loop client threads
    workers: int  # gunicorn processes
    threads: int  # gunicorn threads per process
    mails: int  # opening mails sent through the real command (0: every agent on a roll)


SCALES = {
    "smoke": Scale(
        name="smoke",
        agents=20,
        academies=("grenoble",),
        lists=(2, 4),
        electors=20,
        tally_ballots=60,
        count_height=120,
        measure_seconds=1.0,
        peak_seconds=2.0,
        ramp_seconds=1.0,
        stampede_seconds=1.5,
        concurrency=2,
        workers=1,
        threads=4,
        mails=0,
    ),
    "small": Scale(
        name="small",
        agents=100_000,
        academies=None,
        lists=(2, 17),
        electors=20_000,
        tally_ballots=100_000,
        count_height=0,
        measure_seconds=15.0,
        peak_seconds=120.0,
        ramp_seconds=20.0,
        stampede_seconds=40.0,
        concurrency=8,
        workers=2,
        threads=16,
        mails=0,
    ),
    "full": Scale(
        name="full",
        agents=1_200_000,
        academies=None,
        lists=(2, 17),
        electors=60_000,
        tally_ballots=1_300_000,
        count_height=1_300_000,
        measure_seconds=30.0,
        peak_seconds=300.0,
        ramp_seconds=30.0,
        stampede_seconds=90.0,
        concurrency=8,
        workers=2,
        threads=16,
        mails=0,
    ),
}


def get_scale(name: str | None = None) -> Scale:
    """The scale named (or BENCH_SCALE, default small), with BENCH_* overrides applied."""
    name = name or os.environ.get("BENCH_SCALE", "small")
    if name not in SCALES:
        raise SystemExit(f"BENCH_SCALE={name!r} : choisissez parmi {', '.join(SCALES)}.")
    scale = SCALES[name]
    overrides = {}
    for field in ("agents", "electors", "tally_ballots", "count_height", "workers", "threads",
                  "concurrency"):  # fmt: skip
        raw = os.environ.get(f"BENCH_{field.upper()}")
        if raw:
            overrides[field] = int(raw)
    for field in ("measure_seconds", "peak_seconds", "ramp_seconds", "stampede_seconds"):
        raw = os.environ.get(f"BENCH_{field.upper()}")
        if raw:
            overrides[field] = float(raw)
    return replace(scale, **overrides) if overrides else scale
