"""A campaign's plan as an administrative document (Kế hoạch, Nghị định 30/2020/NĐ-CP layout), as PDF."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from campaigns.models import Campaign, ContentItem, Criterion, CriterionLevel, Sector
from campaigns.selectors import campaign_plan
from emulation.lib.pdf import render_pdf


@dataclass
class ContentGroup:
    sector: Sector | None
    items: list[ContentItem] = field(default_factory=list)


@dataclass
class CriterionGroup:
    label: str
    criteria: list[Criterion] = field(default_factory=list)


def plan_for_document(campaign: Campaign) -> Campaign:
    """The campaign again, with every section the document shows loaded in a fixed number of queries."""
    return campaign_plan(campaign=campaign)


def content_groups(campaign: Campaign) -> list[ContentGroup]:
    """Nội dung thi đua by lĩnh vực; items without one come first, under no heading."""
    groups: list[ContentGroup] = []
    for item in sorted(campaign.content_items.all(), key=lambda item: item.sector is not None):
        if not groups or groups[-1].sector != item.sector:
            groups.append(ContentGroup(item.sector))
        groups[-1].items.append(item)
    return groups


def criterion_groups(campaign: Campaign) -> list[CriterionGroup]:
    """Tiêu chí by level, in the order of the levels (chung, sở, huyện, xã, doanh nghiệp, cá nhân)."""
    by_level: dict[str, CriterionGroup] = {level: CriterionGroup(label) for level, label in CriterionLevel.choices}
    for criterion in campaign.criteria.all():
        by_level.setdefault(criterion.level, CriterionGroup(criterion.get_level_display())).criteria.append(criterion)
    return [group for group in by_level.values() if group.criteria]


def render_plan_html(campaign: Campaign) -> str:
    plan = plan_for_document(campaign)
    context = {
        "campaign": plan,
        "content_groups": content_groups(plan),
        "criterion_groups": criterion_groups(plan),
    }
    return render_to_string("campaigns/plan_pdf.html", context)


def render_plan_pdf(campaign: Campaign) -> bytes:
    """The plan as a PDF document. Pure: no request, no task; the caller stores or sends the bytes."""
    return render_pdf(render_plan_html(campaign))
