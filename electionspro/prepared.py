"""Querysets whose SQL is built once per process: the hot reads of the vote path.

Building a queryset (filters, select_related, annotations, subqueries) and compiling it
to SQL cost more CPU than PostgreSQL takes to run it: at the peak of a vote, py-spy on
the workers showed the read of the ballot's scrutin (`ballot_scrutin`) at a third of
their Python time, nearly all of it producing the same SQL at every request with two
values changed. `PreparedQuery` builds and compiles the queryset once per database,
with stand-in values, notes where each value lands among the parameters, and then
hands out querysets that carry that SQL with the real values. Django's own iterable
turns the rows into model instances (same converters, same select_related objects,
same annotations); only the building and the compiling are skipped.

A prepared queryset is iterated as it is (`list(...)`). Any change to it (`filter`,
`first`, `count`, a slice...) raises TypeError: its filters still hold the stand-ins,
only its SQL holds the real values, so nothing else may be made from it.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import QuerySet
from django.db.models.sql.query import Query

# Compiler attributes that belong to the connection or the call, not to the compiled query.
_PER_CALL = frozenset({"query", "connection", "using", "elide_empty", "quote_cache"})


class PreparedQuery:
    """`build(**values)` compiled once; `queryset(**values)` runs it with other values.

    `stand_ins` gives each value a unique stand-in (a value no real call uses): it must
    appear among the compiled query's parameters, or preparing fails loudly.
    """

    def __init__(self, build: Callable[..., QuerySet], **stand_ins: Any) -> None:
        self._build = build
        self._stand_ins = stand_ins
        self._prepared: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def queryset(self, *, using: str = DEFAULT_DB_ALIAS, **values: Any) -> QuerySet:
        if values.keys() != self._stand_ins.keys():
            raise TypeError(f"expected the values {sorted(self._stand_ins)}")
        compiled = self._prepared.get(using) or self._prepare(using)
        params = list(compiled.params)
        for name, positions in compiled.slots.items():
            for position in positions:
                params[position] = values[name]
        queryset = compiled.queryset._chain()
        query = queryset.query
        query.__class__ = _PreparedSQL
        query.prepared = (compiled.sql, tuple(params), compiled.state)
        return queryset

    def _prepare(self, using: str) -> "_Compiled":
        with self._lock:
            if using in self._prepared:
                return self._prepared[using]
            queryset = self._build(**self._stand_ins).using(using)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            slots = {
                name: tuple(i for i, p in enumerate(params) if type(p) is type(v) and p == v)
                for name, v in self._stand_ins.items()
            }
            missing = [name for name, positions in slots.items() if not positions]
            if missing:
                raise ValueError(f"stand-in values not found among the parameters: {missing}")
            state = {k: v for k, v in compiler.__dict__.items() if k not in _PER_CALL}
            compiled = _Compiled(queryset, sql, tuple(params), slots, state)
            self._prepared[using] = compiled
            return compiled


@dataclass(frozen=True, slots=True)
class _Compiled:
    queryset: QuerySet  # the one built with the stand-ins, never iterated
    sql: str
    params: tuple
    slots: dict[str, tuple[int, ...]]  # value name → its positions among the parameters
    state: dict[str, Any]  # what compiling set on the compiler (select, klass_info...)


class _PreparedSQL(Query):
    """A Query that hands its compiler the SQL compiled before, with this call's values."""

    prepared: tuple[str, tuple, dict]

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = super().get_compiler(using, connection, elide_empty)
        sql, params, state = self.prepared
        compiler.__dict__.update(state)
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        return compiler

    def clone(self) -> Query:
        """Refused: this query's own filters hold the stand-ins, only its SQL the values."""
        raise TypeError(
            "a prepared queryset is iterated as it is: build another PreparedQuery for another "
            "query"
        )
