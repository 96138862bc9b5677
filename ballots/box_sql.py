"""The ballot box's writes, in explicit SQL (all of them here).

Accepting a ballot writes nine rows or row versions in one transaction. Built through
the ORM, those statements cost the workers more Python than verifying the ballot itself
(BENCHMARKS.md, "What limits each path"). They are written once here, run on SQLite and
PostgreSQL, and take the caller's cursor, inside the caller's transaction. Table and
column names come from the models (`Model._meta`); every value goes as a parameter,
prepared by its model field (`Field.get_db_prep_value`), so it is stored exactly as the
ORM would store it.

`tests/ballots/voting/test_box_sql.py` checks that each statement writes what the ORM
would, on both databases.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Model

from .models import BallotAlpha, Board, BoardEvent, EncryptedTotal, Participation, PublicCredential


def _table(model: type[Model]) -> str:
    return f'"{model._meta.db_table}"'  # quoted as standard SQL: PostgreSQL and SQLite


def _column(model: type[Model], name: str) -> str:
    return f'"{model._meta.get_field(name).column}"'


def _prepared(cursor, model: type[Model], name: str, value):
    """`value` as the model's field stores it on the cursor's database."""
    return model._meta.get_field(name).get_db_prep_value(value, cursor.db, prepared=False)


def _for_update(cursor) -> str:
    """Row locks where the database has them (SQLite serialises writers on its own)."""
    return " FOR UPDATE" if cursor.db.features.has_select_for_update else ""


def _insert(cursor, model: type[Model], rows: list[dict]) -> None:
    """One INSERT of `rows` (dicts of field name → value, the same names in each)."""
    names = list(rows[0])
    columns = ", ".join(_column(model, name) for name in names)
    one = "(" + ", ".join(["%s"] * len(names)) + ")"
    values = [_prepared(cursor, model, name, row[name]) for row in rows for name in names]
    cursor.execute(
        f"INSERT INTO {_table(model)} ({columns}) VALUES {', '.join([one] * len(rows))}",  # noqa: S608
        values,
    )


def credential_lock(cursor, *, scrutin_id: int, agent_id: int, credential: str) -> bool:
    """Lock the elector's current credential row for this transaction; False if it is not
    the current one any more (replaced since it was read)."""
    model = PublicCredential
    cursor.execute(
        f"SELECT {_column(model, 'id')} FROM {_table(model)} "  # noqa: S608
        f"WHERE {_column(model, 'scrutin')} = %s AND {_column(model, 'agent')} = %s "
        f"AND {_column(model, 'credential')} = %s AND {_column(model, 'replaced')} = %s"
        + _for_update(cursor),
        [scrutin_id, agent_id, credential, _prepared(cursor, model, "replaced", False)],
    )
    return cursor.fetchone() is not None


def participation_insert(cursor, *, scrutin_id: int, agent_id: int, voted_at: datetime) -> None:
    """The émargement; IntegrityError when this agent already voted in this scrutin."""
    _insert(
        cursor,
        Participation,
        [{"scrutin": scrutin_id, "agent": agent_id, "voted_at": voted_at}],
    )


def alphas_insert(cursor, *, scrutin_id: int, alphas: list[str]) -> None:
    """A ballot's α's; IntegrityError when one is already in the scrutin (a replay)."""
    _insert(
        cursor,
        BallotAlpha,
        [{"id": uuid.uuid4(), "scrutin": scrutin_id, "alpha": alpha} for alpha in alphas],
    )


def running_product_lock(cursor, *, scrutin_id: int) -> tuple[list, int]:
    """The scrutin's running product ([[α, β], …] in hexadecimal) and its ballot count,
    row locked until the transaction ends."""
    model = EncryptedTotal
    cursor.execute(
        f"SELECT {_column(model, 'ciphertexts')}, {_column(model, 'ballots')} "  # noqa: S608
        f"FROM {_table(model)} WHERE {_column(model, 'scrutin')} = %s" + _for_update(cursor),
        [scrutin_id],
    )
    stored, ballots = cursor.fetchone()
    return (json.loads(stored) if isinstance(stored, str | bytes) else stored), ballots


def running_product_store(cursor, *, scrutin_id: int, ciphertexts: list, ballots: int) -> None:
    model = EncryptedTotal
    cursor.execute(
        f"UPDATE {_table(model)} SET {_column(model, 'ciphertexts')} = %s, "  # noqa: S608
        f"{_column(model, 'ballots')} = %s WHERE {_column(model, 'scrutin')} = %s",
        [_prepared(cursor, model, "ciphertexts", ciphertexts), ballots, scrutin_id],
    )


@dataclass(frozen=True)
class BoardHead:
    id: int
    height: int
    head: str


def board_head_lock(cursor, *, campaign_id: int) -> BoardHead | None:
    """The campaign board's head, row locked until the transaction ends (None: no board)."""
    model = Board
    cursor.execute(
        f"SELECT {_column(model, 'id')}, {_column(model, 'height')}, {_column(model, 'head')} "  # noqa: S608
        f"FROM {_table(model)} WHERE {_column(model, 'campaign')} = %s" + _for_update(cursor),
        [campaign_id],
    )
    row = cursor.fetchone()
    return BoardHead(*row) if row else None


def board_event_insert(cursor, event: BoardEvent) -> None:
    """Write `event` (every field set by the caller) and move the board's head onto it."""
    fields = BoardEvent._meta.concrete_fields
    _insert(cursor, BoardEvent, [{field.name: getattr(event, field.attname) for field in fields}])
    model = Board
    cursor.execute(
        f"UPDATE {_table(model)} SET {_column(model, 'height')} = %s, "  # noqa: S608
        f"{_column(model, 'head')} = %s WHERE {_column(model, 'campaign')} = %s",
        [event.height + 1, event.hash, event.campaign_id],
    )
