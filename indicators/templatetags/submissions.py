"""{% submission_badge state %}: a report's state as a badge, from indicators.models.SUBMISSION_BADGES (the figures
form, drawn by Jinja2, shows the same badge through `badge`)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from indicators.models import SUBMISSION_BADGES

register = template.Library()


@register.simple_tag
def submission_badge(state: str) -> SafeString:
    css, label = SUBMISSION_BADGES.get(state, SUBMISSION_BADGES[""])
    return format_html('<span class="badge {}">{}</span>', css, label)
