"""GET throughput with wrk (C, from Debian) when it is installed: a client that does not
eat the cores the server needs. Falls back to the Python load generator otherwise.

Each request takes the next (path, cookie) pair of a Lua table, so the requests spread
over many electors' sessions and scrutins, as real traffic does.
"""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .loadgen import Summary

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def available() -> bool:
    return shutil.which("wrk") is not None


def _lua(entries: list[tuple[str, str]]) -> str:
    rows = ",\n".join(f'  {{"{path}", "{cookie}"}}' for path, cookie in entries)
    return (
        "local entries = {\n" + rows + "\n}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = (i % #entries) + 1\n"
        "  local e = entries[i]\n"
        '  return wrk.format("GET", e[1], {["Cookie"] = e[2]})\n'
        "end\n"
    )


def run(base_url: str, entries: list[tuple[str, str]], *, seconds: float, connections: int,
        label: str) -> Summary:  # fmt: skip
    """wrk -t1 -cN -dS --latency with the entries; parsed into a Summary."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(entries[:5000]))
    try:
        output = subprocess.run(  # noqa: S603 (wrk against our own loopback server)
            [shutil.which("wrk") or "wrk", "-t1", f"-c{connections}",
             f"-d{max(1, round(seconds))}s", "--latency", "--timeout", "10s", "-s", script.name,
             base_url],
            capture_output=True, text=True, timeout=seconds + 60, check=False,
        ).stdout  # fmt: skip
    finally:
        Path(script.name).unlink(missing_ok=True)
    return parse(output, label=label, seconds=seconds)


def parse(output: str, *, label: str, seconds: float) -> Summary:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else 0.0

    total = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output)
    count = int(total.group(1)) if total else 0
    duration = float(total.group(2)) * UNITS[total.group(3)] / 1000 if total else seconds
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)  # fmt: skip
    non_ok = int(bad.group(1)) if bad else 0
    failures = sum(int(n) for n in errors.groups()) if errors else 0
    statuses = {200: count - non_ok}
    if non_ok:
        statuses[500] = non_ok  # wrk does not say which: counted as server errors
    if failures:
        statuses[0] = failures
    return Summary(label, count, count - non_ok, statuses, duration, latency("50"),
                   latency("99"), latency("99"))  # fmt: skip
