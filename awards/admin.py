"""Admin for the award rules an administrator keeps (vote rules, standards) and a read-mostly view of the work done
through the portal (dossiers, meetings, decisions, the register), with their change history.

The flow itself (sending, review, votes, decisions) goes through the portal's services: here the flow fields are
read-only so that the admin cannot put a dossier in a state its checks never passed.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from awards.models import (
    AwardAmount,
    AwardPath,
    AwardRecord,
    AwardStandard,
    BaseSalary,
    Decision,
    Dossier,
    LeaderShareRule,
    Meeting,
    MeetingMember,
    Nominee,
    Vote,
    VoteRule,
)


@admin.register(VoteRule)
class VoteRuleAdmin(SimpleHistoryAdmin):
    list_display = ["award_form", "threshold_percent", "counted_on_total", "secret_ballot", "valid_from", "valid_to"]
    list_filter = ["secret_ballot", "counted_on_total", "award_form__target"]
    search_fields = ["award_form__name", "award_form__code", "legal_basis"]
    autocomplete_fields = ["award_form"]


@admin.register(AwardPath)
class AwardPathAdmin(SimpleHistoryAdmin):
    list_display = ["award_form", "province", "council", "conferrer", "forwarded", "valid_from", "valid_to"]
    list_filter = ["council", "conferrer", "forwarded", "province"]
    search_fields = ["award_form__name", "award_form__code", "legal_basis", "note"]
    autocomplete_fields = ["award_form"]


@admin.register(LeaderShareRule)
class LeaderShareRuleAdmin(SimpleHistoryAdmin):
    list_display = ["award_form", "province", "max_percent", "valid_from", "valid_to"]
    list_filter = ["province"]
    search_fields = ["award_form__name", "legal_basis"]
    autocomplete_fields = ["award_form"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(SimpleHistoryAdmin):
    list_display = ["amount", "valid_from", "valid_to", "legal_basis"]


@admin.register(AwardAmount)
class AwardAmountAdmin(SimpleHistoryAdmin):
    list_display = ["award_form", "coefficient", "round_to", "valid_from", "valid_to"]
    search_fields = ["award_form__name", "award_form__code", "legal_basis"]
    autocomplete_fields = ["award_form"]


@admin.register(AwardStandard)
class AwardStandardAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "target", "campaign", "min_rating", "targets_achieved_percent", "valid_from", "valid_to"]
    list_filter = ["target", "min_rating"]
    search_fields = ["award_form__name", "award_form__code", "campaign__title", "legal_basis"]
    autocomplete_fields = ["award_form", "campaign"]
    fieldsets = [
        (None, {"fields": ["target", "award_form", "campaign", "legal_basis", "valid_from", "valid_to"]}),
        ("Cá nhân", {"fields": ["min_rating", "initiative_alternative"]}),
        ("Tập thể", {"fields": ["targets_achieved_percent", "members_all_good", "members_excellent_min"]}),
        ("Chung", {"fields": ["no_discipline"]}),
    ]


class NomineeInline(admin.TabularInline):
    model = Nominee
    extra = 0
    can_delete = False
    fields = ["full_name", "kind", "award_form", "position", "work_unit", "rating", "is_leader", "disciplined"]
    readonly_fields = fields
    show_change_link = False

    def get_queryset(self, request):
        # The award form of every nominee in one query, not one a row.
        return super().get_queryset(request).select_related("award_form")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Dossier)
class DossierAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "campaign", "unit", "round_kind", "year", "status", "submitted_at"]
    list_select_related = ["campaign", "unit"]
    list_filter = ["status", "round_kind", "year"]
    search_fields = ["unit__name", "campaign__title", "submission_number", "nominees__full_name"]
    readonly_fields = [
        "campaign",
        "unit",
        "round_kind",
        "milestone",
        "year",
        "status",
        "submission_number",
        "submission_date",
        "submission_signer",
        "submission_file",
        "minutes_date",
        "minutes_members_total",
        "minutes_members_present",
        "minutes_file",
        "submitted_at",
        "submitted_by",
        "status_changed_at",
        "review_round",
        "version",
        "created_at",
    ]
    exclude = ["submission_file_name", "minutes_file_name"]
    inlines = [NomineeInline]

    def has_add_permission(self, request) -> bool:
        return False


class VoteInline(admin.TabularInline):
    model = Vote
    extra = 0
    can_delete = False
    fields = [
        "nominee",
        "secret_ballot",
        "ballots_issued",
        "ballots_returned",
        "ballots_valid",
        "votes_for",
        "votes_against",
        "threshold_percent",
        "passed",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("nominee")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class MeetingMemberInline(admin.TabularInline):
    """Attendance as the Biên bản prints it; corrected here by an operator, entered by Văn phòng on the meeting."""

    model = MeetingMember
    extra = 0
    fields = ["order", "name", "position", "role", "is_member", "present", "written_vote"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "owner", "campaign", "held_on", "members_total", "members_present"]
    list_filter = ["held_on"]
    search_fields = ["campaign__title", "owner__name", "chair"]
    autocomplete_fields = ["owner", "campaign"]
    date_hierarchy = "held_on"
    inlines = [MeetingMemberInline, VoteInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "kind", "signed_on", "signer", "signer_position", "issuer", "owner", "higher_number"]
    list_filter = ["kind", "signed_on"]
    search_fields = ["number", "issuer", "signer", "higher_number", "nominees__full_name"]
    autocomplete_fields = ["owner"]
    raw_id_fields = ["signer_ref"]
    # The awardees and the register rows come from the service; only the document's own facts are corrected here.
    readonly_fields = ["nominees", "created_by", "created_at"]
    date_hierarchy = "signed_on"


@admin.register(AwardRecord)
class AwardRecordAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "award_form", "unit", "year", "decision_number", "decision_date"]
    list_filter = ["year", "kind", "award_form", "decision_issuer"]
    search_fields = ["name", "decision_number", "unit__name", "campaign__title"]
    autocomplete_fields = ["unit", "award_form", "campaign", "person"]
    readonly_fields = ["nominee", "decision"]
    date_hierarchy = "decision_date"
