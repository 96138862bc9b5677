"""The lockout policy, through django-axes' documented callables (settings AXES_COOLOFF_TIME
and AXES_LOCKOUT_CALLABLE).

Logins (elector, webmail) are locked for LOCKOUT_MINUTES after AXES_FAILURE_LIMIT failures
for one (username, client address). The vote step is never locked: it checks a password
only while voting is open (outside it the step refuses before any check), and an elector
who mistypes it that often is asked to wait VOTE_THROTTLE_SECONDS, then may try again.
The vote step is recognised by its URL name, never by its path.
"""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

VOTE_STEP = "ballots:vote"


def is_vote_step(request: HttpRequest | None) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name == VOTE_STEP


def cool_off(request: HttpRequest | None) -> timedelta:
    """How long failures count (and a lock lasts) for this request (AXES_COOLOFF_TIME)."""
    if is_vote_step(request):
        return timedelta(seconds=settings.VOTE_THROTTLE_SECONDS)
    return timedelta(minutes=settings.LOCKOUT_MINUTES)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The answer once the limit is reached (AXES_LOCKOUT_CALLABLE): at the vote step, wait
    and try again; anywhere else, axes' lockout page (AXES_LOCKOUT_TEMPLATE)."""
    delay = cool_off(request)
    if is_vote_step(request):
        response = render(
            request,
            "ballots/voting/throttled.html",
            {"seconds": int(delay.total_seconds())},
            status=429,
        )
        response["Retry-After"] = str(int(delay.total_seconds()))
        return response
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_timedelta": delay}
    status = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=status)
