from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = "Cổng thi đua – khen thưởng"

    def ready(self) -> None:
        from emulation.lib import search

        search.install()
