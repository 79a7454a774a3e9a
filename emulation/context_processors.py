from django.conf import settings

from campaigns.models import Role
from campaigns.scope import scope_for

# What nginx accepts on top of the files themselves (the rest of a multipart form): client_max_body_size is
# UPLOAD_MAX_MB + 1 MB in deploy/nginx/emulation.conf.
FORM_OVERHEAD_BYTES = 1024 * 1024


def portal(request):
    """The navigation: what this person's roles let them reach; and the upload limits, checked in the browser
    before a form is sent (static/js/portal.js), so a too-large file never costs the user what they typed."""
    limits = {
        "upload_max_bytes": settings.UPLOAD_MAX_BYTES,
        "request_max_bytes": settings.UPLOAD_MAX_BYTES + FORM_OVERHEAD_BYTES,
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
