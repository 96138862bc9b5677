"""Measurements that need no web server: imports, opening mails, query counts, tally.

Each compares the portal's path with a floor measured in the same run: PostgreSQL's
raw COPY of the same file, or raw sealed-box decryption of the same ballots.
"""

import time
from datetime import timedelta
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .generate import Generated
from .prepare import CAMPAIGN, Workload, command
from .report import Report, Row

AGENTS_GOAL = 1_000_000 / 60  # rows/s: 1 M agents in 60 s
ROLL_GOAL = 4_000_000 / 60  # rows/s: 4 M roll rows in 60 s


def copy_seconds(path: Path, columns: list[str], *, delimiter: str) -> float | None:
    """PostgreSQL's floor: COPY the same file into an unlogged table of text columns."""
    if connection.vendor != "postgresql":
        return None
    table = "bench_copy_" + path.stem
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"CREATE UNLOGGED TABLE {table} ({', '.join(c + ' text' for c in columns)})")
        sql = f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER '{delimiter}')"
        started = time.perf_counter()
        with path.open("rb") as handle:
            _copy(cursor.cursor, sql, handle)
        seconds = time.perf_counter() - started
        cursor.execute(f"DROP TABLE {table}")
    return seconds


def _copy(raw_cursor, sql: str, handle) -> None:
    if hasattr(raw_cursor, "copy_expert"):  # psycopg2
        raw_cursor.copy_expert(sql, handle)
    else:  # psycopg 3
        with raw_cursor.copy(sql) as copy:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)


def timed_command(*args: str) -> tuple[float, str]:
    started = time.perf_counter()
    output = command(*args)
    return time.perf_counter() - started, output


def measure_imports(report: Report, data: Generated, *, judge: bool = True) -> None:
    """The operators' imports, through the real commands, each beside a raw COPY.

    The goals (1 M agents, 4 M roll rows in 60 s) are judged from rates measured on at
    least 50 000 agents (`judge`); tiny files say nothing about throughput.
    """
    seconds, _out = timed_command("import_scrutins", str(data.path("scrutins")),
                                  "--campaign", CAMPAIGN)  # fmt: skip
    report.add(Row("import_scrutins", data.scrutins / seconds, "rows/s",
                   detail=f"{data.scrutins} scrutins in {seconds:.1f} s"))  # fmt: skip

    seconds, _out = timed_command("import_agents", str(data.path("agents")))
    floor = copy_seconds(data.path("agents"), ["numen", "nom", "prenom", "academie", "corps",
                                               "affectation"], delimiter=";")  # fmt: skip
    rate = data.agents / seconds
    report.add(Row(
        "import_agents", rate, "rows/s", "raw COPY of the same file",
        data.agents / floor if floor else None,
        goal="1 M agents in ≤ 60 s (≥ 16 667 rows/s)", met=rate >= AGENTS_GOAL if judge else None,
        detail=f"{data.agents} agents in {seconds:.1f} s; 1 M would take "
               f"{1_000_000 / rate:.0f} s",
    ))  # fmt: skip

    # --exclusive: how an operator loads millions of rows before the campaign (foreign keys
    # checked once at the end; the directory and rolls are locked meanwhile).
    seconds, _out = timed_command("import_roll", str(data.path("roll")), "--campaign", CAMPAIGN,
                                  "--exclusive")  # fmt: skip
    floor = copy_seconds(data.path("roll"), ["scrutin", "numen"], delimiter=",")
    rate = data.roll_rows / seconds
    report.add(Row(
        "import_roll", rate, "rows/s", "raw COPY of the same file",
        data.roll_rows / floor if floor else None,
        goal="4 M roll rows in ≤ 60 s (≥ 66 667 rows/s)", met=rate >= ROLL_GOAL if judge else None,
        detail=f"{data.roll_rows} rows in {seconds:.1f} s with --exclusive; 4 M would take "
               f"{4_000_000 / rate:.0f} s",
    ))  # fmt: skip

    seconds, _out = timed_command("import_candidacies", str(data.path("candidacies")),
                                  "--campaign", CAMPAIGN)  # fmt: skip
    report.add(
        Row(
            "import_candidacies",
            data.candidacy_rows / seconds,
            "rows/s",
            detail=f"{data.lists} lists, {data.candidacy_rows} rows in {seconds:.1f} s",
        )
    )

    seconds, _out = timed_command("import_agents", str(data.path("agents")))
    report.add(Row("import_agents again (unchanged)", data.agents / seconds, "rows/s",
                   detail=f"idempotent re-import: {seconds:.1f} s"))  # fmt: skip


