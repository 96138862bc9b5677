"""Answers that take the same time whatever the address given (no enumeration by timing).

"Forgotten password" and "new confirmation link" do visibly more work for an
address that has an account (a token, a mail rendered and stored) than for one
that has none: a few milliseconds, which a client can measure over a few dozen
requests. Padding every answer of these views to a fixed floor, well above that
work, hides the difference. Sign-up has no floor (it would hold a load-shedding
slot, electionspro/loadshed.py, while sleeping): every branch hashes the password
and composes a mail (services/signup.py); what is left, storing the mail, is a
couple of milliseconds against ~30 ms of Argon2id, and each try costs a solved
captcha, so it cannot be averaged over many requests.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings


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
