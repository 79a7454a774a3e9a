from django.apps import AppConfig


class SignaturesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "emulation.signatures"
    label = "signatures"
    verbose_name = "Chữ ký số"

    def ready(self) -> None:
        from emulation.signatures import receivers  # noqa: F401 - connects the post_save hooks on signed files
