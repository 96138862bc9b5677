"""Logging in and out of the elector space, with their audit events.

django-axes counts the failures (per address and client) and locks out; these
functions only open or close the session and write the trail.
"""

from datetime import datetime

from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.db import transaction
from django.http import HttpRequest
from django.utils import translation

from core.audit import EventKind, record
from webmail_auth.identifiers import normalise_address
from webmail_auth.session import WEBMAIL_SESSION_KEYS

from ..models import User

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def account_login(*, user: User, request: HttpRequest, at: datetime) -> None:
    """Open the session; Django's login() gives it a new key (no session fixation).

    `user` comes from authenticate() (the login form) or from a confirmation page that
    checked the password itself: then the model backend is the one that vouches.

    One transaction: the new session row, the last login, axes' reset of the failures and
    the audit row commit together (one commit, not four, on the busiest form)."""
    with transaction.atomic():
        auth_login(request, user, backend=getattr(user, "backend", MODEL_BACKEND))
        language_remember(user=user, language=translation.get_language())
        record(EventKind.LOGIN_SUCCEEDED, actor=user, subject=user.email, request=request, at=at)


def language_remember(*, user: User, language: str | None) -> None:
    """The language the elector works in, kept for the mails sent to them later."""
    if language and language != user.language:
        user.language = language
        user.save(update_fields=["language"])


def login_failed(*, username: str, reason: str, request: HttpRequest, at: datetime) -> None:
    """Record a refused login; `reason` is bad_credentials, unconfirmed or locked_out."""
    kind = EventKind.LOGIN_LOCKED_OUT if reason == "locked_out" else EventKind.LOGIN_FAILED
    record(kind, subject=normalise_address(username), request=request, at=at, reason=reason)


def account_logout(*, request: HttpRequest, at: datetime) -> bool:
    """Close the elector space only; True when the webmail realm stays open in this browser.

    Django's logout() empties the whole session (and gives it a new key); the
    webmail realm's keys are put back, as the webmail's logout keeps the elector's.
    """
    user = request.user if request.user.is_authenticated else None
    if user is not None:
        record(EventKind.LOGOUT, actor=user, subject=user.email, request=request, at=at)
    webmail = {key: request.session[key] for key in WEBMAIL_SESSION_KEYS if key in request.session}
    auth_logout(request)
    request.session.update(webmail)
    return bool(webmail)
