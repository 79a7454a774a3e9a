from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import Indicator, Submission, Target, Value


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "measure", "entry", "unit_label", "direction", "valid_from", "valid_to"]
    list_filter = ["measure", "entry", "direction", "sector"]
    search_fields = ["code", "name"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "campaign", "comparator", "value", "applies_to", "level", "unit", "year"]
    list_select_related = ["indicator", "campaign", "unit"]
    list_filter = ["comparator", "applies_to"]
    search_fields = ["indicator__name", "campaign__title"]
    autocomplete_fields = ["campaign", "indicator", "unit"]


class ValueInline(admin.TabularInline):
    model = Value
    extra = 0
    fields = ["target", "numerator", "denominator", "value", "done_on", "note", "returned"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        # Each row shows its target as "<indicator> <mức phấn đấu>": one query for all of them, not one a row.
        return super().get_queryset(request).select_related("target__indicator")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # an empty form would list every target of every campaign


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period", "status", "is_late", "submitted_at"]
    list_filter = ["status", "is_late"]
    search_fields = ["unit__name"]
    list_select_related = ["unit", "period"]
    # Ids, not <select>s of every period, unit and person: a change page of a fixed number of queries.
    raw_id_fields = ["period", "unit", "submitted_by", "reviewed_by"]
    inlines = [ValueInline]
    readonly_fields = ["version"]
