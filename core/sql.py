"""Explicit SQL on the hot paths, written one way (ballots/box_sql.py, ballots/selectors_sql.py,
core/audit_chain.py).

Names come from the models (`Model._meta`), quoted as standard SQL (PostgreSQL and
SQLite read them alike, and they read as the ORM writes them); every value goes as a
parameter prepared by its model field (`Field.get_db_prep_value`), so a row is stored
exactly as the ORM would store it. A read that joins many tables at every request runs
as a server-side prepared statement on PostgreSQL (`execute_planned_once`).
"""

from __future__ import annotations

import hashlib
import re
import weakref

from django.db.models import Model

# Per open database connection (the driver's own object: a new connection starts empty),
# the names of the statements PostgreSQL has already prepared on it.
_PREPARED: weakref.WeakKeyDictionary[object, set[str]] = weakref.WeakKeyDictionary()
_PLACEHOLDER = re.compile(r"%s")


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


def insert_statement(cursor, model: type[Model], rows: list[dict]) -> tuple[str, list]:
    """(SQL, parameters) of one INSERT of `rows` (dicts of field name → value, the same
    names in each)."""
    names = list(rows[0])
    one = "(" + ", ".join(["%s"] * len(names)) + ")"
    sql = (
        f"INSERT INTO {table(model)} ({', '.join(column(model, name) for name in names)}) "  # noqa: S608
        f"VALUES {', '.join([one] * len(rows))}"
    )
    values = [prepared(cursor, model, name, row[name]) for row in rows for name in names]
    return sql, values


def insert(cursor, model: type[Model], rows: list[dict], *, returning_pk: bool = False):
    """One INSERT of `rows`. With `returning_pk`, the first row's primary key where the
    database can return it (else None)."""
    sql, values = insert_statement(cursor, model, rows)
    returning = returning_pk and cursor.db.features.can_return_columns_from_insert
    if returning:
        sql += f" RETURNING {quoted(model._meta.pk.column)}"
    cursor.execute(sql, values)
    return cursor.fetchone()[0] if returning else None


def execute_together(cursor, statements: list[tuple[str, list]]) -> None:
    """Several statements in one round trip on PostgreSQL, one after the other elsewhere
    (SQLite runs one per call). The first error stops the rest; the last statement's rows
    and row count are left on the cursor. No `%` but the placeholders in the SQL."""
    if cursor.db.vendor != "postgresql":
        for sql, params in statements:
            cursor.execute(sql, params)
        return
    cursor.execute(
        "; ".join(sql for sql, _params in statements),
        [value for _sql, params in statements for value in params],
    )


def execute_planned_once(cursor, sql: str, params: list) -> None:
    """Run `sql` (`%s` placeholders, no other `%`) planned once per connection on PostgreSQL:
    PREPARE on the connection's first use, then EXECUTE (PostgreSQL keeps a generic plan once
    it finds it as good): planning a join of seven tables costs it more than running it. A
    prepared statement outlives a rolled-back transaction. Elsewhere, a plain execute."""
    connection = cursor.db
    if connection.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    name = "ep_" + hashlib.sha256(sql.encode()).hexdigest()[:20]
    done = _PREPARED.setdefault(connection.connection, set())
    statement = f"EXECUTE {name} (" + ", ".join(["%s"] * len(params)) + ")"
    if name in done:
        cursor.execute(statement, params)
        return
    numbered = iter(range(1, len(params) + 1))
    definition = _PLACEHOLDER.sub(lambda _match: f"${next(numbered)}", sql)
    # One round trip (and one query, as the tests count them): prepare, then run.
    cursor.execute(f"PREPARE {name} AS {definition}; {statement}", params)
    done.add(name)
