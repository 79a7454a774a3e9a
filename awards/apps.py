from django.apps import AppConfig


class AwardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self) -> None:
        from campaigns.tabs import CampaignTab, register_tab

        register_tab(CampaignTab("khen-thuong", "Khen thưởng", "awards:campaign_dossiers", order=30))
