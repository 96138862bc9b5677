"""The one way to write the audit trail (AuditEvent). Services call record()."""

from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from .events import EventKind
from .models import AuditEvent

__all__ = ["EventKind", "client_ip", "record"]


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    kind: EventKind,
    *,
    actor: AbstractBaseUser | None = None,
    subject: str = "",
    request: HttpRequest | None = None,
    at: datetime | None = None,
    **details,
) -> AuditEvent:
    """Append one event. `details` must never carry a secret or a ballot's content."""
    return AuditEvent.objects.create(
        kind=EventKind(kind),
        at=at or timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        subject=subject[:255],
        client_ip=client_ip(request),
        details=details,
    )
