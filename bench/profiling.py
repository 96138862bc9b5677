"""Sampling profiles with py-spy: where each path spends its time.

`Profiler(pid, name, folder)` records the process and its children (the gunicorn
workers) while a measurement runs, then summarises the collapsed stacks: the functions
where most samples end (self time) and a few chosen frames seen anywhere in the stack
(Argon2, SQL, templates...). Without py-spy installed, it records nothing.
"""

import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

INTERESTING = {
    "argon2": ("argon2", "verify_secret", "hash_secret"),
    "SQL": ("execute", "executemany", "copy_expert", "fetchmany", "_execute_with_wrappers"),
    "templates": ("render", "Template"),
    "sessions": ("sessions",),
    "crypto (PyNaCl)": ("nacl",),
    "CSV parsing": ("csv", "reader"),
}


def py_spy() -> str | None:
    local = Path(sys.executable).parent / "py-spy"
    return str(local) if local.exists() else shutil.which("py-spy")


class Profiler:
    def __init__(self, pid: int | None, name: str, folder: Path, *, rate: int = 67):
        self.pid, self.name, self.rate = pid, name, rate
        self.output = folder / f"profile-{name}.txt"
        self.process: subprocess.Popen | None = None
        self.summary: dict = {}

    def __enter__(self) -> "Profiler":
        binary = py_spy()
        if binary and self.pid:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            self.process = subprocess.Popen(  # noqa: S603 (py-spy on our own processes)
                [binary, "record", "--pid", str(self.pid), "--subprocesses", "--rate",
                 str(self.rate), "--format", "raw", "--output", str(self.output), "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        return self

    def __exit__(self, *exc) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.summary = summarise(self.output)


def summarise(path: Path, top: int = 8) -> dict:
    """Self time of the top functions, and the share of samples passing through key frames."""
    if not path.exists():
        return {}
    own: Counter = Counter()
    through: Counter = Counter()
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _sep, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        samples = int(count)
        frames = stack.split(";")
        if any("idle" in f or "wait (threading" in f or "select (" in f for f in frames[-1:]):
            continue  # a thread waiting for work is not the bottleneck
        total += samples
        own[_short(frames[-1])] += samples
        for label, needles in INTERESTING.items():
            if any(any(n in frame for n in needles) for frame in frames):
                through[label] += samples
    if not total:
        return {}
    return {
        "samples": total,
        "self": [(name, round(100 * n / total, 1)) for name, n in own.most_common(top)],
        "through": {label: round(100 * n / total, 1) for label, n in through.most_common()},
    }


def _short(frame: str) -> str:
    """'verify (argon2/_password_hasher.py:123)' -> 'verify (argon2/_password_hasher.py)'."""
    name, _sep, where = frame.partition(" (")
    where = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", "lib/python3.13/", "/work/main/"):
        if marker in where:
            where = where.split(marker, 1)[1]
    return f"{name} ({where})" if where else name
