"""`make bench`: the whole benchmark against PostgreSQL and gunicorn on 127.0.0.1.

    BENCH_SCALE=small python -m bench.run [--profile] [--only imports,pages,...]

Creates its own database (ep_bench, dropped and recreated), generates the HR files,
imports them through the real commands, prepares electors, starts gunicorn (bench
settings, loopback only), measures each path beside its baseline, runs the peak and
the stampede, stops gunicorn, counts the box, and writes the results table to
bench-data/results/. Every phase is bounded in time; the whole run has a deadline.
"""

import argparse
import contextlib
import os
import signal
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ep_bench"
STEPS = ("imports", "mails", "queries", "pages", "login", "vote", "peak", "ramp", "stampede",
         "tally")  # fmt: skip
DEADLINE_MINUTES = {"smoke": 5, "small": 40, "full": 240}


class OutOfTime(Exception):
    pass


def log(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def recreate_database(url: str) -> None:
    """Drop and create the bench database (PostgreSQL), or remove the SQLite file."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        Path(parts.path[1:] if parts.path.startswith("//") else parts.path).unlink(missing_ok=True)
        return
    import psycopg2

    name = parts.path.lstrip("/")
    if not name.startswith("ep_bench"):
        raise SystemExit(f"refus : la base du banc d'essai doit s'appeler ep_bench…, pas {name}")
    try:
        admin = psycopg2.connect(host=parts.hostname, port=parts.port or 5432,
                                 user=parts.username or "postgres",
                                 password=parts.password or None, dbname="postgres")  # fmt: skip
    except psycopg2.OperationalError as error:
        raise SystemExit(
            f"PostgreSQL ne répond pas ({parts.hostname}:{parts.port or 5432}) : démarrez-le "
            f"(pg_ctlcluster 15 main start) ou indiquez BENCH_DATABASE_URL. Détail : {error}"
        ) from None
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="electionspro benchmark")
    parser.add_argument("--scale", default=None, help="smoke, small or full (BENCH_SCALE)")
    parser.add_argument("--only", default="", help="comma-separated steps: " + ",".join(STEPS))
    parser.add_argument("--profile", action="store_true", help="record py-spy profiles")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8106)))
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--data", type=Path, default=ROOT / "bench-data")
    args = parser.parse_args(argv)

    from .scales import get_scale

    scale = get_scale(args.scale)
    steps = set(args.only.split(",")) if args.only else set(STEPS)
    os.environ["DJANGO_SETTINGS_MODULE"] = "electionspro.settings.bench"
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-" + "b" * 40)
    os.environ.setdefault("ELECTIONSPRO_NUMEN_PEPPER", "bench-only-numen-pepper")

    def out_of_time(signum, frame):
        raise OutOfTime(f"deadline of {DEADLINE_MINUTES[scale.name]} min reached")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(int(os.environ.get("BENCH_DEADLINE_MINUTES", DEADLINE_MINUTES[scale.name])) * 60)
    started = time.perf_counter()
    log(f"scale {scale.name}: {scale.agents} agents, database {args.database_url}")
    recreate_database(args.database_url)

    import django

    django.setup()
    from .report import Report, machine

    report = Report(scale=scale.name, machine=machine())
    try:
        run_steps(report, scale, steps, args)
    except OutOfTime as error:
        report.notes.append(f"STOPPED: {error}; the table holds what was measured before.")
        log(str(error))
    finally:
        signal.alarm(0)
        report.seconds = time.perf_counter() - started
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = report.write(args.data / "results", stamp)
        sys.stdout.write(report.markdown())
        log(f"results written to {path}")
    return 0


def run_steps(report, scale, steps: set[str], args) -> None:
    from django.core.management import call_command

    from .academies import ensure_academies
    from .baseline import ensure_tables
    from .generate import generate
    from .measures_data import (
        measure_cpu_costs,
        measure_imports,
        measure_opening_mails,
        measure_query_counts,
        measure_tally,
    )
    from .prepare import create_campaign, create_electors, keys_and_seal

    log("migrate, collectstatic")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    log("generating the HR files")
    data = generate(args.data / scale.name, agents=scale.agents, academies=scale.academies,
                    lists=scale.lists, progress=log)  # fmt: skip
    log(f"generated {data.agents} agents, {data.scrutins} scrutins, {data.roll_rows} roll rows, "
        f"{data.candidacy_rows} candidacy rows in {data.seconds:.0f} s")  # fmt: skip
    ensure_academies(list(scale.academies) if scale.academies else None)
    create_campaign()
    profile = _profiler(report, args)
    log("imports")
    with profile("imports", os.getpid()):
        measure_imports(report, data, judge=scale.agents >= 50_000)
    if os.environ.get("BENCH_ANALYZE", "1") == "1":
        # Fresh statistics after the bulk loads, as autovacuum would compute them later: without
        # them PostgreSQL plans the seal's per-scrutin roll digests as full scans (see BENCHMARKS).
        timed_note(report, "ANALYZE after the imports", _analyze)
    log("keys and seal")
    box = timed_note(report, "credentials + trustees' keys + seal_campaign",
                     lambda: keys_and_seal(args.data / "box"))  # fmt: skip
    log(f"{scale.electors} elector accounts and sessions")
    workload = timed_note(report, f"{scale.electors} elector accounts and sessions (fast path)",
                          lambda: create_electors(scale.electors, codes=box.codes))  # fmt: skip
    if "mails" in steps:
        log("opening mails")
        with guard(report, "mails"), profile("opening-mails", os.getpid()):
            measure_opening_mails(report)
    ensure_tables()
    if "queries" in steps:
        with guard(report, "queries"):
            measure_query_counts(report, workload)
        with guard(report, "cpu"):
            measure_cpu_costs(report, workload)
    http_steps = steps & {"pages", "login", "vote", "peak", "ramp", "stampede"}
    if http_steps:
        run_http(report, scale, http_steps, workload, args)
    if "tally" in steps:
        log(
            f"filling the box to {scale.tally_ballots} ballots and counting it"
            + (f" at {scale.count_height} ballots" if scale.count_height else "")
        )
        with guard(report, "tally"), profile("tally", os.getpid()):
            measure_tally(report, box, scale.tally_ballots, scale.count_height)


def run_http(report, scale, steps: set[str], workload, args) -> None:
    from django.conf import settings
    from django.db import connections

    from .loadgen import free_port
    from .measures_http import (
        Http,
        measure_login,
        measure_pages,
        measure_peak,
        measure_ramp,
        measure_stampede,
        measure_vote,
    )
    from .server import Gunicorn

    connections.close_all()
    port = free_port(args.port)
    env = {"DJANGO_SETTINGS_MODULE": "electionspro.settings.bench",
           "DATABASE_URL": args.database_url}  # fmt: skip
    log(f"gunicorn: {scale.workers} workers x {scale.threads} threads on 127.0.0.1:{port}")
    with Gunicorn(port=port, workers=scale.workers, threads=scale.threads, env=env,
                  log=args.data / "results" / "gunicorn.log") as server:  # fmt: skip
        report.notes.append(
            f"gunicorn {scale.workers} workers x {scale.threads} threads (QueueTimedThreadWorker); "
            "load "
            f"shedding: {settings.LOADSHED_CONCURRENCY} password checks at once per worker, "
            f"{settings.LOADSHED_WAIT_MS} ms wait; client: {scale.concurrency} threads "
            "(closed loop), 200 (open loop), on the same 2 cores"
        )
        http = Http(server.url, workload, scale.concurrency, scale.measure_seconds)
        profile = _profiler(report, args, server.pid)
        for name, measure in (("pages", measure_pages), ("login", measure_login),
                              ("vote", measure_vote)):  # fmt: skip
            if name in steps:
                log(name)
                with guard(report, name):
                    measure(report, http, profile)
        if "peak" in steps:
            log(f"peak for {scale.peak_seconds:.0f} s")
            with guard(report, "peak"):
                measure_peak(report, http, scale.peak_seconds, profile)
        if "ramp" in steps:
            log("ramp")
            with guard(report, "ramp"):
                measure_ramp(report, http, scale.ramp_seconds)
        if "stampede" in steps:
            log(f"stampede for {scale.stampede_seconds:.0f} s, then recovery")
            with guard(report, "stampede"):
                measure_stampede(report, http, scale.stampede_seconds, profile)
        if http.exceptions:
            report.notes.append(f"{len(http.exceptions)} flow exceptions, first: "
                                f"{http.exceptions[0]}")  # fmt: skip


@contextlib.contextmanager
def guard(report, step: str):
    """A step that fails is reported and the run goes on with the next one."""
    try:
        yield
    except OutOfTime:
        raise
    except Exception as error:
        import traceback

        log(f"step {step} FAILED: {error!r}")
        report.notes.append(f"step {step} FAILED: {error.__class__.__name__}: {error}")
        report.errors.append(f"{step}:\n{traceback.format_exc()}")


def _analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed_note(report, what: str, action):
    started = time.perf_counter()
    result = action()
    report.notes.append(f"{what}: {time.perf_counter() - started:.1f} s")
    return result


def _profiler(report, args, default_pid: int | None = None):
    """profile(name[, pid]) -> a context manager; a no-op without --profile."""
    from .profiling import Profiler

    @contextlib.contextmanager
    def profile(name: str, pid: int | None = None):
        if not args.profile:
            yield
            return
        profiler = Profiler(pid or default_pid, name, args.data / "results")
        with profiler:
            yield
        report.profiles[name] = profiler.summary

    return profile


if __name__ == "__main__":
    raise SystemExit(main())