def measure_opening_mails(report: Report) -> None:
    """send_opening_emails, inline: every agent on a roll gets the mail in their webmail."""
    from ballots.models import OpeningMail
    from webmail_auth.models import Message

    before, in_inbox = OpeningMail.objects.count(), Message.objects.count()
    seconds, out = timed_command("send_opening_emails", "--campaign", CAMPAIGN)
    sent = OpeningMail.objects.count() - before
    in_inbox = Message.objects.count() - in_inbox
    detail = f"{sent} mails in {seconds:.1f} s, {in_inbox} of them stored in the webmail"
    if not sent:
        detail += f" (command said: {' / '.join(out.strip().splitlines()[-2:])})"
    report.add(Row("send_opening_emails", sent / seconds if seconds else 0, "mails/s",
                   detail=detail))  # fmt: skip


def measure_query_counts(report: Report, workload: Workload) -> None:
    """Queries per page for the smallest and the largest case: they must not grow."""
    from ballots.models import CandidateList

    per_session: dict[str, list[str]] = {}
    for session, code in workload.pages:
        per_session.setdefault(session, []).append(code)
    if not per_session:
        return
    fewest = min(per_session, key=lambda s: len(per_session[s]))
    most = max(per_session, key=lambda s: len(per_session[s]))
    lists = {code: 0 for _s, code in workload.pages}
    for code in CandidateList.objects.filter(scrutin__code__in=list(lists)).values_list(
        "scrutin__code", flat=True
    ):
        lists[code] += 1
    small_code, big_code = min(lists, key=lists.get), max(lists, key=lists.get)
    owner = {code: s for s, codes in per_session.items() for code in codes}

    def count(session: str, path: str) -> tuple[int, int]:
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies[workload.session_cookie] = session
        client.get(path)  # warm: the session's first save, caches
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        return len(queries), status

    if workload.votes:  # one vote, request by request (taken out of the load's pool)
        session, code, choice = workload.votes.pop()
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies[workload.session_cookie] = session
        path, fields = f"/electeur/scrutins/{code}/voter/", {"choice": choice}
        steps = []
        for method, data in (
            ("get", None),
            ("post", fields),
            ("post", {**fields, "code": workload.voting_codes.get(session, ""), "confirm": "1"}),
        ):
            with CaptureQueriesContext(connection) as queries:
                response = getattr(client, method)(path, data)
            steps.append(f"{len(queries)} ({response.status_code})")
        report.add(Row("queries: one vote", len(queries), "queries (step 2)",
                       detail="ballot page, step 1, step 2: " + ", ".join(steps)))  # fmt: skip
    mine_small, s1 = count(fewest, "/electeur/scrutins/")
    mine_big, s2 = count(most, "/electeur/scrutins/")
    page_small, s3 = count(owner[small_code], f"/electeur/scrutins/{small_code}/")
    page_big, s4 = count(owner[big_code], f"/electeur/scrutins/{big_code}/")
    report.add(Row(
        "queries: my scrutins", mine_big, "queries", goal="independent of data size",
        met=mine_big == mine_small and {s1, s2} == {200},
        detail=f"{mine_small} for {len(per_session[fewest])} scrutin(s), {mine_big} for "
               f"{len(per_session[most])} (HTTP {s1}/{s2})",
    ))  # fmt: skip
    report.add(Row(
        "queries: scrutin page", page_big, "queries", goal="independent of data size",
        met=page_big == page_small and {s3, s4} == {200},
        detail=f"{page_small} with {lists[small_code]} lists, {page_big} with "
               f"{lists[big_code]} lists (HTTP {s3}/{s4})",
    ))  # fmt: skip


