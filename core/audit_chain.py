"""The audit trail as a hash chain: each event carries the SHA-256 of its own content and
of the previous event's hash, so that an edited, inserted or deleted row shows.

Inserts are serialised on the chain head (`AuditChainHead`, one row locked with
SELECT ... FOR UPDATE until the writing transaction ends; SQLite serialises writers on
its own). On PostgreSQL a trigger also refuses UPDATE and DELETE on the table (migration
core 0004), except the one update Django makes itself: the actor's link set to NULL when
an account is deleted (the actor's address stays, hashed, in `actor_label`).
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from .models import AuditChainHead, AuditEvent
from .sql import column, for_update, insert, table


def _canonical(value) -> str:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder
    )


def event_hash(event: AuditEvent) -> str:
    """The SHA-256 of the event's content and of the previous event's hash."""
    content = {
        "kind": event.kind,
        "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": event.actor_label,
        "subject": event.subject,
        "client_ip": event.client_ip or "",
        "details": event.details,
        "previous": event.previous_hash,
    }
    return hashlib.sha256(_canonical(content).encode()).hexdigest()


# The chain's head, read locked and moved on, and the event written, in explicit SQL
# (core.sql): every audited action (each login, each vote) passes here, and the ORM's
# statements cost more than the hash.
_HEAD_READ = (
    f"SELECT {column(AuditChainHead, 'last_hash')}, {column(AuditChainHead, 'count')} "  # noqa: S608
    f"FROM {table(AuditChainHead)} WHERE {column(AuditChainHead, 'id')} = %s"
)
_HEAD_MOVE = (
    f"UPDATE {table(AuditChainHead)} SET {column(AuditChainHead, 'last_hash')} = %s, "  # noqa: S608
    f"{column(AuditChainHead, 'count')} = %s WHERE {column(AuditChainHead, 'id')} = %s"
)
_EVENT_FIELDS = [field for field in AuditEvent._meta.concrete_fields if not field.primary_key]


def _head_locked(cursor) -> tuple[str, int]:
    """(last hash, count), the row locked until the transaction ends (SQLite serialises
    writers on its own)."""
    lock = for_update(cursor)
    cursor.execute(_HEAD_READ + lock, [1])
    row = cursor.fetchone()
    if row is None:  # an emptied database (tests): the first insert creates it
        AuditChainHead.objects.get_or_create(pk=1)
        cursor.execute(_HEAD_READ + lock, [1])
        row = cursor.fetchone()
    return row


@transaction.atomic(savepoint=False)
def chain_append(event: AuditEvent) -> AuditEvent:
    """Save a new event as the chain's last link (the head stays locked until the caller's
    transaction ends: no savepoint, so a failure undoes the caller's work too)."""
    # Values as the database will give them back, so that verify_audit finds the same hash.
    event.details = json.loads(_canonical(event.details))
    ip_field = AuditEvent._meta.get_field("client_ip")
    event.client_ip = ip_field.get_prep_value(event.client_ip) or None
    with connection.cursor() as cursor:
        last_hash, count = _head_locked(cursor)
        event.previous_hash = last_hash
        event.hash = event_hash(event)
        row = {field.name: getattr(event, field.attname) for field in _EVENT_FIELDS}
        event.pk = insert(cursor, AuditEvent, [row], returning_pk=True)
        cursor.execute(_HEAD_MOVE, [event.hash, count + 1, 1])
    return event


@dataclass(frozen=True)
class ChainBreak:
    event_id: int | None
    at: datetime | None
    reason: str


def chain_verify() -> tuple[int, ChainBreak | None]:
    """Walk the chain in insertion order: (events read, the first break or None)."""
    from django.utils.translation import gettext as _

    previous, count, last = "", 0, None
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=2000):
        count += 1
        if event.previous_hash != previous:
            return count, ChainBreak(
                event.pk, event.at, _("il ne suit pas l'événement précédent (supprimé ou inséré)")
            )
        if event_hash(event) != event.hash:
            return count, ChainBreak(event.pk, event.at, _("son contenu a été modifié"))
        previous, last = event.hash, event
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != previous:
        return count, ChainBreak(
            last.pk if last else None,
            last.at if last else None,
            _("des événements qui le suivaient ont été supprimés"),
        )
    return count, None
