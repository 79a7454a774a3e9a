"""Units named as of a date on pages: `{% load orgchart %}`.

{% unit_on campaign.owner campaign.start_date as owner %}{{ owner.name }}   one dated object on a detail page
{{ r.unit_then.display_name|default:r.unit.display_name }}                  lists: the view fills `unit_then` in
                                                                           bulk (campaigns.orgchart.name_as_of)
"""

from __future__ import annotations

import datetime

from django import template

from campaigns.models import Unit
from campaigns.orgchart import UnitAsOf, predecessor_on, unit_as_of

register = template.Library()


@register.simple_tag
def unit_on(unit: Unit | None, day: datetime.date | datetime.datetime | None) -> UnitAsOf | str:
    """The unit as named on `day` (today when empty): its name, short name, level, province of that day. Two
    queries (more only for a unit created after the day): for one object on a page; lists are named in bulk by the
    view."""
    if unit is None or unit == "":
        return ""
    if isinstance(day, datetime.datetime):
        day = day.date()
    # A unit created after that day (a Sở formed by the 2025 merger, owning a 2022 campaign): its predecessor then.
    return unit_as_of(predecessor_on(unit, day or None), day or None)
