"""Answers that take the same time whatever the address given (no enumeration by timing).

"Forgotten password" and "new confirmation link" do visibly more work for an
address that has an account (a token, a mail rendered and stored) than for one
that has none: a few milliseconds, which a client can measure over a few dozen
requests. Padding every answer of these views to a fixed floor, well above that
work, hides the difference (`uniform_duration`, UNIFORM_ANSWER_SECONDS).

Elector login and sign-up answered 4 to 6 ms later for an existing account (median of
30). Their POSTs are padded the same way (`answer_floor`, UNIFORM_LOGIN_SECONDS), but
the wait is done by `AnswerFloorMiddleware`, outside the load shedding
(electionspro/loadshed.py): a sleeping request holds a thread, never one of the few
password-checking slots. The floor is counted from the request's entry into the stack.
"""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse


@contextmanager
def uniform_duration(seconds: float | None = None) -> Iterator[None]:
    """Let the block last at least `seconds` (default: settings.UNIFORM_ANSWER_SECONDS)."""
    floor = settings.UNIFORM_ANSWER_SECONDS if seconds is None else seconds
    started = time.monotonic()
    try:
        yield
    finally:
        remaining = floor - (time.monotonic() - started)
        if remaining > 0:
            time.sleep(remaining)


def answer_floor(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark this view's POSTs to answer after at least settings.UNIFORM_LOGIN_SECONDS
    (AnswerFloorMiddleware waits)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            request.answer_floor_seconds = settings.UNIFORM_LOGIN_SECONDS
        return view(request, *args, **kwargs)

    return wrapped


class AnswerFloorMiddleware:
    """Hold the answer of a request marked by `answer_floor` until its floor has passed.
    Placed before the load shedding: the wait holds no password-checking slot."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.monotonic()
        response = self.get_response(request)
        floor = getattr(request, "answer_floor_seconds", 0)
        remaining = floor - (time.monotonic() - started)
        if remaining > 0:
            time.sleep(remaining)
        return response
