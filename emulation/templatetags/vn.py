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


@register.filter(expects_localtime=False)
def ngay_gio(value):
    """{{ event.at|ngay_gio }} → 15/06/2025 08:30 (local time)"""
    return vn.format_datetime(value)
