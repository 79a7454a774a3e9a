"""The hot reads' cost: prepared statements (PostgreSQL's planning) and reads compiled once (the ORM's compiling).

Prepared statements are for the few queries that PostgreSQL spends longer planning than running.

Django sends every query with its parameters written into the SQL (psycopg's client-side binding), so PostgreSQL
plans each one afresh. That is right for most of them, but a scoped query (the bell's count: six scoped subqueries)
took 18 ms to plan and 0.3 ms to run, on every page. Inside `prepared_statements()`, this thread's queries are sent
with server-side binding, and psycopg prepares them on the connection (`prepare_threshold` in the database
OPTIONS, settings.py): after a few runs PostgreSQL keeps one plan for all people with the same shape of grants, if
its estimate says that plan is no worse than a fresh one.

Off (the block runs as usual) on SQLite, or when DB_PREPARED_STATEMENTS=0 sets no `prepare_threshold`, as a
connection pooler in transaction mode needs. Nothing else changes: the same SQL, the same results, the same query
count in tests.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable


def prepares(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether queries inside `prepared_statements(using)` are prepared on this database."""
    connection = connections[using]
    return (
        connection.vendor == "postgresql" and connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None
    )


@contextmanager
def prepared_statements(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Send this thread's queries on `using` with server-side binding (prepared) while the block runs."""
    if not prepares(using):
        yield
        return
    connection = connections[using]
    connection.ensure_connection()
    raw = connection.connection
    previous = raw.cursor_factory
    raw.cursor_factory = _prepared_cursor_class()
    try:
        yield
    finally:
        raw.cursor_factory = previous


@functools.cache
def _prepared_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparedCursor(ServerBindingCursor):
        """Django's server-binding cursor, keeping the statement for Django's query log: psycopg leaves `_query`
        empty when it runs a prepared statement, and `connection.queries` (tests' CaptureQueriesContext, DEBUG's
        log) would hold None for it."""

        def _send_query_prepared(self, name, pgq, *, binary=None):
            self._query = pgq
            return super()._send_query_prepared(name, pgq, binary=binary)

    return PreparedCursor


# --- Reads compiled once --------------------------------------------------------------------------------------
# The ORM spends more Python time building and compiling a scoped query (a tree of Q objects over the person's
# grants, joins, subqueries) than psycopg and PostgreSQL spend running it: on the figures form, a third of the
# request. Its SQL depends only on what the queryset is built from. A `CompiledRead` builds and compiles the
# queryset once per key in each process (for a few minutes), with markers where the values that change from call to
# call go (a submission's id), and later runs that SQL with the values bound, reading model instances through the
# ORM's own iterable: the same SQL, the same instances (select_related, annotations), the same query count.

_MARK = -7_310_000_001  # ids no row has: the markers bound where a call's values go (_MARK, _MARK - 1, …)


@dataclass(frozen=True)
class _Compiled:
    at: float
    query: Any  # the Query the SQL was compiled from (its compiler hands out the converters and populators)
    sql: str
    params: tuple
    slots: tuple[tuple[str, tuple[int, ...]], ...]  # where each value goes in params
    state: dict[str, Any]  # what the compiler worked out while compiling (columns, related objects, annotations)
    converters: dict = field(default_factory=dict)  # SQLCompiler.get_converters of the selected columns
    empty: bool = False  # the filter can match nothing (no grants): no query at all, as the ORM does


class _Ready:
    """Stands for a Query in ModelIterable: hands out a compiler that already has its SQL."""

    def __init__(self, compiler) -> None:
        self.compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self.compiler


class CompiledRead:
    """A read built by `build(*args, **values)` and compiled once per `key` and process.

    `key` must name everything in `args` that shapes the SQL (for a scoped read, `campaigns.scope.scope_key(user)`);
    `values` are ids, compared for equality, bound into the SQL on each call. `prepared`: run inside
    `prepared_statements()`. Entries last `seconds`, so that a change the key does not name cannot stay wrong for
    long."""

    def __init__(
        self,
        model: type[Model],
        build: Callable[..., QuerySet],
        *,
        prepared: bool = False,
        seconds: float = 300.0,
        maxsize: int = 2048,
    ) -> None:
        self.model, self.build, self.prepared = model, build, prepared
        self.seconds, self.maxsize = seconds, maxsize
        self._entries: OrderedDict[tuple, _Compiled] = OrderedDict()
        self._lock = threading.Lock()

    def objects(self, key: Hashable, *args: Any, **values: int) -> list[Model]:
        """The model instances `build(*args, **values)` reads, as `list(queryset)` would give them."""
        alias = router.db_for_read(self.model)
        entry = self._compiled(alias, ("objects", key), args, values, count=False)
        if entry.empty or not _ids(values):
            return []
        compiler = entry.query.get_compiler(using=alias)
        compiler.__dict__.update(entry.state)
        sql, params = entry.sql, self._bind(entry, values)
        compiler.as_sql = lambda *a, **k: (sql, params)  # the compiled SQL, without compiling
        converters = entry.converters
        compiler.get_converters = lambda expressions: converters  # the columns' converters, worked out once
        with prepared_statements(alias) if self.prepared else nullcontext():
            return list(ModelIterable(QuerySet(model=self.model, query=_Ready(compiler), using=alias)))

    def count(self, key: Hashable, *args: Any, **values: int) -> int:
        """How many rows `build(*args, **values)` reads."""
        alias = router.db_for_read(self.model)
        entry = self._compiled(alias, ("count", key), args, values, count=True)
        if entry.empty or not _ids(values):
            return 0
        with prepared_statements(alias) if self.prepared else nullcontext(), connections[alias].cursor() as cursor:
            cursor.execute(entry.sql, self._bind(entry, values))
            return cursor.fetchone()[0]

    @staticmethod
    def _bind(entry: _Compiled, values: dict[str, int]) -> list:
        params = list(entry.params)
        for name, positions in entry.slots:
            for i in positions:
                params[i] = values[name]
        return params

    def _compiled(self, alias: str, key: Hashable, args: tuple, values: dict[str, int], *, count: bool) -> _Compiled:
        names = tuple(sorted(values))
        full_key = (alias, key, names)
        now = time.monotonic()
        with self._lock:
            found = self._entries.get(full_key)
            if found is not None and now - found.at < self.seconds:
                self._entries.move_to_end(full_key)
                return found
        marks = {name: _MARK - i for i, name in enumerate(names)}
        queryset = self.build(*args, **marks)
        if queryset._prefetch_related_lookups:
            raise ValueError("CompiledRead reads no prefetch_related: prefetch on the instances it returns")
        if count:
            queryset = queryset.order_by().values("pk")
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            entry = _Compiled(now, None, "", (), (), {}, empty=True)
        else:
            slots = tuple(
                (name, tuple(i for i, p in enumerate(params) if type(p) is int and p == mark))
                for name, mark in marks.items()
            )
            if missing := [name for name, positions in slots if not positions]:
                raise ValueError(f"CompiledRead: {missing} not found among the SQL's parameters")
            if count:
                sql = f"SELECT COUNT(*) FROM ({sql}) counted"  # noqa: S608 - SQL the ORM compiled
            state = {name: getattr(compiler, name, None) for name in _COMPILER_STATE}
            # The same functions for every connection to this database (they depend on its vendor and settings).
            converters = (
                {} if count else compiler.get_converters([s[0] for s in compiler.select[0 : compiler.col_count]])
            )
            entry = _Compiled(now, queryset.query, sql, tuple(params), slots, state, converters)
        with self._lock:
            self._entries[full_key] = entry
            self._entries.move_to_end(full_key)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        return entry


def _ids(values: dict[str, int]) -> bool:
    """Whether every value can be an id (a bigint): one beyond (a URL's /99999999999999999999/) matches no row, as
    the ORM's own lookups answer, instead of an error from the database."""
    return all(-(2**63) <= value < 2**63 for value in values.values())


# What SQLCompiler.pre_sql_setup works out and ModelIterable, results_iter and execute_sql read (Django 5.2).
_COMPILER_STATE = ("select", "klass_info", "annotation_col_map", "col_count", "has_extra_select")
