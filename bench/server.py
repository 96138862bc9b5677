"""Gunicorn for the benchmark: loopback only, its own process group, always stopped.

    with Gunicorn(port=8106, workers=2, threads=8, env=...) as server:
        ... server.url ...

The portal runs with the bench settings (production settings on plain HTTP plus the
baseline views). Threads (gthread) let the load shedding keep reads flowing while the
password checks are bounded.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .loadgen import wait_until_up

ROOT = Path(__file__).resolve().parent.parent


class Gunicorn:
    def __init__(
        self,
        *,
        port: int,
        workers: int,
        threads: int,
        env: dict[str, str],
        log: Path,
        timeout: int = 30,
    ):
        self.port, self.workers, self.threads = port, workers, threads
        self.env, self.log, self.timeout = env, log, timeout
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "gunicorn", "electionspro.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--worker-class", "electionspro.gunicorn_worker.QueueTimedThreadWorker",
            "--threads", str(self.threads),
            "--timeout", str(self.timeout), "--graceful-timeout", "5",
            "--backlog", "2048", "--keep-alive", "5",
            "--error-logfile", "-", "--log-level", "warning",
        ]  # fmt: skip

    def __enter__(self) -> "Gunicorn":
        self.log.parent.mkdir(parents=True, exist_ok=True)
        handle = self.log.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            self.command(), cwd=ROOT, env={**os.environ, **self.env}, stdout=handle,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        if not wait_until_up(self.url, seconds=60):
            self.stop()
            raise RuntimeError(f"gunicorn ne répond pas sur {self.url} (voir {self.log})")
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def worker_pids(self) -> list[int]:
        if not self.process:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        """TERM the whole process group, then KILL whatever is left after 10 s."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        self.process = None
