from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "emulation.api"
    label = "api"
    verbose_name = "Kết nối API (chỉ đọc) cho hệ thống báo cáo, LGSP"
