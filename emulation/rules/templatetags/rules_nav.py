"""The navigation's "Danh mục và quy định" link, for those the pages answer (emulation.rules.access)."""

from django import template
from django.urls import reverse

from emulation.rules.access import access_for

register = template.Library()


@register.inclusion_tag("rules/_nav.html", takes_context=True)
def rules_nav(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = bool(user is not None and user.is_authenticated and access_for(user).reads)
    url = reverse("rules:kinds")
    return {"shown": shown, "url": url, "active": shown and request.path.startswith(url)}
