"""The ballot box's writes, in explicit SQL (all of them here).

Accepting a ballot writes nine rows or row versions in one transaction. Built through
the ORM, those statements cost the workers more Python than verifying the ballot itself
(BENCHMARKS.md, "What limits each path"). They are written once here, run on SQLite and
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

from core.sql import column, for_update, insert, prepared, table

from .models import BallotAlpha, Board, BoardEvent, EncryptedTotal, Participation, PublicCredential


def credential_lock(cursor, *, scrutin_id: int, agent_id: int, credential: str) -> bool:
    """Lock the elector's current credential row for this transaction; False if it is not
    the current one any more (replaced since it was read)."""
    model = PublicCredential
    cursor.execute(
        f"SELECT {column(model, 'id')} FROM {table(model)} "  # noqa: S608
        f"WHERE {column(model, 'scrutin')} = %s AND {column(model, 'agent')} = %s "
        f"AND {column(model, 'credential')} = %s AND {column(model, 'replaced')} = %s"
        + for_update(cursor),
        [scrutin_id, agent_id, credential, prepared(cursor, model, "replaced", False)],
    )
    return cursor.fetchone() is not None


def participation_insert(cursor, *, scrutin_id: int, agent_id: int, voted_at: datetime) -> None:
    """The émargement; IntegrityError when this agent already voted in this scrutin."""
    insert(
        cursor,
        Participation,
        [{"scrutin": scrutin_id, "agent": agent_id, "voted_at": voted_at}],
    )


def alphas_insert(cursor, *, scrutin_id: int, alphas: list[str]) -> None:
    """A ballot's α's; IntegrityError when one is already in the scrutin (a replay)."""
    insert(
        cursor,
        BallotAlpha,
        [{"id": uuid.uuid4(), "scrutin": scrutin_id, "alpha": alpha} for alpha in alphas],
    )


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
    insert(cursor, BoardEvent, [{field.name: getattr(event, field.attname) for field in fields}])
    model = Board
    cursor.execute(
        f"UPDATE {table(model)} SET {column(model, 'height')} = %s, "  # noqa: S608
        f"{column(model, 'head')} = %s WHERE {column(model, 'campaign')} = %s",
        [event.height + 1, event.hash, event.campaign_id],
    )
