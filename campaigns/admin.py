from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from campaigns.models import (
    AnnualRating,
    AwardForm,
    AwardQuota,
    Campaign,
    Cluster,
    ClusterMembership,
    FourEyesRule,
    Initiative,
    LegalBasis,
    LegalDocument,
    Milestone,
    Phase,
    Prerequisite,
    RatingSheet,
    Registration,
    ReportingPeriod,
    RoleAssignment,
    Sector,
    Signer,
    Unit,
    User,
)


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin, TreeAdmin):
    form = movenodeform_factory(
        Unit,
        fields=[
            "name",
            "short_name",
            "code",
            "level",
            "province",
            "address",
            "phone",
            "email",
            "head_name",
            "valid_from",
            "valid_to",
        ],
    )
    list_display = ["name", "code", "level", "province", "valid_from", "valid_to"]
    list_filter = ["level", "province"]
    search_fields = ["name", "short_name", "code"]


class ClusterMembershipInline(admin.TabularInline):
    model = ClusterMembership
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(Cluster)
class ClusterAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "year", "organiser"]
    list_filter = ["kind", "year"]
    search_fields = ["name"]
    inlines = [ClusterMembershipInline]
    autocomplete_fields = ["organiser"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "position", "email", "is_active", "last_login"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Thông tin cá nhân", {"fields": ("full_name", "position", "email", "phone")}),
        ("Quyền", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Thời điểm", {"fields": ("last_login", "date_joined")}),
    )
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "unit", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]


@admin.register(AwardForm)
class AwardFormAdmin(SimpleHistoryAdmin):
    list_display = ["name", "target", "kind", "authority", "valid_from", "valid_to"]
    list_filter = ["target", "kind"]
    search_fields = ["name", "code", "authority"]


class _CampaignInline(admin.StackedInline):
    extra = 0


class LegalBasisInline(_CampaignInline):
    model = LegalBasis


class PhaseInline(_CampaignInline):
    model = Phase


class MilestoneInline(_CampaignInline):
    model = Milestone


class ReportingPeriodInline(admin.TabularInline):
    model = ReportingPeriod
    extra = 0


class AwardQuotaInline(_CampaignInline):
    model = AwardQuota
    autocomplete_fields = ["award_form"]


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["title", "number", "issuer", "owner", "status", "start_date", "end_date"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "number", "issuer"]
    autocomplete_fields = ["owner", "participants", "participant_clusters", "issuer_cluster"]
    inlines = [LegalBasisInline, PhaseInline, MilestoneInline, ReportingPeriodInline, AwardQuotaInline]


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["campaign", "unit", "registered_by", "registered_at"]
    autocomplete_fields = ["campaign", "unit", "registered_by"]


@admin.register(FourEyesRule)
class FourEyesRuleAdmin(SimpleHistoryAdmin):
    """Read-only here: the rule is changed on the Sở's page (campaigns:unit_four_eyes), which asks for the reason,
    records who changed it and logs it."""

    list_display = ["unit", "required", "reason", "changed_by", "changed_at"]
    list_filter = ["required"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LegalDocument)
class LegalDocumentAdmin(SimpleHistoryAdmin):
    """The texts documents cite, with the dates they are in force: an operator corrects a row or adds the next
    decree with its valid_from; documents dated before keep citing the old text (docs/documents.md)."""

    list_display = ["__str__", "topic", "issued_on", "issuer", "province", "valid_from", "valid_to"]
    list_filter = ["topic", "province"]
    search_fields = ["number", "title", "issuer"]
    raw_id_fields = ["unit"]


@admin.register(Signer)
class SignerAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "unit", "valid_from", "valid_to"]
    list_select_related = ["unit"]
    search_fields = ["name", "position", "unit__name"]
    autocomplete_fields = ["unit"]


# --- Registers of people (campaigns/people.py): corrected here by an operator; kept in the portal's pages ------


class AnnualRatingInline(admin.TabularInline):
    model = AnnualRating
    extra = 0
    fields = ["order", "full_name", "position", "rating", "person"]
    raw_id_fields = ["person"]


@admin.register(RatingSheet)
class RatingSheetAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "unit", "year", "status"]
    list_filter = ["status", "year"]
    list_select_related = ["unit"]
    search_fields = ["unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [AnnualRatingInline]


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "year", "level", "decision_number", "decision_date"]
    list_filter = ["level", "year"]
    list_select_related = ["unit"]
    search_fields = ["title", "author_names", "decision_number"]
    autocomplete_fields = ["unit"]
    filter_horizontal = ["authors"]


@admin.register(Prerequisite)
class PrerequisiteAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "valid_from", "valid_to"]
    search_fields = ["legal_basis", "note"]
