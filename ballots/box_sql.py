"""The ballot box's writes, in explicit SQL (all of them here).

Accepting a ballot writes nine rows or row versions in one transaction, in five round
trips to PostgreSQL besides the task queue's. Built through the ORM, those statements
cost the workers more Python than verifying the ballot itself (BENCHMARKS.md, "What
limits each path"). They are written once here, run on SQLite and
PostgreSQL, and take the caller's cursor, inside the caller's transaction; names and
values as `core.sql` writes them.

`tests/ballots/voting/test_box_sql.py` checks that each statement writes what the ORM
would, on both databases.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from core.sql import column, execute_together, for_update, insert_statement, prepared, table

from .models import BallotAlpha, Board, BoardEvent, EncryptedTotal, Participation, PublicCredential


def cast_rows_insert(
    cursor,
    *,
    scrutin_id: int,
    agent_id: int,
    credential: str,
    voted_at: datetime,
    alphas: list[str],
) -> bool:
    """The ballot's α's (IntegrityError when one is already in the scrutin: a replay), then
    the émargement (IntegrityError when this agent already voted in it), written only
    while locking the elector's credential row if it is still their current one: False
    when it was replaced since it was read (the caller rolls back). One round trip."""
    credentials = PublicCredential
    current = (
        f"SELECT {column(credentials, 'id')} FROM {table(credentials)} "  # noqa: S608
        f"WHERE {column(credentials, 'scrutin')} = %s AND {column(credentials, 'agent')} = %s "
        f"AND {column(credentials, 'credential')} = %s "
        f"AND {column(credentials, 'replaced')} = %s" + for_update(cursor)
    )
    model = Participation
    emargement = (
        f"INSERT INTO {table(model)} ({column(model, 'scrutin')}, {column(model, 'agent')}, "  # noqa: S608
        f"{column(model, 'voted_at')}) SELECT %s, %s, %s FROM ({current}) AS current_credential"
    )
    emargement_params = [
        scrutin_id,
        agent_id,
        prepared(cursor, model, "voted_at", voted_at),
        scrutin_id,
        agent_id,
        credential,
        prepared(cursor, credentials, "replaced", False),
    ]
    rows = [{"id": uuid.uuid4(), "scrutin": scrutin_id, "alpha": alpha} for alpha in alphas]
    execute_together(
        cursor,
        [insert_statement(cursor, BallotAlpha, rows), (emargement, emargement_params)],
    )
    return cursor.rowcount == 1


def running_product_lock(cursor, *, scrutin_id: int) -> tuple[list, int]:
    """The scrutin's running product ([[α, β], …] in hexadecimal) and its ballot count,
    row locked until the transaction ends."""
    model = EncryptedTotal
    cursor.execute(
        f"SELECT {column(model, 'ciphertexts')}, {column(model, 'ballots')} "  # noqa: S608
        f"FROM {table(model)} WHERE {column(model, 'scrutin')} = %s" + for_update(cursor),
        [scrutin_id],
    )
    stored, ballots = cursor.fetchone()
    return (json.loads(stored) if isinstance(stored, str | bytes) else stored), ballots


def running_product_store(cursor, *, scrutin_id: int, ciphertexts: list, ballots: int) -> None:
    model = EncryptedTotal
    cursor.execute(
        f"UPDATE {table(model)} SET {column(model, 'ciphertexts')} = %s, "  # noqa: S608
        f"{column(model, 'ballots')} = %s WHERE {column(model, 'scrutin')} = %s",
        [prepared(cursor, model, "ciphertexts", ciphertexts), ballots, scrutin_id],
    )


@dataclass(frozen=True)
class BoardHead:
    height: int
    head: str


def board_head_lock(cursor, *, campaign_id: int) -> BoardHead | None:
    """The campaign board's head, row locked until the transaction ends (None: no board)."""
    model = Board
    cursor.execute(
        f"SELECT {column(model, 'height')}, {column(model, 'head')} "  # noqa: S608
        f"FROM {table(model)} WHERE {column(model, 'campaign')} = %s" + for_update(cursor),
        [campaign_id],
    )
    row = cursor.fetchone()
    return BoardHead(*row) if row else None


def board_event_insert(cursor, event: BoardEvent) -> None:
    """Write `event` (every field set by the caller) and move the board's head onto it."""
    fields = BoardEvent._meta.concrete_fields
    row = {field.name: getattr(event, field.attname) for field in fields}
    model = Board
    head = (
        f"UPDATE {table(model)} SET {column(model, 'height')} = %s, "  # noqa: S608
        f"{column(model, 'head')} = %s WHERE {column(model, 'campaign')} = %s"
    )
    execute_together(
        cursor,
        [
            insert_statement(cursor, BoardEvent, [row]),
            (head, [event.height + 1, event.hash, event.campaign_id]),
        ],
    )
