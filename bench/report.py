"""The results table: one row per measurement, with its baseline and the ratio."""

import json
import platform
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Row:
    measure: str
    value: float
    unit: str
    baseline: str = ""
    baseline_value: float | None = None
    goal: str = ""
    met: bool | None = None
    detail: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.baseline_value:
            return None
        return self.value / self.baseline_value


@dataclass
class Report:
    scale: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    profiles: dict[str, dict] = field(default_factory=dict)
    machine: dict = field(default_factory=dict)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # tracebacks of failed steps

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def markdown(self) -> str:
        lines = [
            f"# Benchmark results, scale `{self.scale}`",
            "",
            "Machine: " + ", ".join(f"{k}: {v}" for k, v in self.machine.items()),
            f"Total run time: {self.seconds:.0f} s",
            "",
            "| measure | value | baseline (same run) | ratio | goal | met | details |",
            "| --- | ---: | --- | ---: | --- | :---: | --- |",
        ]
        for row in self.rows:
            baseline = (
                f"{row.baseline}: {_number(row.baseline_value)} {row.unit}"
                if row.baseline_value is not None
                else row.baseline
            )
            ratio = f"{row.ratio:.2f}" if row.ratio is not None else ""
            met = {True: "yes", False: "**no**", None: ""}[row.met]
            lines.append(
                f"| {row.measure} | {_number(row.value)} {row.unit} | {baseline} | {ratio} "
                f"| {row.goal} | {met} | {row.detail} |"
            )
        if self.notes:
            lines += ["", "Notes:", ""] + [f"- {note}" for note in self.notes]
        if self.profiles:
            lines += ["", "## Profiles (py-spy, share of busy samples)", ""]
            for name, profile in self.profiles.items():
                if not profile:
                    continue
                through = ", ".join(f"{k} {v}%" for k, v in profile["through"].items())
                top = "; ".join(f"{f} {p}%" for f, p in profile["self"][:5])
                lines.append(f"- **{name}** ({profile['samples']} samples): {through}. "
                             f"Top self time: {top}")  # fmt: skip
        return "\n".join(lines) + "\n"

    def write(self, folder: Path, stamp: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.scale}-{stamp}.md"
        path.write_text(self.markdown(), encoding="utf-8")
        (folder / f"{self.scale}-latest.md").write_text(self.markdown(), encoding="utf-8")
        data = {**asdict(self), "rows": [{**asdict(r), "ratio": r.ratio} for r in self.rows]}
        (folder / f"{self.scale}-{stamp}.json").write_text(json.dumps(data, indent=2, default=str))
        if self.errors:
            (folder / f"{self.scale}-{stamp}-errors.txt").write_text("\n\n".join(self.errors))
        return path


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) >= 100:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"


def machine() -> dict:
    """nproc, memory and CPU model, as BENCHMARKS.md asks."""
    info = {"nproc": _run(["nproc"]), "python": platform.python_version()}
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            info["cpu"] = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            info["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
            break
    info["load average"] = Path("/proc/loadavg").read_text().split()[0]
    return info


def _run(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()  # noqa: S603
    except OSError:
        return "?"
