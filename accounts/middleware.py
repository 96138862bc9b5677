"""Inactivity expiry of sessions without a database write on every request."""

import time

from django.conf import settings

REFRESHED_KEY = "_refreshed"


class SlidingSessionMiddleware:
    """Push a session's expiry back when it is used (elector or webmail, same rule).

    The session store sets the expiry (SESSION_COOKIE_AGE, 30 min) each time the
    session is saved. Saving on every request would cost a write per page; saving
    only when the last refresh is older than SESSION_REFRESH_SECONDS (5 min) keeps
    the inactivity expiry between 25 and 30 minutes for one write every 5 minutes.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.refresh_seconds = getattr(settings, "SESSION_REFRESH_SECONDS", 300)

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a live session with content (a cookie alone, or a flushed one, is not).
        if session is None or not session.session_key or not session.items():
            return response
        now = int(time.time())
        if now - session.get(REFRESHED_KEY, 0) >= self.refresh_seconds:
            session[REFRESHED_KEY] = now
        return response
