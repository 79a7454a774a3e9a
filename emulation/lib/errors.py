"""Domain errors: each carries a Vietnamese message a view can show as it is."""

import functools

from django.db import connections, router


class DomainError(Exception):
    """A rule of the domain refused the action; `message` is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleEditError(DomainError):
    """Someone else saved the same record after this form was opened."""

    def __init__(
        self,
        message: str = "Dữ liệu đã được người khác cập nhật sau khi bạn mở biểu mẫu. "
        "Vui lòng tải lại trang, xem thay đổi mới nhất rồi nhập lại.",
    ):
        super().__init__(message)


def claim_version(instance, version: int, error: DomainError | None = None) -> None:
    """Optimistic locking: move the row from `version` to the next one with one conditional UPDATE. Of two
    saves made from the same version exactly one matches a row, on every database; the other is refused
    with `error`, and what its user typed stays in the form."""
    model = type(instance)
    alias = router.db_for_write(model)
    with connections[alias].cursor() as cursor:
        # The ORM's `.filter(pk=…, version=…).update(…)`, written once per model: compiling it was a quarter of
        # the figures' save outside the database.
        cursor.execute(_claim_sql(model, alias), [version + 1, instance.pk, version])
        claimed = cursor.rowcount
    if not claimed:
        raise error or StaleEditError()


@functools.cache
def _claim_sql(model, alias: str) -> str:
    quote = connections[alias].ops.quote_name
    table, key, version = (
        quote(model._meta.db_table),
        quote(model._meta.pk.column),
        quote(model._meta.get_field("version").column),
    )
    return f"UPDATE {table} SET {version} = %s WHERE {key} = %s AND {version} = %s"  # noqa: S608 - model names
