"""Domain errors: each carries a Vietnamese message a view can show as it is."""


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
    if not type(instance).objects.filter(pk=instance.pk, version=version).update(version=version + 1):
        raise error or StaleEditError()
