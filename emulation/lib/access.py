"""The two answers a scoped view gives: not yours → 404 (via the selector), yours but read-only → 403."""

from django.core.exceptions import PermissionDenied

FORBIDDEN_MESSAGE = "Bạn chỉ có quyền xem, không có quyền thay đổi nội dung này."


def require(allowed: bool, message: str = FORBIDDEN_MESSAGE) -> None:
    if not allowed:
        raise PermissionDenied(message)
