"""Measurements through HTTP: each path beside its bare baseline, the peak, the stampede.

The peak minute of a ministry-wide vote is estimated at 15 logins/s and 50 vote POSTs/s
(25 electors/s each posting step 1 and step 2, after fetching the ballot page).
"""

from contextlib import nullcontext
from dataclasses import dataclass

from . import wrk
from .flows import (
    Pool,
    baseline_get,
    baseline_post,
    booth_flow,
    login_flow,
    page_flow,
    vote_flow,
)
from .loadgen import CLIENT_WAIT, Phase, Summary, closed_loop, open_loop
from .prepare import CAMPAIGN, Workload, booth_ballots
from .report import Report, Row

PEAK = {"login": 15.0, "vote": 25.0}  # flows per second; a vote flow posts twice
P99_GOAL_MS = 2000


@dataclass
class Http:
    base_url: str
    workload: Workload
    concurrency: int
    seconds: float
    pool: int = 200  # open-loop client threads
    use_wrk: bool = True
    rounds: int = 3  # interleaved slices of each closed-loop comparison

    def __post_init__(self):
        self.exceptions: list[str] = []  # bugs in the flows, reported in the notes
        # Shared by every measurement: a (session, scrutin) pair votes once in the whole run.
        self.votes = Pool(self.workload.votes)
        self.logins = Pool(self.workload.logins, cycle=True)


def _closed(http: Http, flow_for, label: str, seconds: float, *, ok=(200,)) -> Summary:
    recorder, duration = closed_loop(
        http.base_url, flow_for, concurrency=http.concurrency, seconds=seconds
    )
    http.exceptions.extend(recorder.exceptions)
    summaries = recorder.summaries({"main": duration}, {label: ok})
    return summaries.get(("main", label)) or Summary(label, 0, 0, {}, duration, 0, 0, 0)


