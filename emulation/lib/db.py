"""Prepared statements for the few queries that PostgreSQL spends longer planning than running.

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
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections


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
