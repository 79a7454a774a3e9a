"""The Jinja2 environment (TEMPLATES' second engine) for the page a deadline is made of: the figures form's body
(templates/jinja2/indicators/). Django's template engine spent half of the form's time drawing it; Jinja2 compiles a
template to Python and draws the same markup several times faster. The filters are the portal's own (emulation.lib.vn),
so a figure reads the same in both engines; autoescaping is on, as in Django's."""

from __future__ import annotations

from jinja2 import Environment, StrictUndefined

from emulation.lib import vn
from emulation.lib.urls import cached_reverse


def environment(**options) -> Environment:
    # Strict: a misspelt name is an error in the tests, not an empty cell on a page.
    options.pop("autoescape", None)
    options.pop("undefined", None)
    env = Environment(autoescape=True, undefined=StrictUndefined, **options)
    env.filters.update(
        so=lambda value, decimals=None: vn.format_number(value, decimals),
        phan_tram=lambda value, decimals=1: vn.format_percent(value, decimals),
        ngay=vn.format_date,
        ngay_gio=vn.format_datetime,
    )
    env.globals.update(url=cached_reverse)
    return env
