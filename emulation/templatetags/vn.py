from django import template

from emulation.lib import vn

register = template.Library()


@register.filter
def so(value, decimals=None):
    """{{ value|so }} → 1.234,5"""
    return vn.format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def phan_tram(value, decimals=1):
    """{{ value|phan_tram }} → 82,5 %"""
    return vn.format_percent(value, int(decimals))
