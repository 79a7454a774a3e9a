from django.apps import AppConfig


class ClustersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "emulation.clusters"
    label = "clusters"
    verbose_name = "Cụm, khối thi đua: giao ước, chấm điểm, xếp hạng"
