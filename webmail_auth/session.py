"""The webmail realm: who is logged into the academic webmail in this browser session.

It lives under its own session keys, beside (never inside) Django's auth keys:
logging into the webmail does not log into the elector space, and the other way
round. Lockout after repeated failures per identifier and client address is
django-axes' (AXES_LOCKOUT_PARAMETERS), fed directly, not through Django's
user_login_failed signal, so the elector space's listeners never see webmail
identifiers.
"""

from functools import wraps

from axes.conf import settings as axes_settings
from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.debug import sensitive_variables

from core.audit import EventKind, record

from .backends import NumenBackend, normalize_identifier
from .models import Agent

SESSION_AGENT_KEY = "_webmail_agent_id"
SESSION_HASH_KEY = "_webmail_agent_hash"
# What the webmail realm keeps in a session: carried over when the elector space logs out.
WEBMAIL_SESSION_KEYS = (SESSION_AGENT_KEY, SESSION_HASH_KEY)


class LoginLocked(Exception):
    """Too many failures for this identifier from this client: try again later."""


def _credentials(identifier: str) -> dict:
    return {axes_settings.AXES_USERNAME_FORM_FIELD: identifier}


def _session_hash(agent: Agent) -> str:
    """Changes if the agent's NUMEN digest changes, which ends their webmail sessions."""
    return salted_hmac("webmail_auth.session", agent.numen_digest, algorithm="sha256").hexdigest()


@sensitive_variables("numen")
def webmail_authenticate(request: HttpRequest, *, identifier: str, numen: str) -> Agent | None:
    """Check the credentials, counting failures; None for any wrong pair.

    Raises LoginLocked (and marks the request so axes answers with its lockout
    page) when this identifier is locked out from this client, even with the
    right NUMEN.
    """
    identifier = normalize_identifier(identifier)
    credentials = _credentials(identifier)
    if axes_settings.AXES_ENABLED and not AxesProxyHandler.is_allowed(request, credentials):
        request.axes_locked_out = True
        request.axes_credentials = credentials
        raise LoginLocked
    agent = NumenBackend().authenticate(request, identifier=identifier, numen=numen)
    if agent is None:
        AxesProxyHandler.user_login_failed(
            sender=NumenBackend, credentials=credentials, request=request
        )
        if getattr(request, "axes_locked_out", False):
            raise LoginLocked
        return None
    if axes_settings.AXES_ENABLED and axes_settings.AXES_RESET_ON_SUCCESS:
        AxesProxyHandler.reset_attempts(
            username=identifier, ip_address=getattr(request, "axes_ip_address", None)
        )
    return agent


def webmail_login(request: HttpRequest, agent: Agent) -> None:
    """Open the webmail realm for `agent`; a fresh session key (no fixation)."""
    request.session.cycle_key()
    request.session[SESSION_AGENT_KEY] = agent.pk
    request.session[SESSION_HASH_KEY] = _session_hash(agent)
    request.webmail_agent = agent
    record(EventKind.WEBMAIL_LOGIN, subject=agent.identifier, request=request)


def webmail_logout(request: HttpRequest) -> None:
    """Close the webmail realm only: an elector session in the same browser stays open."""
    request.session.pop(SESSION_AGENT_KEY, None)
    request.session.pop(SESSION_HASH_KEY, None)
    request.session.cycle_key()
    request.webmail_agent = None


def get_webmail_agent(request: HttpRequest) -> Agent | None:
    """The agent logged into the webmail in this session, or None."""
    if hasattr(request, "webmail_agent"):
        return request.webmail_agent
    agent = None
    agent_id = request.session.get(SESSION_AGENT_KEY)
    if agent_id is not None:
        agent = NumenBackend().get_agent(agent_id)
        if agent is not None and request.session.get(SESSION_HASH_KEY) != _session_hash(agent):
            agent = None
    request.webmail_agent = agent
    return agent


def webmail_login_required(view):
    """Send anonymous visitors to the webmail login, then back here."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if get_webmail_agent(request) is None:
            return redirect_to_login(
                request.get_full_path(), reverse("webmail:login"), REDIRECT_FIELD_NAME
            )
        return view(request, *args, **kwargs)

    return wrapper
