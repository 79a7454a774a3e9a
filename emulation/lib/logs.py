"""How every process of the portal writes its log lines: Django (web), gunicorn's own lines, Celery (worker, beat).

LOG_FORMAT=json: one JSON object per line (python-json-logger) with `time`, `level`, `logger`, `message` and
`request_id` ("-" outside a request); text: one readable line. Either way the time is ISO 8601 with its offset
(2025-06-15T08:00:00.123+07:00), so lines from hosts in different time zones, or from a process that has not
loaded Django's TIME_ZONE yet (gunicorn's master), still sort and compare.

`deploy/gunicorn.conf.py` and `emulation/settings.py` both call `log_format()`, so gunicorn's lines and the
application's always agree.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ImproperlyConfigured
from pythonjsonlogger.json import JsonFormatter as _BaseJsonFormatter

from emulation.lib.env import env_bool, env_str

FORMATS = ("json", "text")
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"
TEXT_FIELDS = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def log_format() -> str:
    """LOG_FORMAT from the environment: `text` with DEBUG, else `json`; anything else stops start-up."""
    value = env_str("LOG_FORMAT", "text" if env_bool("DEBUG", default=False) else "json")
    if value not in FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT={value!r} is not one of: {', '.join(FORMATS)}")
    return value


def iso_time(created: float) -> str:
    """A record's time in the process's local zone, with the offset: 2025-06-15T08:00:00.123+07:00."""
    return dt.datetime.fromtimestamp(created).astimezone().isoformat(timespec="milliseconds")


class JsonFormatter(_BaseJsonFormatter):
    """python-json-logger with ISO 8601 times and our field names; `request_id` is "-" when a record has none."""

    def __init__(self, fmt: str = JSON_FIELDS, **kwargs) -> None:
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        super().__init__(fmt, **kwargs)

    def add_fields(self, log_data: dict, record: logging.LogRecord, message_dict: dict) -> None:
        super().add_fields(log_data, record, message_dict)
        if log_data.get("request_id") is None:  # a record from outside the portal's handlers (gunicorn's)
            log_data["request_id"] = "-"

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802 - logging's name
        return iso_time(record.created)


class TextFormatter(logging.Formatter):
    """One readable line, with the same ISO 8601 time as the JSON lines."""

    def __init__(self, fmt: str = TEXT_FIELDS, **kwargs) -> None:
        kwargs.setdefault("defaults", {"request_id": "-"})
        super().__init__(fmt, **kwargs)

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802 - logging's name
        return iso_time(record.created)


def formatter(kind: str | None = None) -> logging.Formatter:
    return JsonFormatter() if (kind or log_format()) == "json" else TextFormatter()


class NotDisallowedHost(logging.Filter):
    """Keeps "Invalid HTTP_HOST header" out of the administrators' mailbox: scanners send them by the thousand.
    They are still logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name != "django.security.DisallowedHost"
