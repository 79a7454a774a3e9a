from django.apps import AppConfig


class RulesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "emulation.rules"
    label = "rules"
    verbose_name = "Danh mục và quy định có thời hạn hiệu lực"
