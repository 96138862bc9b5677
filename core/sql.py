"""Explicit SQL on the hot write paths, written one way (ballots/box_sql.py, core/audit_chain.py).

Names come from the models (`Model._meta`), quoted as standard SQL (PostgreSQL and
SQLite read them alike, and they read as the ORM writes them); every value goes as a
parameter prepared by its model field (`Field.get_db_prep_value`), so a row is stored
exactly as the ORM would store it.
"""

from __future__ import annotations

from django.db.models import Model


def quoted(name: str) -> str:
    return f'"{name}"'


def table(model: type[Model]) -> str:
    return quoted(model._meta.db_table)


def column(model: type[Model], name: str) -> str:
    return quoted(model._meta.get_field(name).column)


def prepared(cursor, model: type[Model], name: str, value):
    """`value` as the model's field `name` stores it on the cursor's database."""
    return model._meta.get_field(name).get_db_prep_value(value, cursor.db, prepared=False)


def for_update(cursor) -> str:
    """Row locks where the database has them (SQLite serialises writers on its own)."""
    return " FOR UPDATE" if cursor.db.features.has_select_for_update else ""


def insert(cursor, model: type[Model], rows: list[dict], *, returning_pk: bool = False):
    """One INSERT of `rows` (dicts of field name → value, the same names in each). With
    `returning_pk`, the first row's primary key where the database can return it (else None)."""
    names = list(rows[0])
    one = "(" + ", ".join(["%s"] * len(names)) + ")"
    sql = (
        f"INSERT INTO {table(model)} ({', '.join(column(model, name) for name in names)}) "  # noqa: S608
        f"VALUES {', '.join([one] * len(rows))}"
    )
    values = [prepared(cursor, model, name, row[name]) for row in rows for name in names]
    returning = returning_pk and cursor.db.features.can_return_columns_from_insert
    if returning:
        sql += f" RETURNING {quoted(model._meta.pk.column)}"
    cursor.execute(sql, values)
    return cursor.fetchone()[0] if returning else None