def _merge(parts: list[Summary]) -> Summary:
    statuses: dict[int, int] = {}
    for part in parts:
        for status, n in part.statuses.items():
            statuses[status] = statuses.get(status, 0) + n
    p50s = sorted(part.p50_ms for part in parts)
    return Summary(parts[0].label, sum(p.count for p in parts), sum(p.ok for p in parts),
                   statuses, sum(p.duration for p in parts), p50s[len(p50s) // 2],
                   max(p.p99_ms for p in parts), max(p.max_ms for p in parts))  # fmt: skip


def _interleaved(http: Http, runs: dict, profile) -> dict[str, Summary]:
    """Run each path and its baselines in alternating slices (A B C A B C ...).

    On a machine shared with other work, side by side must mean interleaved: a burst
    of someone else's load then hits every contender, not just one of them. The first
    slice of each is profiled when profiling is on.
    """
    rounds = max(1, http.rounds)
    parts: dict[str, list[Summary]] = {name: [] for name in runs}
    for index in range(rounds):
        for name, run in runs.items():
            context = profile(name) if index == 0 else nullcontext()
            with context:
                parts[name].append(run(http.seconds / rounds))
    return {name: _merge(summaries) for name, summaries in parts.items()}


def _latency(summary: Summary) -> str:
    errors = summary.server_errors + summary.failures
    text = f"p50 {summary.p50_ms:.0f} ms, p99 {summary.p99_ms:.0f} ms"
    if errors or summary.shed:
        text += f", {errors} errors, {summary.shed} shed"
    return text


def measure_pages(report: Report, http: Http, profile) -> None:
    """GETs through wrk when installed (a C client leaves the cores to the server)."""
    pages = Pool(http.workload.pages, cycle=True)
    use_wrk = wrk.available() and http.use_wrk
    cookie = http.workload.session_cookie

    def get(which: str):
        path = {"constant": "/_bench/constant/", "elector_constant": "/_bench/elector-constant/",
                "my_scrutins": "/electeur/scrutins/"}.get(which)  # fmt: skip
        if use_wrk:
            entries = [(path or f"/electeur/scrutins/{code}/",
                        f"{cookie}={session}" if path != "/_bench/constant/" else "")
                       for session, code in http.workload.pages[:5000]]  # fmt: skip
            return lambda seconds: wrk.run(
                http.base_url, entries, seconds=seconds, connections=http.concurrency, label=which
            )
        if which == "constant":
            flow = baseline_get(path, "constant")
            return lambda seconds: _closed(http, lambda i: flow, "constant", seconds)
        if which == "elector_constant":
            return lambda seconds: _closed(
                http, lambda i: page_flow(http.workload, pages, which, path=path), which, seconds
            )
        return lambda seconds: _closed(
            http, lambda i: page_flow(http.workload, pages, which), f"page.{which}", seconds
        )

    results = _interleaved(http, {"baseline-constant": get("constant"),
                                  "baseline-elector": get("elector_constant"),
                                  "page-my_scrutins": get("my_scrutins"),
                                  "page-scrutin": get("scrutin")}, profile)  # fmt: skip
    floor, elector_floor = results["baseline-constant"], results["baseline-elector"]
    for key, name in (("page-my_scrutins", "page: my scrutins"),
                      ("page-scrutin", "page: one scrutin")):  # fmt: skip
        summary = results[key]
        row = report.add(
            Row(
                name,
                summary.rate,
                "req/s",
                "bare Django view",
                floor.rate,
                goal="≥ 0.4 of the bare view",
                detail=_latency(summary),
            )
        )
        row.met = row.ratio is not None and row.ratio >= 0.4
        report.add(Row(name, summary.rate, "req/s",
                       "bare view for a logged-in elector (session + user read)",
                       elector_floor.rate,
                       detail="what any page of the elector space must read first"))  # fmt: skip
    report.notes.append(f"bare Django view: {_latency(floor)}; bare view for a logged-in "
                        f"elector: {_latency(elector_floor)}; GET client: "
                        f"{'wrk' if use_wrk else 'Python threads'}")  # fmt: skip


def measure_login(report: Report, http: Http, profile) -> None:
    fields = {"password": http.workload.password}
    argon2 = baseline_post("/_bench/argon2/", "argon2", fields)
    results = _interleaved(http, {
        "baseline-argon2": lambda s: _closed(http, lambda i: argon2, "argon2", s),
        "login": lambda s: _closed(http, lambda i: login_flow(http.workload, http.logins),
                                   "login.post", s, ok=(302,)),
    }, profile)  # fmt: skip
    floor, summary = results["baseline-argon2"], results["login"]
    row = report.add(Row("elector login", summary.rate, "logins/s",
                         "bare view checking one Argon2id hash", floor.rate,
                         goal="≥ 0.8 of the Argon2 view", detail=_latency(summary) +
                         " (each login also GETs the form)"))  # fmt: skip
    row.met = row.ratio is not None and row.ratio >= 0.8


def measure_vote(report: Report, http: Http, profile) -> None:
    """The vote POST (step 2) beside a bare view doing its unavoidable part, one POST each:
    the booth's (a ballot made ahead: verified and accepted only) beside a view verifying
    a ballot and writing two rows; the no-JavaScript path (the server also makes the
    ballot from the voting code) beside a view that also makes it."""
    two = baseline_post("/_bench/two-inserts/", "two")
    both = baseline_post("/_bench/verify-two-inserts/", "both")
    made_too = baseline_post("/_bench/make-verify-two-inserts/", "made")
    wanted = min(int(160 * http.seconds), len(http.workload.votes) // 3)  # the rest: no JS
    made = [vote for vote in (http.votes.take() for _ in range(wanted)) if vote]
    ballots = Pool(booth_ballots(http.workload, made))
    results = _interleaved(http, {
        "baseline-two-inserts": lambda s: _closed(http, lambda i: two, "two", s),
        "baseline-verify-two-inserts": lambda s: _closed(http, lambda i: both, "both", s),
        "baseline-make-verify-two-inserts": lambda s: _closed(http, lambda i: made_too, "made", s),
        "vote": lambda s: _closed(
            http, lambda i: vote_flow(http.workload, http.votes, with_ballot_page=False,
                                      with_step1=False), "vote.step2", s),
        "vote-booth": lambda s: _closed(
            http, lambda i: booth_flow(http.workload, ballots), "vote.booth", s),
    }, profile)  # fmt: skip
    inserts, booth = results["baseline-two-inserts"], results["vote-booth"]
    for name, measured, floor, baseline, detail in (
        ("vote POST, booth (ballot made ahead)", booth, results["baseline-verify-two-inserts"],
         "bare view: one 11-slot ballot verified + 2 inserts in 1 transaction", ""),
        ("vote POST, no JavaScript", results["vote"], results["baseline-make-verify-two-inserts"],
         "bare view: one 11-slot ballot made from a voting code, verified + 2 inserts",
         " (the server makes, proves and signs the ballot)"),
    ):  # fmt: skip
        row = report.add(
            Row(
                name,
                measured.rate,
                "votes/s",
                baseline,
                floor.rate,
                goal="≥ 0.7 of the bare view",
                detail=_latency(measured) + detail,
            )
        )
        row.met = row.ratio is not None and row.ratio >= 0.7
    report.add(Row("vote POST, booth (ballot made ahead)", booth.rate, "votes/s",
                   "bare view, 2 inserts in 1 transaction", inserts.rate,
                   detail="no check at all: the physical floor of two rows"))  # fmt: skip
    report.notes.append(
        f"2-insert view: {_latency(inserts)}; verify + 2 inserts: "
        f"{_latency(results['baseline-verify-two-inserts'])}; make + verify + 2 inserts: "
        f"{_latency(results['baseline-make-verify-two-inserts'])}; booth ballots made ahead: "
        f"{len(made)}, posted: {booth.count}"
    )


def _box_counts() -> tuple[int, int]:
    from ballots.models import BoardEvent, Participation

    return (
        Participation.objects.filter(scrutin__campaign__slug=CAMPAIGN).count(),
        BoardEvent.objects.filter(campaign__slug=CAMPAIGN, kind=BoardEvent.Kind.BALLOT).count(),
    )


def _mix(http: Http, phases: list[Phase], votes: Pool, logins: Pool, *, pool: int = 0):
    flows = {"login": login_flow(http.workload, logins), "vote": vote_flow(http.workload, votes)}
    recorder, info = open_loop(http.base_url, flows, phases, pool=pool or http.pool)
    http.exceptions.extend(recorder.exceptions)
    summaries = recorder.summaries(info["durations"], {"login.post": (302,)})
    return recorder, info, summaries


def _phase_report(summaries, phase: str) -> dict:
    """Errors, shed requests and the worst p99 of the server's answers in one phase."""
    every = {label: s for (p, label), s in summaries.items() if p == phase}
    wait = every.pop(CLIENT_WAIT, None)
    rows, get = every, every.get
    errors = sum(s.server_errors + s.failures for s in rows.values())
    shed = sum(s.shed for s in rows.values())
    p99 = max((s.p99_ms for s in rows.values()), default=0.0)
    return {"rows": rows, "errors": errors, "shed": shed, "p99": p99,
            "wait_p99": wait.p99_ms if wait else 0.0,
            "votes": get("vote.step2").ok if get("vote.step2") else 0,
            "logins": get("login.post").ok if get("login.post") else 0}  # fmt: skip


def measure_peak(report: Report, http: Http, seconds: float, profile, factor: float = 1.0):
    """The peak mix, sustained; then the box must hold exactly one ballot per émargement."""
    votes, logins = http.votes, http.logins
    before = _box_counts()
    rates = {name: rate * factor for name, rate in PEAK.items()}
    with profile("peak"):
        _rec, info, summaries = _mix(http, [Phase("peak", seconds, rates)], votes, logins)
    after = _box_counts()
    result = _phase_report(summaries, "peak")
    new_votes = after[0] - before[0]
    consistent = after[0] == after[1] and new_votes >= result["votes"]
    detail = (
        f"{seconds:.0f} s at {rates['login']:.0f} logins/s + {2 * rates['vote']:.0f} vote "
        f"POSTs/s: {result['errors']} errors, {result['shed']} shed, server p99 "
        f"{result['p99']:.0f} ms (worst request type), client queue p99 "
        f"{result['wait_p99']:.0f} ms; {result['votes']} receipts, {new_votes} new "
        f"émargements; box {after[1]} ballots = {after[0]} émargements: "
        f"{'yes' if consistent else 'NO'}; {info['not_started']} flows never started"
    )
    fast = max(result["p99"], result["wait_p99"]) < P99_GOAL_MS and not info["not_started"]
    report.add(Row("peak minute(s)", result["votes"] / info["durations"]["peak"], "votes/s",
                   goal="0 server errors, none shed, p99 < 2 s, ballots = émargements",
                   met=result["errors"] == 0 and not result["shed"] and fast and consistent,
                   detail=detail))  # fmt: skip
    for label, summary in sorted(result["rows"].items()):
        report.notes.append(f"peak, {label}: {summary.ok}/{summary.count} ok, {_latency(summary)}")


def measure_ramp(report: Report, http: Http, seconds: float, factors=(1, 1.5, 2, 2.5, 3)):
    """The highest multiple of the peak mix served with no error, no shedding, p99 < 2 s."""
    votes, logins = http.votes, http.logins
    best, tried = 0.0, []
    for factor in factors:
        rates = {name: rate * factor for name, rate in PEAK.items()}
        _rec, info, summaries = _mix(http, [Phase("step", seconds, rates)], votes, logins)
        result = _phase_report(summaries, "step")
        worst = max(result["p99"], result["wait_p99"])
        tried.append(f"x{factor}: {result['errors']} err, {result['shed']} shed, "
                     f"p99 {worst:.0f} ms")  # fmt: skip
        if result["errors"] or result["shed"] or worst >= P99_GOAL_MS or info["not_started"]:
            break
        best = factor
    report.add(Row("highest sustained rate", best, "x peak", goal="≥ 1x the peak minute",
                   met=best >= 1, detail=f"{best * PEAK['login']:.0f} logins/s + "
                   f"{2 * best * PEAK['vote']:.0f} vote POSTs/s; steps of {seconds:.0f} s: "
                   + "; ".join(tried)))  # fmt: skip


def measure_stampede(report: Report, http: Http, seconds: float, profile,
                     scale: float = 1.0) -> None:  # fmt: skip
    """3x the peak (more than 2 cores can hash), then 0.5x: shed politely, lose nothing.

    The recovery is a second open loop with fresh clients, started as soon as the storm's
    own clients have finished or given up: it shows the state the portal is left in.
    `scale` shrinks the peak itself (the smoke test runs a tiny stampede).
    """
    votes, logins = http.votes, http.logins
    before = _box_counts()
    storm_rates = {n: 3 * scale * r for n, r in PEAK.items()}
    with profile("stampede"):
        _rec, storm_info, summaries = _mix(http, [Phase("stampede", seconds, storm_rates)],
                                           votes, logins, pool=2 * http.pool)  # fmt: skip
    storm = _phase_report(summaries, "stampede")
    calm_rates = {n: 0.5 * scale * r for n, r in PEAK.items()}
    recorder, _info, summaries = _mix(http, [Phase("recovery", seconds, calm_rates)], votes,
                                      logins)  # fmt: skip
    calm = _phase_report(summaries, "recovery")
    after = _box_counts()
    receipts = storm["votes"] + calm["votes"]
    new_votes = after[0] - before[0]
    consistent = after[0] == after[1] and new_votes >= receipts
    served = [s for s in recorder.samples if s.label != CLIENT_WAIT]
    start = min((s.ended - s.seconds for s in served), default=0.0)
    shed_times = [s.ended for s in served if s.status == 503]
    recovered_after = (max(shed_times) - start) if shed_times else 0.0
    ok = storm["errors"] == 0 and calm["errors"] == 0 and consistent and calm["p99"] < P99_GOAL_MS
    report.add(Row(
        "opening stampede (3x peak)", storm["votes"] / storm_info["durations"]["stampede"],
        "votes/s", goal="no crash, polite 503 + Retry-After, no vote lost, recovers", met=ok,
        detail=(f"{seconds:.0f} s at 3x: {storm['errors']} errors, {storm['shed']} shed (503 "
                f"with Retry-After and the French page), {storm['logins']} logins and "
                f"{storm['votes']} votes served, server p99 {storm['p99']:.0f} ms, client "
                f"queue p99 {storm['wait_p99']:.0f} ms, {storm_info['not_started']} flows "
                f"never started; then {seconds:.0f} s at 0.5x: {calm['errors']} errors, "
                f"{calm['shed']} shed, server p99 {calm['p99']:.0f} ms, last 503 "
                f"{recovered_after:.1f} s into it; {receipts} receipts, {new_votes} new "
                f"émargements, ballots = émargements: "
                f"{'yes' if after[0] == after[1] else 'NO'}"),
    ))  # fmt: skip
    for phase, result in (("stampede", storm), ("recovery", calm)):
        for label, summary in sorted(result["rows"].items()):
            report.notes.append(f"{phase}, {label}: {summary.ok}/{summary.count} ok, "
                                f"{_latency(summary)}")  # fmt: skip
