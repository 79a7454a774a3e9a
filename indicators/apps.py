from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"
    verbose_name = "Chỉ tiêu"

    def ready(self) -> None:
        from campaigns.tabs import CampaignTab, register_tab

        register_tab(CampaignTab("chi-tieu", "Chỉ tiêu", "indicators:campaign_targets", order=10))
        register_tab(CampaignTab("tien-do", "Tiến độ", "indicators:campaign_progress", order=20))
