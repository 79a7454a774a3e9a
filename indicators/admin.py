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
    list_filter = ["comparator", "applies_to"]
    search_fields = ["indicator__name", "campaign__title"]
    autocomplete_fields = ["campaign", "indicator", "unit"]


class ValueInline(admin.TabularInline):
    model = Value
    extra = 0
    fields = ["target", "numerator", "denominator", "value", "done_on", "note", "returned"]
    readonly_fields = fields
    can_delete = False


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period", "status", "is_late", "submitted_at"]
    list_filter = ["status", "is_late"]
    search_fields = ["unit__name"]
    inlines = [ValueInline]
    readonly_fields = ["version"]
