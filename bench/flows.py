"""What a virtual elector does, request by request, for the load generator.

Each flow is `flow(client, recorder, scheduled)`: `scheduled` is the instant an open
loop meant it to start (None in a closed loop), and its first request's latency
counts from there. A flow returns False when it has run out of work.
"""

import html
import itertools
import re
import secrets
import threading

from .loadgen import Client, Recorder
from .prepare import Workload

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class Pool:
    """Hands out work items once each (votes) or round-robin (pages), across threads."""

    def __init__(self, items: list, *, cycle: bool = False):
        self._items = itertools.cycle(items) if cycle and items else iter(items)
        self._lock = threading.Lock()

    def take(self):
        with self._lock:
            return next(self._items, None)


def _session(client: Client, workload: Workload, session: str) -> str:
    """Become this elector: their session cookie and a CSRF cookie of our own."""
    token = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret
    client.cookies = {workload.session_cookie: session, "csrftoken": token}
    return token


def login_flow(workload: Workload, logins: Pool):
    """A new browser: the login page (for its CSRF token), then the form, then the space."""

    def flow(client: Client, recorder: Recorder, scheduled: float | None = None):
        email = logins.take()
        if email is None:
            return False
        client.cookies = {}
        _status, _h, body, ok = recorder.timed(client, "login.page", "GET", "/electeur/connexion/",
                                              started=scheduled)  # fmt: skip
        if not ok:
            return None
        match = CSRF_INPUT.search(body)
        token = html.unescape(match.group(1).decode()) if match else client.cookies.get("csrftoken")
        fields = {"username": email, "password": workload.password, "csrfmiddlewaretoken": token}
        recorder.timed(client, "login.post", "POST", "/electeur/connexion/", fields, ok=(302,))
        return None

    return flow


def page_flow(workload: Workload, pages: Pool, which: str, *, path: str | None = None):
    """One logged-in page view: "mes scrutins", one scrutin's page, or `path` (a baseline)."""

    def flow(client: Client, recorder: Recorder, scheduled: float | None = None):
        session, code = pages.take()
        _session(client, workload, session)
        if path is not None:
            recorder.timed(client, which, "GET", path, started=scheduled)
            return None
        url = "/electeur/scrutins/" if which == "my_scrutins" else f"/electeur/scrutins/{code}/"
        recorder.timed(client, f"page.{which}", "GET", url, started=scheduled)
        return None

    return flow


def vote_flow(
    workload: Workload, votes: Pool, *, with_ballot_page: bool = True, with_step1: bool = True
):
    """The ballot page, step 1 (choice), step 2 (choice, voting code, confirm=1): the receipt.
    Step 1 only shows the confirmation (no crypto, nothing written): without it the flow is
    the vote POST alone, the server encrypting, proving and signing."""

    def flow(client: Client, recorder: Recorder, scheduled: float | None = None):
        item = votes.take()
        if item is None:
            return False
        session, code, choice = item
        token = _session(client, workload, session)
        path = f"/electeur/scrutins/{code}/voter/"
        if with_ballot_page:
            *_rest, ok = recorder.timed(client, "vote.ballot", "GET", path, started=scheduled)
            scheduled = None
            if not ok:
                return None
        fields = {"choice": choice, "csrfmiddlewaretoken": token}
        if with_step1:
            *_rest, ok = recorder.timed(
                client, "vote.step1", "POST", path, fields, started=scheduled
            )
            scheduled = None
            if not ok:
                return None
        fields = {**fields, "code": workload.voting_codes.get(session, ""), "confirm": "1"}
        recorder.timed(client, "vote.step2", "POST", path, fields, started=scheduled)
        return None

    return flow


def booth_flow(workload: Workload, ballots: Pool):
    """Step 2 as the browser booth posts it: a ballot made ahead (`ballot`, confirm=1), one
    POST that the server only verifies and accepts, answered in JSON as the booth asks."""

    def flow(client: Client, recorder: Recorder, scheduled: float | None = None):
        item = ballots.take()
        if item is None:
            return False
        session, code, ballot = item
        token = _session(client, workload, session)
        fields = {"ballot": ballot, "confirm": "1", "csrfmiddlewaretoken": token}
        path = f"/electeur/scrutins/{code}/voter/"
        recorder.timed(client, "vote.booth", "POST", path, fields, started=scheduled,
                       headers={"Accept": "application/json"})  # fmt: skip
        return None

    return flow


def baseline_get(path: str, label: str):
    def flow(client: Client, recorder: Recorder, scheduled: float | None = None):
        recorder.timed(client, label, "GET", path, started=scheduled)
        return None

    return flow


def baseline_post(path: str, label: str, fields: dict | None = None):
    def flow(client: Client, recorder: Recorder, scheduled: float | None = None):
        recorder.timed(client, label, "POST", path, fields or {}, started=scheduled)
        return None

    return flow
