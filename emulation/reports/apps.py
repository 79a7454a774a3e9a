from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "emulation.reports"
    label = "reports"
    verbose_name = "Báo cáo 15/6 và 15/12"

    def ready(self) -> None:
        from campaigns.tabs import CampaignTab, register_tab
        from emulation.reports import checks  # noqa: F401 - registers the start-up check

        register_tab(CampaignTab("bao-cao", "Báo cáo", "reports:campaign_reports", order=40))
