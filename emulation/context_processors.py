from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

from campaigns.models import Role
from campaigns.scope import scope_for
from emulation.lib.urls import cached_reverse

# What nginx accepts on top of the files themselves (the rest of a multipart form): client_max_body_size is
# UPLOAD_MAX_MB + 1 MB in deploy/nginx/emulation.conf.
FORM_OVERHEAD_BYTES = 1024 * 1024


# The links every page's navigation draws (base.html, the bell, the rules link): reversed once per process (and
# script prefix and language), not twenty times a request — reversing them was a tenth of the figures form's
# template time.
NAV_URLS = {
    "home_url": "home",
    "entry_url": "indicators:data_entry",
    "units_url": "campaigns:unit_list",
    "clusters_url": "campaigns:cluster_list",
    "campaigns_url": "campaigns:campaign_list",
    "initiatives_url": "campaigns:initiative_list",
    "awards_url": "awards:register",
    "dossiers_url": "awards:dossier_list",
    "meetings_url": "awards:meeting_list",
    "decisions_url": "awards:decision_list",
    "reports_url": "reports:report_list",
    "rules_url": "rules:kinds",
    "anchors_url": "signatures:anchor_list",
    "org_changes_url": "campaigns:org_change_import",
    "api_tokens_url": "api_tokens:list",
    "admin_url": "admin:index",
    "inbox_badges_url": "inbox_badges",
    "notifications_url": "notifications:list",
    "account_url": "account",
    "password_change_url": "password_change",
    "logout_url": "logout",
}
_nav_urls: dict[tuple, dict[str, str]] = {}


def nav_urls() -> dict[str, str]:
    key = (get_script_prefix(), get_urlconf(), get_language())
    found = _nav_urls.get(key)
    if found is None:
        found = _nav_urls[key] = {name: cached_reverse(view) for name, view in NAV_URLS.items()}
    return found


def portal(request):
    """The navigation: what this person's roles let them reach; and the upload limits, checked in the browser
    before a form is sent (static/js/portal.js), so a too-large file never costs the user what they typed."""
    limits = {
        "upload_max_bytes": settings.UPLOAD_MAX_BYTES,
        "request_max_bytes": settings.UPLOAD_MAX_BYTES + FORM_OVERHEAD_BYTES,
        "nav_urls": nav_urls(),
    }
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return limits
    scope = scope_for(user)
    return {
        **limits,
        "scope": scope,
        "nav_is_admin": user.is_staff and (user.is_superuser or scope.has_role(Role.QUAN_TRI)),
        # "Nhập số liệu" for those who enter a unit's figures; the cross-campaign dossier queue for the office.
        "nav_enters_figures": any(g.role in (Role.CAN_BO, Role.LANH_DAO) for g in scope.grants),
        "nav_reviews_dossiers": any(g.role == Role.VAN_PHONG for g in scope.grants),
    }
