"""`python manage.py check_figures [--campaign ID] [--period ID]` — stored figures that look corrupted.

Before the parser was fixed, "168.900" was read as 168,9 and "480.000" as 480. This lists, one line per figure,
what such slips left behind, whatever the submission's state (an approved figure is the one to fix first):
- a count, numerator or denominator that is not whole where the indicator takes whole numbers (168,9);
- a numerator or denominator below 1 where the previous period's was 1.000 or more;
- what the plausibility rule (indicators.plausibility) flags against the same unit's previous period.
It only reads; correcting a figure goes through Văn phòng Sở (mở lại / trả lại) so the change is logged.
Three queries (plus one per filter given) whatever the number of figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Campaign, ReportingPeriod
from emulation.lib.vn import format_number, format_percent
from indicators.models import Entry, Value
from indicators.plausibility import check_values

THOUSAND = Decimal(1000)


@dataclass
class Suspect:
    value: Value
    previous: Value | None
    reasons: list[str]


def shown(value: Value | None) -> str:
    """A stored figure as the office reads it: 480/1.000.000 (0,048 %), 168,9, 120 %."""
    if value is None or value.value is None:
        return "—"
    indicator = value.target.indicator
    if indicator.entry == Entry.RATE:
        return (
            f"{format_number(value.numerator)}/{format_number(value.denominator)} "
            f"({format_percent(value.value, decimals=None)})"
        )
    if indicator.is_percent:
        return format_percent(value.value, decimals=None)
    return format_number(value.value)


def _not_whole(label: str, number: Decimal) -> str:
    reason = f"{label} không phải số nguyên ({format_number(number)})"
    read_as = number * THOUSAND
    if number >= 1 and read_as == read_as.to_integral_value():
        # The old parser took a single group of thousands for decimals: "168.900" → 168,9.
        reason += f", có thể là “{format_number(read_as)}” bị đọc nhầm dấu chấm phân nhóm thành dấu thập phân"
    return reason


def _parts(value: Value) -> list[tuple[str, str, Decimal | None]]:
    """(label, field, number) of what a person typed for this figure."""
    if value.target.indicator.entry == Entry.RATE:
        return [("Tử số", "numerator", value.numerator), ("Mẫu số", "denominator", value.denominator)]
    if value.target.indicator.entry in (Entry.NUMBER, Entry.RANK):
        return [("Số liệu", "value", value.value)]
    return []


def find_suspects(queryset) -> list[Suspect]:
    suspects = []
    for item in check_values(queryset=queryset):
        value, previous = item.value, item.previous
        reasons = []
        whole = value.target.indicator.entry_decimals == 0
        for label, name, number in _parts(value):
            if number is None:
                continue
            if whole and number != number.to_integral_value():
                reasons.append(_not_whole(label, number))
            before = getattr(previous, name, None) if previous is not None else None
            if name != "value" and 0 < number < 1 and before is not None and before >= THOUSAND:
                reasons.append(f"{label} nhỏ hơn 1 ({format_number(number)}), kỳ trước là {format_number(before)}")
        reasons += item.flags
        if reasons:
            suspects.append(Suspect(value, previous, reasons))
    return suspects


class Command(BaseCommand):
    help = "Liệt kê số liệu đã lưu nghi bị sai (số lẻ ở chỉ tiêu nhận số nguyên, lệch bất thường so với kỳ trước)."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, help="chỉ xét một phong trào (ID)")
        parser.add_argument("--period", type=int, help="chỉ xét một kỳ báo cáo (ID)")

    def handle(self, *args, campaign: int | None, period: int | None, **options):
        values = Value.objects.all()
        if campaign is not None:
            if not Campaign.objects.filter(pk=campaign).exists():
                raise CommandError(f"Không có phong trào có ID {campaign}.")
            values = values.filter(submission__period__campaign_id=campaign)
        if period is not None:
            if not ReportingPeriod.objects.filter(pk=period).exists():
                raise CommandError(f"Không có kỳ báo cáo có ID {period}.")
            values = values.filter(submission__period_id=period)
        suspects = find_suspects(values)
        if not suspects:
            self.stdout.write("Không thấy số liệu nghi sai.")
            return
        for s in suspects:
            submission = s.value.submission
            self.stdout.write(
                " | ".join(
                    [
                        submission.unit.name,
                        f"{submission.period} – phong trào #{submission.period.campaign_id} "
                        f"({submission.get_status_display()}, báo cáo #{submission.pk})",
                        s.value.target.indicator.name,
                        f"lưu: {shown(s.value)}",
                        f"kỳ trước: {shown(s.previous)}",
                        "; ".join(s.reasons),
                    ]
                )
            )
        self.stdout.write(f"Tổng cộng {len(suspects)} số liệu nghi sai.")
