"""The lockout policy, through django-axes' documented callables (settings AXES_COOLOFF_TIME
and AXES_LOCKOUT_CALLABLE).

Logins (elector, webmail) are locked for LOCKOUT_MINUTES after AXES_FAILURE_LIMIT failures
for one (username, client address). The vote step checks no password: it asks the voting
code of the paper notice, and wrong codes slow the elector down without ever locking them
out (ballots/services/code_attempts.py).
"""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def cool_off(request: HttpRequest | None) -> timedelta:
    """How long failures count (and a lock lasts) (AXES_COOLOFF_TIME)."""
    return timedelta(minutes=settings.LOCKOUT_MINUTES)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The answer once the limit is reached (AXES_LOCKOUT_CALLABLE): axes' lockout page
    (AXES_LOCKOUT_TEMPLATE) with the numbers from the settings."""
    delay = cool_off(request)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_timedelta": delay}
    status = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=status)
