"""The audit trail is a hash chain: verify_audit finds an edited, removed or inserted row;
on PostgreSQL the table itself refuses UPDATE and DELETE."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from accounts.models import User
from core.audit import record
from core.events import EventKind
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    admin = User.objects.create_user("gestion@example.org", "Gestion-2014-x")
    return [
        record(EventKind.CAMPAIGN_CREATED, actor=admin, subject="c2014", name="Élections"),
        record(EventKind.CAMPAIGN_SEALED, actor=admin, subject="c2014", fingerprint="ab" * 32),
        record(EventKind.VOTING_EXTENDED, subject="c2014", reason="panne", until="19:00"),
    ]


def tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back (on PostgreSQL, as a superuser who
    turns the triggers off for the session)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def verify() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_an_intact_trail_verifies(events):
    assert "intègre : 3 événement(s)" in verify()
    assert events[1].previous_hash == events[0].hash and events[0].previous_hash == ""


def test_an_edited_row_is_named(events):
    table = AuditEvent._meta.db_table
    tamper(f"UPDATE {table} SET subject = %s WHERE id = %s", ["autre", events[1].pk])
    with pytest.raises(CommandError, match=f"n° {events[1].pk} .*modifié"):
        verify()


def test_a_removed_row_or_tail_is_found(events):
    table = AuditEvent._meta.db_table
    tamper(f"DELETE FROM {table} WHERE id = %s", [events[2].pk])
    with pytest.raises(CommandError, match="supprimés"):
        verify()
    tamper(f"DELETE FROM {table} WHERE id = %s", [events[0].pk])
    with pytest.raises(CommandError, match=f"n° {events[1].pk} .*précédent"):
        verify()


def test_the_actor_stays_named_when_the_account_is_deleted(events):
    User.objects.filter(email="gestion@example.org").delete()
    event = AuditEvent.objects.get(pk=events[0].pk)
    assert event.actor_id is None and event.actor_label == "gestion@example.org"
    assert "intègre" in verify()


@pytest.mark.postgres
def test_postgresql_refuses_update_and_delete_on_the_trail(events):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    for change in (
        lambda: AuditEvent.objects.filter(pk=events[0].pk).update(subject="autre"),
        lambda: AuditEvent.objects.filter(pk=events[0].pk).delete(),
    ):
        with pytest.raises(DatabaseError, match="ajout seul"), transaction.atomic():
            change()
    assert AuditEvent.objects.get(pk=events[0].pk).subject == "c2014"
    assert "intègre" in verify()
