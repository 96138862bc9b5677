"""A small HTTP load generator for loopback benchmarks (stdlib only: threads + http.client).

Two shapes of load:
- `closed_loop`: N clients each run a flow again and again until a deadline: the
  throughput a path reaches when it is the bottleneck.
- `open_loop`: flows start at a fixed rate per phase, whatever the server does (as real
  electors do); each request's latency counts from its scheduled start, so the client's
  own queueing is not hidden (no coordinated omission).

Every request has a timeout; every loop has a deadline. Only 127.0.0.1 is accepted.
"""

import http.client
import queue
import socket
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

TIMEOUT_STATUS = -1  # the request timed out
ERROR_STATUS = 0  # connection refused/reset, bad response
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SHED_TEXT = b"essayez dans un instant"  # the French 503 page of electionspro.loadshed


class Client:
    """One browser: one keep-alive connection and a cookie jar."""

    def __init__(self, base_url: str, *, timeout: float = 10.0):
        parts = urlsplit(base_url)
        if parts.hostname not in LOOPBACK:
            raise ValueError(f"refusing to load {parts.hostname}: loopback only")
        self.host, self.port, self.timeout = parts.hostname, parts.port or 80, timeout
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(
        self, method: str, path: str, fields: dict | None = None, extra: dict | None = None
    ):
        """(status, headers, body); status is ERROR_STATUS or TIMEOUT_STATUS on failure.
        `extra`: more request headers (the booth asks for JSON)."""
        body = urlencode(fields).encode() if fields is not None else None
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "electionspro-bench"}
        headers.update(extra or {})
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except TimeoutError:
                self.close()
                return TIMEOUT_STATUS, {}, b""
            except (http.client.HTTPException, OSError):
                self.close()
                if reused and attempt == 1:
                    continue  # the server closed an idle keep-alive connection: retry once
                return ERROR_STATUS, {}, b""
            self._store_cookies(response.headers.get_all("Set-Cookie") or [])
            if response.will_close:
                self.close()
            return response.status, response.headers, data
        return ERROR_STATUS, {}, b""

    def _store_cookies(self, lines: list[str]) -> None:
        for line in lines:
            pair, *attributes = line.split(";")
            name, _sep, value = pair.strip().partition("=")
            expired = any(a.strip().lower() in ("max-age=0",) for a in attributes)
            if expired or value in ("", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value


CLIENT_WAIT = "client.wait"  # pseudo-label: a flow's wait for a free client thread
BAD_SHED_STATUS = 598  # a 503 without Retry-After or without the French page


@dataclass
class Sample:
    phase: str
    label: str
    status: int
    seconds: float
    ended: float  # perf_counter() when the answer arrived


@dataclass
class Summary:
    label: str
    count: int
    ok: int
    statuses: dict[int, int]
    duration: float
    p50_ms: float
    p99_ms: float
    max_ms: float

    @property
    def rate(self) -> float:
        return self.ok / self.duration if self.duration else 0.0

    @property
    def server_errors(self) -> int:
        """5xx other than the polite 503 (a 503 without Retry-After counts as an error)."""
        return sum(n for status, n in self.statuses.items() if status >= 500 and status != 503)

    @property
    def failures(self) -> int:
        """Timeouts and connection errors: what a crashing portal produces."""
        return self.statuses.get(TIMEOUT_STATUS, 0) + self.statuses.get(ERROR_STATUS, 0)

    @property
    def shed(self) -> int:
        return self.statuses.get(503, 0)


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


@dataclass
class Recorder:
    """Thread-safe enough: list.append is atomic under the GIL."""

    samples: list[Sample] = field(default_factory=list)
    phase: str = "main"
    exceptions: list[str] = field(default_factory=list)

    def timed(
        self,
        client: Client,
        label: str,
        method: str,
        path: str,
        fields=None,
        *,
        ok=(200,),
        started: float | None = None,
        phase: str | None = None,
        headers: dict | None = None,
    ):
        """Send one request and record its status and latency (from `started` if given)."""
        begin = time.perf_counter() if started is None else started
        status, answer, body = client.request(method, path, fields, headers)
        ended = time.perf_counter()
        if status == 503 and not (answer.get("Retry-After") and SHED_TEXT in body):
            status = BAD_SHED_STATUS
        self.samples.append(Sample(phase or self.phase, label, status, ended - begin, ended))
        return status, answer, body, status in ok

    def summaries(
        self, durations: dict[str, float], ok_statuses: dict[str, tuple] | None = None
    ) -> dict[tuple[str, str], Summary]:
        grouped: dict[tuple[str, str], list[Sample]] = defaultdict(list)
        for sample in self.samples:
            grouped[(sample.phase, sample.label)].append(sample)
        result = {}
        for (phase, label), samples in grouped.items():
            good = (ok_statuses or {}).get(label, (200,))
            latencies = [s.seconds * 1000 for s in samples if s.status in good]
            result[(phase, label)] = Summary(
                label=label,
                count=len(samples),
                ok=len(latencies),
                statuses=dict(Counter(s.status for s in samples)),
                duration=durations.get(phase, 0.0),
                p50_ms=round(percentile(latencies, 0.50), 1),
                p99_ms=round(percentile(latencies, 0.99), 1),
                max_ms=round(max(latencies, default=0.0), 1),
            )
        return result


Flow = Callable[[Client, Recorder, float | None], None]


def closed_loop(
    base_url: str,
    flow_for: Callable[[int], Flow],
    *,
    concurrency: int,
    seconds: float,
    recorder: Recorder | None = None,
) -> tuple[Recorder, float]:
    """Each of `concurrency` clients runs its flow until the deadline; returns the samples."""
    recorder = recorder or Recorder()
    deadline = time.monotonic() + seconds
    started = time.perf_counter()

    def worker(index: int) -> None:
        client, flow = Client(base_url), flow_for(index)
        try:
            while time.monotonic() < deadline:
                try:
                    if flow(client, recorder, None) is False:
                        return  # the flow ran out of work (e.g. no elector left to vote)
                except Exception as error:
                    recorder.exceptions.append(repr(error))
                    return
        finally:
            client.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    return recorder, time.perf_counter() - started


@dataclass
class Phase:
    name: str
    seconds: float
    rates: dict[str, float]  # flow name -> flows started per second


def open_loop(
    base_url: str,
    flows: dict[str, Flow],
    phases: list[Phase],
    *,
    pool: int = 200,
    grace: float = 20.0,
    recorder: Recorder | None = None,
) -> tuple[Recorder, dict]:
    """Start flows at the phases' rates; a pool of client threads runs them.

    Returns the recorder and, per phase, its duration and how many flows could not even
    start before the end of the grace period (the client's own backlog).
    """
    recorder = recorder or Recorder()
    tasks: queue.Queue = queue.Queue()
    stop = threading.Event()
    durations: dict[str, float] = {}

    def worker() -> None:
        client = Client(base_url)
        try:
            while not stop.is_set():
                try:
                    phase, name, scheduled = tasks.get(timeout=0.2)
                except queue.Empty:
                    continue
                # How long the flow waited for a free client thread: reported apart, so the
                # server's latencies below are the server's own.
                now = time.perf_counter()
                recorder.samples.append(Sample(phase, CLIENT_WAIT, 200, max(0.0, now - scheduled),
                                               now))  # fmt: skip
                try:
                    flows[name](client, _PhaseView(recorder, phase), None)
                except Exception as error:  # a bug in a flow must not silently kill a worker
                    recorder.samples.append(
                        Sample(phase, f"{name}.exception", ERROR_STATUS, 0.0, time.perf_counter())
                    )
                    recorder.exceptions.append(repr(error))
                finally:
                    tasks.task_done()
        finally:
            client.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(pool)]
    for thread in threads:
        thread.start()
    origin = time.perf_counter()
    for phase in phases:
        start = time.perf_counter()
        arrivals = sorted(
            (start + i / rate, name)
            for name, rate in phase.rates.items()
            if rate > 0
            for i in range(int(rate * phase.seconds))
        )
        for at, name in arrivals:
            delay = at - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            tasks.put((phase.name, name, at))
        remaining = start + phase.seconds - time.perf_counter()
        if remaining > 0:
            time.sleep(remaining)
        durations[phase.name] = time.perf_counter() - start
    drain_deadline = time.monotonic() + grace
    while tasks.unfinished_tasks and time.monotonic() < drain_deadline:
        time.sleep(0.05)
    not_started = tasks.qsize()
    stop.set()
    for thread in threads:
        thread.join(5)
    durations["_total"] = time.perf_counter() - origin
    return recorder, {"durations": durations, "not_started": not_started}


class _PhaseView:
    """The recorder as seen by one task: samples tagged with the task's phase."""

    def __init__(self, recorder: Recorder, phase: str):
        self._recorder, self.phase = recorder, phase

    def timed(self, *args, **kwargs):
        return self._recorder.timed(*args, phase=self.phase, **kwargs)


def wait_until_up(base_url: str, path: str = "/healthz", seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        client = Client(base_url, timeout=2)
        status, _headers, _body = client.request("GET", path)
        client.close()
        if status == 200:
            return True
        time.sleep(0.3)
    return False


def free_port(preferred: int) -> int:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]
