from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q

from campaigns.models import (
    AwardForm,
    AwardQuota,
    Campaign,
    CampaignStatus,
    ContentItem,
    Criterion,
    LegalBasis,
    Milestone,
    Phase,
    ReportingPeriod,
    Responsibility,
    Sector,
    Signer,
    Unit,
)
from emulation.lib.fields import (
    IdsField,
    VietnameseFormSet,
    VietnameseInlineFormSet,
    share_choices,
    shared_foreign_keys,
)
from emulation.lib.forms import DateTextInput
from emulation.lib.uploads import validate_document

# Rows a plan section or a registration may hold: real plans have tens; a tampered TOTAL_FORMS cannot make more.
MAX_SECTION_ROWS = 300
MAX_COMMITMENTS = 100


class UnitForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label="Lý do thay đổi", max_length=255, required=False)

    class Meta:
        model = Unit
        fields = ["name", "short_name", "address", "phone", "email", "head_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", "Lưu thay đổi"))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Vui lòng nhập tên đơn vị.")
        return name


# --- Campaigns ------------------------------------------------------------------------------------------------

DATE_WIDGET = DateTextInput()


class ReasonMixin(forms.Form):
    """After launch every change needs a reason; the view decides whether the field is required."""

    reason = forms.CharField(
        label="Lý do thay đổi",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bắt buộc khi phong trào đã phát động: thay đổi được ghi vào nhật ký.",
    )

    def require_reason(self, required: bool) -> None:
        self.fields["reason"].required = required
        if required:
            self.fields["reason"].error_messages["required"] = "Phong trào đã phát động: vui lòng ghi lý do thay đổi."


GENERAL_FIELDS = [
    "owner",
    "document_type",
    "number",
    "issued_on",
    "place",
    "parent_body",
    "issuer",
    "issuer_cluster",
    "kind",
    "title",
    "theme",
    "introduction",
    "purpose",
    "requirements",
    "scope",
    "subjects_collective",
    "subjects_individual",
    "participants",
    "participant_clusters",
    "start_date",
    "end_date",
    "award_text",
    "dossier_requirements",
    "dossier_deadline",
    "organisation",
    "closing",
    "recipients",
    "signer_title",
    "signer_name",
    "report_signer",
    "semiannual_due_day",
    "semiannual_due_month",
    "annual_due_day",
    "annual_due_month",
    "signed_file",
]


class SignerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, signer: Signer) -> str:
        title = " / ".join(part.upper() for part in (signer.authority, signer.position) if part)
        since = f", ký từ {signer.valid_from:%d/%m/%Y}" if signer.valid_from else ""
        until = f" đến {signer.valid_to:%d/%m/%Y}" if signer.valid_to else ""
        return f"{signer.name} – {title}{since}{until}"


def signers_during(signers, start, end):
    """Signers whose period of signing meets the campaign's [start, end]."""
    if end:
        signers = signers.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
    if start:
        signers = signers.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    return signers


