from django.contrib import admin

from emulation.rules.models import RuleChange


@admin.register(RuleChange)
class RuleChangeAdmin(admin.ModelAdmin):
    """The log is written by emulation.rules.services only: operators read it here, never edit it."""

    list_display = ["at", "kind", "action", "summary", "user", "reason"]
    list_filter = ["kind", "action"]
    search_fields = ["summary", "reason", "legal_basis"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
