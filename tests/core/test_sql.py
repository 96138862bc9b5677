"""A read planned once per connection answers as a plain one, in every transaction state."""

import pytest
from django.db import DatabaseError, connection, transaction

from core.sql import execute_planned_once

SQL = "SELECT %s + 1, %s"


def planned(*params):
    with connection.cursor() as cursor:
        execute_planned_once(cursor, SQL, list(params))
        return cursor.fetchall()


@pytest.mark.django_db
def test_a_planned_read_answers_as_a_plain_one_each_time():
    assert planned(1, "a") == [(2, "a")]
    assert planned(41, "b") == [(42, "b")]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_plan_outlives_a_rolled_back_transaction_and_a_new_connection_plans_again():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    with pytest.raises(DatabaseError), transaction.atomic():
        assert planned(1, "a") == [(2, "a")]  # prepared in this transaction
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 / 0")
    assert planned(2, "c") == [(3, "c")]  # still prepared after the rollback
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] >= 1
    connection.close()
    assert planned(3, "d") == [(4, "d")]  # a new connection: prepared again