class CampaignForm(ReasonMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Campaign
        fields = GENERAL_FIELDS
        widgets = {
            "issued_on": DATE_WIDGET,
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "dossier_deadline": DATE_WIDGET,
            "theme": forms.Textarea(attrs={"rows": 2}),
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "participants": forms.SelectMultiple(attrs={"size": 8}),
            "participant_clusters": forms.SelectMultiple(attrs={"size": 4}),
        }
        field_classes = {"participants": IdsField, "participant_clusters": IdsField, "report_signer": SignerChoiceField}

    def __init__(self, *args, owners, units, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        # Who signs the 15/6 and 15/12 reports: a signer of the managing unit while the campaign runs. A new
        # campaign has no dates or owner yet: every signer of the units the user may choose, checked in clean().
        signers = Signer.objects.select_related("unit").order_by("unit__name", "-valid_from", "name")
        if self.instance.pk:
            signers = signers_during(
                signers.filter(unit=self.instance.owner), self.instance.start_date, self.instance.end_date
            )
        else:
            signers = signers.filter(unit__in=owners)
        self.fields["report_signer"].queryset = signers
        self.fields["report_signer"].empty_label = "— Người ký của đơn vị quản lý theo ngày báo cáo —"
        self.fields["participants"].queryset = units
        self.fields["participant_clusters"].queryset = clusters
        self.fields["issuer_cluster"].queryset = clusters
        for name in ("issued_on", "start_date", "end_date", "dossier_deadline"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_signed_file(self):
        upload = self.cleaned_data.get("signed_file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            validate_document(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Ngày kết thúc phải sau ngày bắt đầu.")
        deadline = cleaned.get("dossier_deadline")
        if deadline and start and deadline < start:
            self.add_error("dossier_deadline", "Hạn nộp hồ sơ phải sau ngày bắt đầu phong trào.")
        signer, owner = cleaned.get("report_signer"), cleaned.get("owner")
        if signer and owner and signer.unit_id != owner.pk:
            self.add_error("report_signer", f"{signer.name} không phải người ký văn bản của {owner.name}.")
        elif signer and start and end and not signers_during(Signer.objects.filter(pk=signer.pk), start, end):
            self.add_error(
                "report_signer",
                f"{signer.name} không ký văn bản trong thời gian phong trào ({start:%d/%m/%Y} – {end:%d/%m/%Y}).",
            )
        return cleaned


class CampaignRowFormSet(VietnameseInlineFormSet):
    """Rows of one section; dates are checked against the campaign's own dates before anything is saved."""

    def clean(self):
        super().clean()
        campaign = self.instance
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or not hasattr(form, "cleaned_data"):
                continue
            data = form.cleaned_data
            start, end = data.get("start_date"), data.get("end_date")
            if start and end and end < start:
                form.add_error("end_date", "Ngày kết thúc phải sau ngày bắt đầu.")
            for name in ("start_date", "end_date", "due_date"):
                day = data.get(name)
                if day and not campaign.start_date <= day <= campaign.end_date:
                    form.add_error(
                        name,
                        f"Ngày {day:%d/%m/%Y} nằm ngoài thời gian của phong trào "
                        f"({campaign.start_date:%d/%m/%Y} – {campaign.end_date:%d/%m/%Y}).",
                    )


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    model: type
    fields: tuple[str, ...]
    widgets: dict


SECTIONS = {
    s.slug: s
    for s in [
        Section(
            "can-cu",
            "Căn cứ ban hành",
            LegalBasis,
            ("order", "verb", "doc_type", "doc_number", "doc_date", "issuer", "title"),
            {"doc_date": DATE_WIDGET, "title": forms.Textarea(attrs={"rows": 2})},
        ),
        Section(
            "giai-doan",
            "Giai đoạn",
            Phase,
            ("order", "name", "start_date", "end_date", "description"),
            {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 2})},
        ),
        Section(
            "moc-thoi-gian",
            "Mốc thời gian",
            Milestone,
            ("kind", "name", "due_date", "period_label", "description"),
            {"due_date": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 2})},
        ),
        Section("ky-bao-cao", "Lịch báo cáo", ReportingPeriod, ("kind", "year", "due_date"), {"due_date": DATE_WIDGET}),
        Section(
            "noi-dung",
            "Nội dung thi đua",
            ContentItem,
            ("order", "sector", "heading", "body"),
            {"body": forms.Textarea(attrs={"rows": 4})},
        ),
        Section(
            "tieu-chi",
            "Tiêu chí thi đua",
            Criterion,
            ("order", "level", "text"),
            {"text": forms.Textarea(attrs={"rows": 3})},
        ),
        Section(
            "khen-thuong",
            "Hình thức và số lượng khen thưởng",
            AwardQuota,
            (
                "order",
                "award_form",
                "milestone",
                "max_collective",
                "max_individual",
                "leader_share_max",
                "rule_source",
                "note",
            ),
            {"note": forms.Textarea(attrs={"rows": 2})},
        ),
        Section(
            "to-chuc",
            "Tổ chức thực hiện",
            Responsibility,
            ("order", "party", "unit", "duties"),
            {"duties": forms.Textarea(attrs={"rows": 3})},
        ),
    ]
}


class QuotaForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("max_collective", "max_individual"):
            self.fields[name].error_messages["min_value"] = "Số lượng tối đa không được nhỏ hơn 0."

    def clean_leader_share_max(self):
        share = self.cleaned_data.get("leader_share_max")
        if share is not None and not 0 <= share <= 100:
            raise forms.ValidationError("Tỷ lệ lãnh đạo phải từ 0 đến 100 %.")
        return share


