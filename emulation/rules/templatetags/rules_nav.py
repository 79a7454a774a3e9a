"""The navigation's "Danh mục và quy định" link, for those the pages answer (emulation.rules.access)."""

from django import template
from django.urls import reverse

from campaigns.scope import scope_for
from emulation.rules.access import READERS

register = template.Library()


@register.inclusion_tag("rules/_nav.html", takes_context=True)
def rules_nav(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    # From the roles alone (the request's scope is built already): the link costs no query on every page; the pages
    # themselves work out the provinces (emulation.rules.access).
    shown = bool(user is not None and user.is_authenticated and scope_for(user).has_role(*READERS))
    url = context.get("nav_urls", {}).get("rules_url") or reverse("rules:kinds")
    return {"shown": shown, "url": url, "active": shown and request.path.startswith(url)}
