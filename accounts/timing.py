"""Answers that take the same time whatever the address given (no enumeration by timing).

"Forgotten password" and "new confirmation link" do visibly more work for an
address that has an account (a token, a mail rendered and stored) than for one
that has none: a few milliseconds, which a client can measure over a few dozen
requests. Padding every answer of these views to a fixed floor, well above that
work, hides the difference (`uniform_duration`, UNIFORM_ANSWER_SECONDS).

Elector login and sign-up answered 4 to 6 ms later for an existing account (median of
30). Every sign-up POST and every refused login are padded the same way
(UNIFORM_LOGIN_SECONDS); a successful login is not, as it tells nothing to whoever did
not know the password (and logins are the peak's busiest path). The wait is done by
`AnswerFloorMiddleware`, outside the load shedding (electionspro/loadshed.py): a
sleeping request holds a thread, never one of the few password-checking slots. The
floor is counted from the request's entry into the stack.
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


def pad_answer(request: HttpRequest) -> None:
    """Let this request be answered after at least settings.UNIFORM_LOGIN_SECONDS
    (AnswerFloorMiddleware waits)."""
    request.answer_floor_seconds = settings.UNIFORM_LOGIN_SECONDS


def answer_floor(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pad every POST answer of this view (`pad_answer`)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            pad_answer(request)
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
