"""A member's role said the way its cluster says it: "Cụm trưởng" in a Cụm, "Khối trưởng" in a Khối."""

from django import template

from emulation.clusters.selectors import ROLE_LABELS

register = template.Library()


@register.filter
def vai_tro(membership) -> str:
    return ROLE_LABELS.get(membership.cluster.kind, {}).get(membership.role) or membership.get_role_display()
