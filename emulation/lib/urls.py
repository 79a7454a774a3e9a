"""URLs reversed once per process: `reverse` walks the URL patterns on every call (tens of microseconds), and the
pages a deadline is made of reverse the same few URLs on every request. The answer depends only on the name, the
arguments, the URLconf, the script prefix (SCRIPT_NAME) and the language, which are the key."""

from __future__ import annotations

import functools

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def cached_reverse(name: str, *args) -> str:
    """reverse(name, args=args), remembered (the arguments are ids and slugs: hashable)."""
    return _reversed(get_script_prefix(), get_urlconf(), get_language(), name, args)


@functools.lru_cache(maxsize=8192)
def _reversed(prefix: str, urlconf, language, name: str, args: tuple) -> str:
    return reverse(name, args=args)
