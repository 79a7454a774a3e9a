from campaigns.models import Role
from campaigns.scope import scope_for


def portal(request):
    """The navigation: what this person's roles let them reach."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    return {
        "scope": scope,
        "nav_is_admin": user.is_staff and (user.is_superuser or scope.has_role(Role.QUAN_TRI)),
    }
