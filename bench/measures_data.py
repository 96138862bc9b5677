"""Measurements that need no web server: imports, opening mails, query counts, tally.

Each compares the portal's path with a floor measured in the same run: PostgreSQL's
raw COPY of the same file, or raw sealed-box decryption of the same ballots.
"""

import io
import multiprocessing
import time
from datetime import timedelta
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .boxcrypto import encrypt_batch
from .generate import Generated
from .prepare import CAMPAIGN, Workload, command
from .report import Report, Row

AGENTS_GOAL = 1_000_000 / 60  # rows/s: 1 M agents in 60 s
ROLL_GOAL = 4_000_000 / 60  # rows/s: 4 M roll rows in 60 s
TALLY_GOAL = 1_300_000 / 120  # ballots/s: 1.3 M ballots in 120 s


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
            ("post", {**fields, "password": workload.password, "confirm": "1"}),
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


def fill_box(target: int, *, processes: int = 2) -> int:
    """Cast `target` more votes straight into the box, as vote_cast writes them.

    Émargement and ballot for (agent, scrutin) pairs of the rolls that have not voted;
    the choices are encrypted to the campaign key by worker processes.
    """
    from django.db.models import Exists, OuterRef

    from ballots.models import Ballot, CandidateList, ElectionKey, Participation, RollEntry

    key = ElectionKey.objects.get(campaign__slug=CAMPAIGN)
    lists: dict[int, list[str]] = {}
    for scrutin_id, list_id in CandidateList.objects.filter(
        scrutin__campaign__slug=CAMPAIGN
    ).values_list("scrutin_id", "id"):
        lists.setdefault(scrutin_id, []).append(str(list_id))
    voted = Participation.objects.filter(agent=OuterRef("agent"), scrutin=OuterRef("scrutin"))
    pairs = list(
        RollEntry.objects.filter(scrutin__campaign__slug=CAMPAIGN, scrutin__mode="internet")
        .exclude(Exists(voted))
        .order_by("id")
        .values_list("agent_id", "scrutin_id", "scrutin__code")[:target]
    )
    items = [
        (code, "blanc" if n % 20 == 0 else lists[scrutin][n % len(lists[scrutin])])
        for n, (_agent, scrutin, code) in enumerate(pairs)
    ]
    chunks = [items[i : i + 20_000] for i in range(0, len(items), 20_000)]
    if len(chunks) <= 1:  # a small box: not worth starting processes
        sealed = encrypt_batch(key.public_key_bytes, items)
    else:
        with multiprocessing.get_context("spawn").Pool(processes) as pool:
            arguments = [(key.public_key_bytes, chunk) for chunk in chunks]
            sealed = [row for part in pool.starmap(encrypt_batch, arguments) for row in part]
    now = timezone.now()
    if connection.vendor == "postgresql":
        _copy_rows(Participation._meta.db_table, ["agent_id", "scrutin_id", "voted_at"],
                   ((a, s, now.isoformat()) for a, s, _c in pairs))  # fmt: skip
        _copy_rows(
            Ballot._meta.db_table, ["id", "scrutin_id", "ciphertext", "tracker"],
            ((_uuid(), s, "\\x" + ct.hex(), tr)
             for (_a, s, _c), (ct, tr) in zip(pairs, sealed, strict=True)),
        )  # fmt: skip
    else:
        Participation.objects.bulk_create(
            [Participation(agent_id=a, scrutin_id=s, voted_at=now) for a, s, _c in pairs],
            batch_size=5000,
        )
        Ballot.objects.bulk_create(
            [Ballot(scrutin_id=s, ciphertext=ct, tracker=tr)
             for (_a, s, _c), (ct, tr) in zip(pairs, sealed, strict=True)],
            batch_size=5000,
        )  # fmt: skip
    return len(pairs)


def _uuid() -> str:
    import uuid

    return str(uuid.uuid4())


def _copy_rows(table: str, columns: list[str], rows) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(str(v).replace("\\", "\\\\") for v in row) + "\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        if hasattr(raw, "copy_expert"):
            raw.copy_expert(sql, buffer)
        else:
            with raw.copy(sql) as copy:
                copy.write(buffer.getvalue())


def measure_tally(report: Report, shares: list[Path], target: int) -> None:
    """The generated box counted by the real tally, beside raw sealed-box decryption."""
    from nacl.public import PrivateKey, SealedBox

    from ballots import crypto
    from ballots.models import Ballot, Campaign, ElectionKey
    from ballots.services.tally import campaign_tally

    started = time.perf_counter()
    added = fill_box(target)
    fill_seconds = time.perf_counter() - started
    campaign = Campaign.objects.get(slug=CAMPAIGN)
    box = Ballot.objects.filter(scrutin__campaign=campaign)
    ballots = box.count()
    contents = [path.read_bytes() for path in shares[:2]]
    started = time.perf_counter()
    campaign_tally(campaign=campaign, share_files=contents,
                   at=campaign.voting_closes + timedelta(seconds=1))  # fmt: skip
    tally_seconds = time.perf_counter() - started

    key = ElectionKey.objects.get(campaign=campaign)
    parsed = [crypto.parse_share_file(content).share for content in contents]
    opener = SealedBox(PrivateKey(crypto.combine_shares(parsed, public_key=key.public_key_bytes)))
    ciphertexts = [bytes(c) for c in box.values_list("ciphertext", flat=True).iterator(10_000)]
    started = time.perf_counter()
    for ciphertext in ciphertexts:
        opener.decrypt(ciphertext)
    raw_seconds = time.perf_counter() - started
    rate = ballots / tally_seconds
    report.add(Row(
        "tally", rate, "ballots/s", "raw sealed-box decryption (PyNaCl, 1 process)",
        len(ciphertexts) / raw_seconds if raw_seconds else None,
        goal="1.3 M ballots in ≤ 120 s (≥ 10 833 ballots/s)",
        met=rate >= TALLY_GOAL if ballots >= 50_000 else None,
        detail=f"{ballots} ballots in {tally_seconds:.1f} s (box filled with {added} in "
               f"{fill_seconds:.0f} s); 1.3 M would take {1_300_000 / rate:.0f} s",
    ))  # fmt: skip


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
                client.post(path, {"choice": choice, "password": workload.password,
                                   "confirm": "1"})  # fmt: skip

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
