"""Accent-insensitive search: "chuyen doi so" finds "Chuyển đổi số".

On PostgreSQL `UNACCENT()` is the `unaccent` extension (created by a migration); on SQLite the same name is a
Python function registered on every new connection, so one query works on both.
"""

from __future__ import annotations

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func


def strip_accents(text: str | None) -> str | None:
    """Lower case without diacritics; đ/Đ become d (they are letters, not accents, for Unicode)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class Unaccent(Func):
    function = "UNACCENT"
    output_field = CharField()


def _register_sqlite_unaccent(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, strip_accents, deterministic=True)


def install() -> None:
    connection_created.connect(_register_sqlite_unaccent, dispatch_uid="emulation.unaccent")
