from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "emulation.notifications"
    label = "notifications"
    verbose_name = "Thông báo"

    def ready(self) -> None:
        from emulation.notifications import receivers  # noqa: F401 - connects the post_save hooks
