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
    with `error`, and what its user typed stays in the form. A version the column cannot hold (a forged or
    mangled form) matches no row, as the ORM's own lookup answers, rather than an error from the database."""
    model = type(instance)
    alias = router.db_for_write(model)
    sql, low, high = _claim_sql(model, alias)
    claimed = 0
    if low <= version and version + 1 <= high:
        with connections[alias].cursor() as cursor:
            # The ORM's `.filter(pk=…, version=…).update(…)`, written once per model: compiling it was a quarter
            # of the figures' save outside the database.
            cursor.execute(sql, [version + 1, instance.pk, version])
            claimed = cursor.rowcount
    if not claimed:
        raise error or StaleEditError()


@functools.cache
def _claim_sql(model, alias: str) -> tuple[str, int, int]:
    """The conditional UPDATE of `model`'s version, and the range of values its version column holds."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    field = model._meta.get_field("version")
    table, key, version = quote(model._meta.db_table), quote(model._meta.pk.column), quote(field.column)
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    sql = f"UPDATE {table} SET {version} = %s WHERE {key} = %s AND {version} = %s"  # noqa: S608 - model names
    return sql, low, high
