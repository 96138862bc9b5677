"""Load shedding: past what the CPU can hash, answer a polite 503 at once.

Each password check (Argon2id, ~40 ms of CPU) is the portal's expensive step. When the
opening stampede asks for more checks than the cores can do, queueing them all would
make every request time out together; instead each process lets a bounded number of
password-checking requests run at a time, lets the next ones wait a short moment for a
slot, and answers the rest with the French "réessayez dans un instant" page (HTTP 503,
`Retry-After`). Nothing has been read from or written to the database for a shed request:
no vote is half-cast, no lockout is counted. Reads (GET) are never shed.

The limit is per process: run gunicorn with threads and choose
`ELECTIONSPRO_LOADSHED_CONCURRENCY` so that processes x concurrency is about twice the
number of cores (requests wait for the database too). 0 turns shedding off.

Second rule, for any request: with the worker class of electionspro/gunicorn_worker.py,
which records when a request was queued for a thread, a request that already waited
longer than `ELECTIONSPRO_LOADSHED_MAX_QUEUE_MS` gets the 503 at once (the health check
excepted): past the machine's capacity, a fast "retry" beats a timeout.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

# The views whose POST checks a password, by URL name (a renamed path stays here; a
# renamed name fails tests/electionspro/test_loadshed.py). The vote checks none: its step 2
# takes the voting code (no Argon2), and a vote is never shed for a password's sake.
PASSWORD_VIEWS = frozenset(
    {
        "accounts:login",
        "webmail:login",
        "accounts:signup",
        "accounts:confirm",
        "accounts:password_reset_confirm",
        "accounts:password_change",
    }
)
NEVER_SHED = ("/healthz",)

_queue = threading.local()


def request_queued_at(moment: float | None) -> None:
    """Called by the gunicorn worker (time.monotonic() when the request was queued)."""
    _queue.at = moment


def queued_seconds() -> float:
    """How long the current request waited before a thread took it (0 if unknown)."""
    moment = getattr(_queue, "at", None)
    return time.monotonic() - moment if moment is not None else 0.0


def checks_a_password(request: HttpRequest) -> bool:
    """Is this one of the requests that cost an Argon2 check?"""
    if request.method != "POST":
        return False
    try:  # the URL resolver, as the view will be found (nothing read from the database)
        view = resolve(request.path_info, getattr(request, "urlconf", None)).view_name
    except Resolver404:
        return False
    return view in PASSWORD_VIEWS


def overloaded_response(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    """The 503 page: rendered without the request context, so it touches no database."""
    template = loader.get_template("503.html")
    body = template.render(
        {"PORTAL": settings.PORTAL, "retry_url": request.path, "retry_after": retry_after}
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class LoadSheddingMiddleware:
    """At most `LOADSHED_CONCURRENCY` password-checking requests run at once per process."""

    LOG_EVERY_SECONDS = 10.0

    def __init__(self, get_response):
        self.get_response = get_response
        limit = int(getattr(settings, "LOADSHED_CONCURRENCY", 0))
        if limit <= 0:
            raise MiddlewareNotUsed
        self.max_queue_seconds = max(0, int(getattr(settings, "LOADSHED_MAX_QUEUE_MS", 0))) / 1000
        self.slots = threading.BoundedSemaphore(limit)
        self.wait_seconds = max(0, int(getattr(settings, "LOADSHED_WAIT_MS", 0))) / 1000
        self.retry_after = max(1, int(getattr(settings, "LOADSHED_RETRY_AFTER", 5)))
        self._shed_since_log = 0
        self._last_log = 0.0
        self._lock = threading.Lock()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            self.max_queue_seconds
            and queued_seconds() > self.max_queue_seconds
            and request.path_info not in NEVER_SHED
        ):
            self._count_shed()
            return overloaded_response(request, retry_after=self.retry_after)
        if not checks_a_password(request):
            return self.get_response(request)
        if not self.slots.acquire(timeout=self.wait_seconds):
            self._count_shed()
            return overloaded_response(request, retry_after=self.retry_after)
        try:
            return self.get_response(request)
        finally:
            self.slots.release()

    def _count_shed(self) -> None:
        """Log the shedding at most once every few seconds, not once per request."""
        with self._lock:
            self._shed_since_log += 1
            now = time.monotonic()
            if now - self._last_log < self.LOG_EVERY_SECONDS:
                return
            count, self._shed_since_log, self._last_log = self._shed_since_log, 0, now
        logger.warning("load shedding: %d requests answered 503", count)