def fill_box(target: int, codes: dict[str, str]) -> int:
    """Cast `target` more votes through vote_cast (the server encrypts, proves and signs with
    each elector's code; the receipt mail is left out): (agent, scrutin) pairs of the rolls
    that have not voted, in the order of the rolls."""
    from types import SimpleNamespace

    from django.db.models import Exists, OuterRef

    from ballots.models import CandidateList, Participation, RollEntry
    from ballots.selectors_voting import vote_state
    from ballots.services.voting import vote_cast

    lists: dict[int, list[str]] = {}
    for scrutin_id, list_id in CandidateList.objects.filter(
        scrutin__campaign__slug=CAMPAIGN
    ).values_list("scrutin_id", "id"):
        lists.setdefault(scrutin_id, []).append(str(list_id))
    voted = Participation.objects.filter(agent=OuterRef("agent"), scrutin=OuterRef("scrutin"))
    entries = (
        RollEntry.objects.filter(scrutin__campaign__slug=CAMPAIGN, scrutin__mode="internet")
        .exclude(Exists(voted))
        .select_related("agent", "scrutin", "scrutin__campaign")
        .order_by("id")[:target]
    )
    cast = 0
    for n, entry in enumerate(entries):
        choices = lists[entry.scrutin_id]
        choice = "blanc" if n % 20 == 0 else choices[n % len(choices)]
        voter = SimpleNamespace(agent_id=entry.agent_id, email=entry.agent.email, pk=None)
        at = entry.scrutin.campaign.voting_opens + timedelta(minutes=1)
        vote_cast(
            user=voter,
            scrutin=entry.scrutin,
            choice=choice,
            code=codes[entry.agent.identifier],
            at=at,
            state=vote_state(agent=entry.agent_id, scrutin=entry.scrutin),
            receipt_mail=False,
        )
        cast += 1
    return cast


def measure_tally(report: Report, box, target: int, count_height: int = 0) -> None:
    """The generated box closed, decrypted by two trustees from the board, and counted.
    With `count_height` above the box's ballots, the count runs on the board padded to
    that many ballot events (bench/count_height.py: a fast path, said in the row)."""
    import tempfile

    from ballots.demo_box import passphrase_of
    from ballots.models import BoardEvent, Campaign
    from ballots.services.archive import archive_export
    from ballots.services.tally import board_close, campaign_count
    from ballots.trustee_side import partial_decrypt

    from .count_height import pad_board, partial_files

    started = time.perf_counter()
    added = fill_box(target, box.codes)
    fill_seconds = time.perf_counter() - started
    campaign = Campaign.objects.get(slug=CAMPAIGN)
    ballots = BoardEvent.objects.filter(campaign=campaign, kind=BoardEvent.Kind.BALLOT).count()
    after = campaign.voting_closes + timedelta(seconds=1)
    started = time.perf_counter()
    board_close(campaign=campaign, at=after)
    close_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "board.jsonl"
        archive_export(campaign=campaign, path=archive)
        started = time.perf_counter()
        partials = [
            partial_decrypt(
                archive,
                sealed=(box.trustees_dir / f"scrutateur-{i}.cle").read_bytes(),
                passphrase=passphrase_of(campaign, i),
            )[0]
            for i in (1, 2)
        ]
        trustee_seconds = (time.perf_counter() - started) / 2
    padded, height = "", ballots
    if count_height > ballots:
        started = time.perf_counter()
        per_scrutin = pad_board(campaign, count_height)
        height = sum(per_scrutin.values())
        partials = partial_files(campaign, box.trustees_dir)
        padded = (f"; the board padded to {height} ballot events in "
                  f"{time.perf_counter() - started:.0f} s (copies of the real ones, "
                  f"bench/count_height.py)")  # fmt: skip
    started = time.perf_counter()
    counted = campaign_count(campaign=campaign, partial_files=partials, at=after)
    count_seconds = time.perf_counter() - started
    exact = sum(c.voters for c in counted) == height
    rate = ballots / close_seconds if close_seconds else 0.0
    report.add(Row(
        "tally", count_seconds, "s from the partial decryptions to the results",
        goal="results within 120 s of the last partial decryption",
        met=count_seconds <= 120 and exact,
        detail=f"{height} ballots counted, counts = ballots on the board: "
               f"{'yes' if exact else 'NO'}{padded}; {ballots} real ballots: closing the "
               f"board (every ballot verified) {close_seconds:.1f} s ({rate:.0f} ballots/s); "
               f"one trustee's check and decryption {trustee_seconds:.1f} s; box filled with "
               f"{added} votes through vote_cast in {fill_seconds:.0f} s",
    ))  # fmt: skip
    if count_height > ballots:
        _measure_archive(report, campaign, height)


