"""Fast insertion of many new agents: COPY on PostgreSQL, bulk_create elsewhere.

COPY is about three times faster than a multi-row INSERT on PostgreSQL, which
is what keeps a million-agent import within a minute. It runs on the Django
connection, so it belongs to the caller's transaction like any ORM write.
"""

import csv
import io
from datetime import datetime

from django.db import connection

from .models import Agent

# Column order of the tuples given to insert_agents().
AGENT_COLUMNS = (
    "numen_digest",
    "surname",
    "first_name",
    "academie_id",
    "corps",
    "workplace",
    "identifier",
    "identifier_base",
    "email",
    "address_base",
    "is_active",
    "created_at",
    "updated_at",
)


def insert_agents(values: list[tuple], *, at: datetime) -> None:
    """Insert new agents, each a tuple in AGENT_COLUMNS order without the two dates.

    No model save() runs: the caller gives every value, derived and validated.
    """
    if not values:
        return
    if connection.vendor == "postgresql":
        _copy_agents(values, at=at)
        return
    Agent.objects.bulk_create(
        [Agent(**dict(zip(AGENT_COLUMNS, (*row, at, at), strict=True))) for row in values],
        batch_size=1000,
    )


def _copy_agents(values: list[tuple], *, at: datetime) -> None:
    buffer = io.StringIO()
    # Every value quoted: in COPY's CSV format an unquoted empty value would be NULL.
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    stamp = at.isoformat()
    for row in values:
        writer.writerow((*row[:-1], "t" if row[-1] else "f", stamp, stamp))
    buffer.seek(0)
    table = Agent._meta.db_table
    columns = ", ".join(connection.ops.quote_name(name) for name in AGENT_COLUMNS)
    sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN WITH (FORMAT csv)"
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if hasattr(raw, "copy_expert"):  # psycopg2
            raw.copy_expert(sql, buffer)
        else:  # psycopg 3
            with raw.copy(sql) as copy:
                copy.write(buffer.getvalue())
