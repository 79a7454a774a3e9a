"""Tabs of the campaign page that other apps serve (Chỉ tiêu, Khen thưởng, Báo cáo).

`campaigns` never imports from the apps to its right: they register here from their AppConfig.ready(), and the
campaign page links to the URL each one serves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class CampaignTab:
    slug: str
    title: str
    url_name: str  # takes the campaign's pk as `pk`
    order: int = 100

    def url(self, campaign) -> str:
        return reverse(self.url_name, kwargs={"pk": campaign.pk})


_TABS: dict[str, CampaignTab] = {}


def register_tab(tab: CampaignTab) -> None:
    _TABS[tab.slug] = tab


def campaign_tabs() -> list[CampaignTab]:
    return sorted(_TABS.values(), key=lambda tab: (tab.order, tab.title))


def campaign_tab_links(campaign) -> list[dict[str, str]]:
    return [{"slug": tab.slug, "title": tab.title, "url": tab.url(campaign)} for tab in campaign_tabs()]
