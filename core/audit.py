"""The one way to write the audit trail (AuditEvent). Services call record()."""

from datetime import datetime

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

try:
    from ipware import get_client_ip
except ImportError:  # then django-axes reads REMOTE_ADDR too; core.checks refuses proxies
    get_client_ip = None

from .audit_chain import chain_append
from .events import EventKind
from .models import AuditEvent
from .textrules import for_audit

__all__ = ["EventKind", "client_ip", "record"]


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as the lockout counts it: django-ipware with the settings
    django-axes applies (AXES_IPWARE_*: behind proxies, their X-Forwarded-For only)."""
    if request is None:
        return None
    if get_client_ip is None:
        return request.META.get("REMOTE_ADDR") or None
    address, _routable = get_client_ip(
        request,
        proxy_order=settings.AXES_IPWARE_PROXY_ORDER,
        proxy_count=settings.AXES_IPWARE_PROXY_COUNT,
        request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
    )
    return address


def record(
    kind: EventKind,
    *,
    actor: AbstractBaseUser | None = None,
    subject: str = "",
    request: HttpRequest | None = None,
    at: datetime | None = None,
    address: str | None = None,
    **details,
) -> AuditEvent:
    """Append one event to the chain. `details` must never carry a secret or a ballot's
    content. The client's address is read from `request`, or given as `address` by work
    done after the request (a task).

    The subject and text details may be what someone typed (a refused login's address):
    kept escaped and cut, so that no input can stop its own attempt from being recorded.
    """
    actor = actor if actor is not None and actor.pk else None
    event = AuditEvent(
        kind=EventKind(kind),
        at=at or timezone.now(),
        actor=actor,
        actor_label=for_audit(actor.get_username(), 254) if actor is not None else "",
        subject=for_audit(subject, 255),
        client_ip=client_ip(request) if request is not None else address,
        details={
            key: for_audit(value, 1000) if isinstance(value, str) else value
            for key, value in details.items()
        },
    )
    return chain_append(event)
