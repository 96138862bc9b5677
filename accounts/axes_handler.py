"""django-axes' database handler with fewer queries per login (AXES_HANDLER).

The lockout rule is axes' own, unchanged: failures are counted per address and client
within the cool-off window. Two pieces of housekeeping cost queries on every login and
change nothing to that rule:

- deleting the attempts older than the cool-off (a SELECT and a DELETE each time, at
  the lock check, at the login, at a failure and at the logout) is done at most once a
  minute per process: an older attempt is not counted anyway;
- resetting the failures after a successful login is skipped when the lock check of
  this same request has just counted none for this address and client.
"""

import threading
import time

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from django.http import HttpRequest

CLEAN_EVERY_SECONDS = 60.0


class LoginAttemptsHandler(AxesDatabaseHandler):
    _lock = threading.Lock()
    _last_clean = float("-inf")

    def clean_expired_user_attempts(
        self, request: HttpRequest | None = None, credentials: dict | None = None
    ) -> int:
        with self._lock:
            now = time.monotonic()
            if now - LoginAttemptsHandler._last_clean < CLEAN_EVERY_SECONDS:
                return 0
            LoginAttemptsHandler._last_clean = now
        return super().clean_expired_user_attempts(request, credentials)

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if request is not None:
            counted = getattr(request, "_axes_failures_counted", {})
            counted[get_client_username(request, credentials)] = failures
            request._axes_failures_counted = counted
        return failures

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        counted = getattr(request, "_axes_failures_counted", {})
        if counted.get(get_client_username(request, credentials)) == 0:
            return 0  # nothing to reset: this request found no failure for them
        return super().reset_user_attempts(request, credentials)