def section_formset(section: Section, *, campaign: Campaign, data=None, units=None):
    FormSet = forms.inlineformset_factory(
        Campaign,
        section.model,
        form=QuotaForm if section.model is AwardQuota else forms.ModelForm,
        formset=CampaignRowFormSet,
        fields=section.fields,
        widgets=section.widgets,
        extra=2,
        can_delete=True,
        formfield_callback=shared_foreign_keys,
        max_num=MAX_SECTION_ROWS,
        absolute_max=MAX_SECTION_ROWS,
        validate_max=True,
    )
    formset = FormSet(data, instance=campaign, prefix=section.slug)
    rows = [*formset.forms, formset.empty_form]
    if "milestone" in section.fields:
        share_choices(rows, "milestone", campaign.milestones.all())
    if "award_form" in section.fields:
        share_choices(rows, "award_form", AwardForm.objects.valid_on(campaign.start_date))
    if "unit" in section.fields:
        share_choices(rows, "unit", units if units is not None else rows[0].fields["unit"].queryset)
    for form in rows:
        for field in form.fields.values():
            if isinstance(field, forms.DateField):
                field.input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
    return formset


class SectionReasonForm(ReasonMixin):
    version = forms.IntegerField(widget=forms.HiddenInput)


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=CampaignStatus.choices)
    reason = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CopyForm(forms.Form):
    title = forms.CharField(label="Tên phong trào mới", max_length=500)
    owner = forms.ModelChoiceField(label="Đơn vị quản lý", queryset=Unit.objects.none())
    start_date = forms.DateField(label="Bắt đầu", widget=DATE_WIDGET, input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    end_date = forms.DateField(label="Kết thúc", widget=DATE_WIDGET, input_formats=["%d/%m/%Y", "%Y-%m-%d"])

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.helper = FormHelper()
        self.helper.add_input(Submit("copy", "Tạo dự thảo mới"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Ngày kết thúc phải sau ngày bắt đầu.")
        return cleaned


class FourEyesForm(forms.Form):
    """Turn the Sở's "người duyệt khác người gửi" rule on or off; off needs a reason."""

    required = forms.TypedChoiceField(
        label="Nguyên tắc người duyệt khác người gửi",
        choices=[("1", "Áp dụng (người gửi không được tự duyệt)"), ("0", "Không áp dụng")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Lý do", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("required") is False and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Vui lòng ghi lý do không áp dụng nguyên tắc người duyệt khác người gửi.")
        return cleaned


class RegistrationForm(forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị đăng ký", queryset=Unit.objects.none())
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk


class CommitmentForm(forms.Form):
    sector = forms.ModelChoiceField(label="Lĩnh vực", queryset=Sector.objects.all(), required=False)
    text = forms.CharField(label="Nội dung đăng ký", widget=forms.Textarea(attrs={"rows": 2}))
    target_value = forms.CharField(label="Chỉ tiêu phấn đấu", max_length=128, required=False)


CommitmentFormSet = forms.formset_factory(
    CommitmentForm,
    formset=VietnameseFormSet,
    extra=3,
    min_num=1,
    validate_min=True,
    max_num=MAX_COMMITMENTS,
    absolute_max=MAX_COMMITMENTS,
    validate_max=True,
)


class SignerForm(forms.Form):
    """A person who signs the unit's documents from a date (NĐ 30/2020: quyền hạn, chức vụ, họ tên)."""

    authority = forms.CharField(
        label="Quyền hạn ký",
        required=False,
        max_length=128,
        help_text="Để trống khi thủ trưởng ký; ví dụ: KT. GIÁM ĐỐC, Q. GIÁM ĐỐC, TM. ỦY BAN NHÂN DÂN.",
    )
    position = forms.CharField(label="Chức vụ", max_length=128, help_text="Ví dụ: GIÁM ĐỐC, PHÓ GIÁM ĐỐC.")
    name = forms.CharField(label="Họ và tên", max_length=128)
    valid_from = forms.DateField(label="Ký từ ngày", widget=DATE_WIDGET, input_formats=["%d/%m/%Y", "%Y-%m-%d"])

    def clean_authority(self) -> str:
        authority = " ".join(self.cleaned_data["authority"].split())
        if authority and not authority.upper().startswith(("KT.", "TM.", "Q.", "TL.", "TUQ.")):
            raise forms.ValidationError("Quyền hạn ký bắt đầu bằng KT., TM., Q., TL. hoặc TUQ. (ví dụ: KT. GIÁM ĐỐC).")
        return authority


class SignerEndForm(forms.Form):
    valid_to = forms.DateField(label="Thôi ký từ sau ngày", widget=DATE_WIDGET, input_formats=["%d/%m/%Y", "%Y-%m-%d"])
