"""The one way to write the audit trail (AuditEvent). Services call record()."""

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone

from .models import AuditEvent, User


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    kind: str,
    *,
    actor: User | None = None,
    subject: str = "",
    request: HttpRequest | None = None,
    at: datetime | None = None,
    **details,
) -> AuditEvent:
    """Append one event. `details` must never carry a secret or a ballot's content."""
    return AuditEvent.objects.create(
        kind=kind,
        at=at or timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        subject=subject[:255],
        client_ip=client_ip(request),
        details=details,
    )
