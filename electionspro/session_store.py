"""Django's database sessions, with fewer queries on the two hot paths (SESSION_ENGINE).

Every authenticated page reads its session, and every login gives the session a new
key. Django's database store reads the row through the ORM (building and compiling
the same query at each request), and a new key costs three queries: a SELECT to check
that the random key is free, an INSERT, then an UPDATE when the response saves the
data. Here:

- the row is read with one fixed SQL statement (same table, same expiry rule);
- a new key is not looked up first: it is 32 random characters (about 165 bits), and
  the INSERT itself refuses a key already taken (primary key); `save()` then draws
  another one, as Django's `create()` does after its own check;
- a new key given during a request (login, logout: `cycle_key()`, `flush()`) is
  written once, by the INSERT of the response's save, instead of an INSERT now and
  an UPDATE at the end;
- the old row goes with one DELETE, not a SELECT then a DELETE.

What is stored, its signing, its expiry and the cookie are Django's, unchanged.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError
from django.db import connections, router
from django.utils import timezone
from django.utils.crypto import get_random_string


class SessionStore(db.SessionStore):
    _insert_pending = False

    def load(self) -> dict:
        data = self._stored_data()
        if data is None:
            self._session_key = None
            return {}
        return self.decode(data)

    def _stored_data(self) -> str | None:
        """The signed data of this key's row if it has not expired, else None."""
        if not self.session_key:
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        ops = connection.ops
        table = ops.quote_name(model._meta.db_table)
        # Identifiers from the model, quoted; the values go as parameters.
        sql = (
            f"SELECT {ops.quote_name('session_data')} FROM {table} "  # noqa: S608
            f"WHERE {ops.quote_name('session_key')} = %s AND {ops.quote_name('expire_date')} > %s"
        )
        now = ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        return row[0] if row else None

    def _get_new_session_key(self) -> str:
        """A fresh random key; its uniqueness is the INSERT's (see the module's docstring)."""
        return get_random_string(32, VALID_KEY_CHARS)

    def create(self) -> None:
        """A new key, written by the next save() as an INSERT (one query, not two)."""
        self._session_key = self._get_new_session_key()
        self._insert_pending = True
        self.modified = True

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            self.create()
        if not (self._insert_pending or must_create):
            super().save()
            return
        while True:
            try:
                super().save(must_create=True)
            except CreateError:
                if must_create and not self._insert_pending:
                    raise  # the caller asked for this very key
                self._session_key = self._get_new_session_key()  # taken: another key
                continue
            self._insert_pending = False
            return

    def delete(self, session_key: str | None = None) -> None:
        """One DELETE (Django reads the row first, then deletes it)."""
        session_key = session_key or self.session_key
        if session_key:
            self.model.objects.filter(session_key=session_key).delete()