def _measure_archive(report: Report, campaign, height: int) -> None:
    """The archive of the counted board: its size and the time to write it."""
    import tempfile

    from ballots.services.archive import archive_export

    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "board.jsonl"
        started = time.perf_counter()
        archive_export(campaign=campaign, path=archive)
        seconds = time.perf_counter() - started
        size = archive.stat().st_size
    report.add(Row("archive of the counted board", size / 1e6, "MB",
                   detail=f"{height} ballot events; written by export_archive in "
                          f"{seconds:.0f} s"))  # fmt: skip


def measure_cpu_costs(report: Report, workload: Workload, repeat: int = 20) -> None:
    """CPU time of the app process per request, in process (test client, no HTTP).

    Robust to other load on the machine (it is CPU time, not wall time); PostgreSQL's own
    CPU is not in it. 2 cores give 2000 ms of CPU a second: the peak mix needs
    15 x (login page + login) + 25 x (ballot + step 1 + step 2) of it.
    """
    import re

    if len(workload.votes) < repeat or not workload.pages:
        return
    session, code = workload.pages[0]
    votes = [workload.votes.pop() for _ in range(repeat)]

    shared = Client(HTTP_HOST="127.0.0.1")  # one handler: a new one re-scans static files

    def client_for(session_key: str | None = None) -> Client:
        shared.cookies.clear()
        if session_key:
            shared.cookies[workload.session_cookie] = session_key
        return shared

    def cpu(action) -> float:
        action()  # warm caches
        started = time.process_time()
        for index in range(repeat):
            action(index)
        return (time.process_time() - started) * 1000 / repeat

    def login(index: int = 0) -> None:
        client = client_for()
        page = client.get("/electeur/connexion/").content
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        client.post("/electeur/connexion/", {"username": workload.logins[index],
                    "password": workload.password, "csrfmiddlewaretoken": token})  # fmt: skip

    def vote(step: str):
        def action(index: int = 0) -> None:
            key, scrutin, choice = votes[index]
            path, client = f"/electeur/scrutins/{scrutin}/voter/", client_for(key)
            if step == "ballot":
                client.get(path)
            elif step == "step1":
                client.post(path, {"choice": choice})
            else:
                client.post(path, {"choice": choice, "confirm": "1",
                                   "code": workload.voting_codes.get(key, "")})  # fmt: skip

        return action

    costs = {
        "bare view": cpu(lambda i=0: client_for().get("/_bench/constant/")),
        "my scrutins": cpu(lambda i=0: client_for(session).get("/electeur/scrutins/")),
        "scrutin page": cpu(lambda i=0: client_for(session).get(f"/electeur/scrutins/{code}/")),
        "login page + login": cpu(login),
        "ballot page": cpu(vote("ballot")),
        "step 1": cpu(vote("step1")),
        "step 2 (vote cast)": cpu(vote("step2")),
    }
    peak = 15 * costs["login page + login"] + 25 * (
        costs["ballot page"] + costs["step 1"] + costs["step 2 (vote cast)"]
    )
    report.add(Row("CPU per request (app)", peak, "ms of CPU per second of peak",
                   goal="< 2000 (2 cores, before PostgreSQL and the client)", met=peak < 2000,
                   detail="; ".join(f"{k} {v:.1f} ms" for k, v in costs.items())))  # fmt: skip
