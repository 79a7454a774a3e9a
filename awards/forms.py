"""Forms of the dossier pages: they validate and normalise; the services write."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from awards.models import Dossier, DossierStatus, Meeting, MemberRole, Nominee, PriorAward, RoundKind
from campaigns.models import AwardForm, AwardTarget, Campaign, Initiative, MilestoneKind, Unit, User
from emulation.lib.forms import DateTextInput

DATE_WIDGET = DateTextInput()
DOCUMENT_ACCEPT = ".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _document_field(label: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.FileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        help_text="PDF hoặc Word (DOCX), bản đã ký. Để trống: giữ tệp đã tải lên trước đó.",
    )


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error.messages if hasattr(error, "messages") else error)
    else:
        form.add_error(None, exc.messages)


# --- The Khen thưởng tab -----------------------------------------------------------------------------------------


class QueueFilterForm(forms.Form):
    """Filters of the queue; a value that does not parse is simply ignored."""

    dot = forms.ChoiceField(label="Đợt", required=False)
    nam = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)
    trang_thai = forms.ChoiceField(label="Trạng thái", required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dot"].choices = [("", "Tất cả các đợt"), *RoundKind.choices]
        self.fields["nam"].choices = [("", "Tất cả các năm")] + [(y, str(y)) for y in years]
        self.fields["trang_thai"].choices = [("", "Mọi trạng thái"), *DossierStatus.choices]

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "round": data.get("dot") or None,
            "year": data.get("nam") or None,
            "status": data.get("trang_thai") or None,
        }


class DossierCreateForm(forms.Form):
    """Lập hồ sơ: which unit, which round (a sơ kết / tổng kết milestone of the campaign, end of year, or
    extraordinary) and the year."""

    unit = forms.ModelChoiceField(
        label="Đơn vị đề nghị", queryset=Unit.objects.none(), error_messages={"required": "Chọn đơn vị đề nghị."}
    )
    round = forms.ChoiceField(label="Đợt khen thưởng", error_messages={"required": "Chọn đợt khen thưởng."})
    year = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, campaign: Campaign, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.campaign = campaign
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        self.milestones = {
            m.pk: m
            for m in campaign.milestones.filter(kind__in=[MilestoneKind.SO_KET, MilestoneKind.TONG_KET]).order_by(
                "due_date"
            )
        }
        self.fields["round"].choices = [
            ("", "— Chọn đợt —"),
            *[(f"moc-{m.pk}", f"{m.get_kind_display()}: {m}") for m in self.milestones.values()],
            (RoundKind.NAM, RoundKind.NAM.label),
            (RoundKind.DOT_XUAT, RoundKind.DOT_XUAT.label),
        ]
        today = timezone.localdate()
        years = list(campaign.years)
        self.fields["year"].choices = [("", "Theo mốc")] + [(y, str(y)) for y in years]
        # A milestone carries its own year; the end-of-year and extraordinary rounds need one chosen.
        if not self.milestones:
            self.fields["year"].initial = today.year if today.year in years else years[-1]

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("round") or ""
        milestone = None
        if choice.startswith("moc-"):
            milestone = self.milestones.get(int(choice[4:]) if choice[4:].isdigit() else 0)
            if milestone is None:
                self.add_error("round", "Mốc sơ kết, tổng kết không thuộc phong trào này.")
                return cleaned
            cleaned["round_kind"] = milestone.kind  # MilestoneKind so_ket/tong_ket match RoundKind's values
            year = milestone.due_date.year
            if cleaned.get("year") not in (None, year):
                self.add_error("year", f"Đợt “{milestone}” thuộc năm {year}: chọn năm {year} hoặc để trống.")
            cleaned["year"] = year
        elif choice:
            cleaned["round_kind"] = choice
            if cleaned.get("year") is None:
                self.add_error("year", "Chọn năm của đợt khen thưởng.")
        cleaned["milestone"] = milestone
        return cleaned


# --- Tờ trình and Biên bản ----------------------------------------------------------------------------------------

DOSSIER_FIELDS = [
    "submission_number",
    "submission_date",
    "submission_signer",
    "minutes_date",
    "minutes_members_total",
    "minutes_members_present",
    "note",
]


class DossierForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    submission_upload = _document_field("Tờ trình đã ký")
    minutes_upload = _document_field("Biên bản họp Hội đồng TĐKT đã ký")

    class Meta:
        model = Dossier
        fields = DOSSIER_FIELDS
        widgets = {
            "submission_date": DATE_WIDGET,
            "minutes_date": DATE_WIDGET,
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"submission_number": "Ví dụ: 12/TTr-CNTT"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.fields["minutes_members_present"].help_text = "Kể cả thành viên vắng mặt có phiếu bằng văn bản."

    def clean_submission_number(self):
        return " ".join(self.cleaned_data["submission_number"].split())

    def clean(self):
        cleaned = super().clean()
        total, present = cleaned.get("minutes_members_total"), cleaned.get("minutes_members_present")
        if total is not None and present is not None and present > total:
            self.add_error("minutes_members_present", "Số thành viên có mặt không được lớn hơn tổng số thành viên.")
        return cleaned

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in DOSSIER_FIELDS}


# --- A nominee and its Mẫu 07 ----------------------------------------------------------------------------------------

PERSON_FIELDS = [
    "person",
    "birth_date",
    "gender",
    "hometown",
    "residence",
    "position",
    "work_unit",
    "education",
    "academic_title",
    "is_leader",
    "rating",
    "disciplined",
    "initiative",
]
COLLECTIVE_FIELDS = ["collective_unit", "members_total", "members_excellent", "members_good", "members_disciplined"]
REPORT_FIELDS = ["characteristics", "duties", "achievements", "measures", "summary"]
NOMINEE_FIELDS = ["kind", "award_form", "full_name", *PERSON_FIELDS, *COLLECTIVE_FIELDS, *REPORT_FIELDS]
_EMPTY = {"person": None, "birth_date": None, "collective_unit": None, "is_leader": False, "disciplined": False}


class NomineeForm(forms.ModelForm):
    report_upload = _document_field("Báo cáo thành tích (Mẫu 07) đã ký, bản quét")
    linked_initiatives = forms.ModelMultipleChoiceField(
        label="Sáng kiến đã đăng ký (sổ sáng kiến)",
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Chọn sáng kiến được công nhận của người này: điều kiện danh hiệu (Chiến sĩ thi đua) đọc từ đây. "
        "Sáng kiến chưa có trong sổ: Văn phòng Sở hoặc đơn vị thêm ở mục “Sáng kiến, xếp loại”.",
    )

    class Meta:
        model = Nominee
        fields = NOMINEE_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "birth_date": DATE_WIDGET,
            "initiative": forms.Textarea(attrs={"rows": 2}),
            "characteristics": forms.Textarea(attrs={"rows": 3}),
            "duties": forms.Textarea(attrs={"rows": 3}),
            "achievements": forms.Textarea(attrs={"rows": 5}),
            "measures": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "achievements": "Mẫu 07, mục II.2: kết quả so với chỉ tiêu, năng suất, chất lượng, hiệu quả.",
            "summary": "Bản tóm tắt thành tích kèm tờ trình (khoảng 5–10 dòng).",
            "duties": "Mẫu 07, mục II.1.",
            "characteristics": "Mẫu 07 của tập thể, mục I: chức năng, nhiệm vụ, tổ chức, cơ sở vật chất.",
        }

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.fields["kind"].choices = AwardTarget.choices
        day = dossier.milestone.due_date if dossier.milestone_id else datetime.date(dossier.year, 12, 31)
        current = self.instance.award_form_id if self.instance.pk else None
        self.fields["award_form"].queryset = AwardForm.objects.filter(
            Q(pk__in=AwardForm.objects.valid_on(day).values("pk")) | Q(pk=current)
        ).order_by("target", "order", "name")
        self.fields["person"].queryset = (
            User.objects.filter(role_assignments__unit=dossier.unit).distinct().order_by("full_name")
        )
        # The register's initiatives of the dossier's unit and the units under it, up to the round's year.
        self.fields["linked_initiatives"].queryset = Initiative.objects.filter(
            unit__path__startswith=dossier.unit.path, year__lte=dossier.year
        ).order_by("-year", "title")
        self.fields["linked_initiatives"].label_from_instance = lambda i: (
            f"{i.title} ({i.get_level_display().lower()}, {i.year}"
            + (f", QĐ {i.decision_number}" if i.decision_number else "")
            + ")"
        )
        if self.instance.pk:
            self.initial.setdefault("linked_initiatives", list(self.instance.initiatives.values_list("pk", flat=True)))
        self.fields["person"].help_text = "Chọn nếu người này có tài khoản trên cổng, để lưu vào lịch sử khen thưởng."
        self.fields["person"].empty_label = "— Không có tài khoản —"
        self.fields["award_form"].empty_label = "— Chọn hình thức —"
        self.fields["collective_unit"].empty_label = "— Chọn đơn vị —"
        self.fields["collective_unit"].queryset = Unit.objects.filter(path__startswith=dossier.unit.path).order_by(
            "path"
        )
        self.fields["full_name"].required = False
        self.fields["full_name"].help_text = "Với tập thể: để trống thì lấy tên đơn vị đã chọn."

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        name = " ".join((cleaned.get("full_name") or "").split())
        if not name and kind == AwardTarget.TAP_THE and cleaned.get("collective_unit"):
            name = cleaned["collective_unit"].name
        if not name:
            self.add_error("full_name", "Vui lòng nhập họ và tên (hoặc tên tập thể).")
        cleaned["full_name"] = name
        award_form = cleaned.get("award_form")
        if award_form and kind and award_form.target != kind:
            self.add_error(
                "award_form",
                f"“{award_form.name}” dành cho {award_form.get_target_display().lower()}, "
                f"không dành cho {AwardTarget(kind).label.lower()}.",
            )
        if kind == AwardTarget.TAP_THE:
            total = cleaned.get("members_total")
            counted = sum(cleaned.get(f) or 0 for f in ("members_excellent", "members_good"))
            if total is not None and counted > total:
                self.add_error("members_good", "Số thành viên theo xếp loại không được vượt tổng số thành viên.")
            if total is not None and (cleaned.get("members_disciplined") or 0) > total:
                self.add_error("members_disciplined", "Số bị kỷ luật không được vượt tổng số thành viên.")
        # Only the facts of the chosen kind are kept: the checks and the Mẫu 07 read them by kind.
        dropped = COLLECTIVE_FIELDS if kind == AwardTarget.CA_NHAN else PERSON_FIELDS if kind else []
        for field in dropped:
            cleaned[field] = _EMPTY.get(field, None if field.startswith("members") else "")
        return cleaned

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in NOMINEE_FIELDS}


class PriorAwardForm(forms.ModelForm):
    is_title = forms.TypedChoiceField(
        label="Loại",
        choices=[(False, "Hình thức khen thưởng"), (True, "Danh hiệu thi đua")],
        coerce=lambda value: value in (True, "True"),
        initial=False,
    )

    class Meta:
        model = PriorAward
        fields = ["is_title", "year", "name", "decision"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].min_value = 1945
        self.fields["year"].max_value = 2100
        self.fields["year"].widget.attrs.update({"min": 1945, "max": 2100})

    def has_changed(self) -> bool:
        """A blank new row is left out whatever its "Loại" says: the select always sends a value."""
        if self.instance.pk:
            return super().has_changed()
        return any((self[name].data or "").strip() for name in ("year", "name", "decision"))


PriorAwardFormSet = forms.inlineformset_factory(
    Nominee, PriorAward, form=PriorAwardForm, extra=2, can_delete=True, max_num=30, validate_max=True
)
PRIOR_PREFIX = "khen-thuong"


# --- Review ----------------------------------------------------------------------------------------------------------


class RequestChangesForm(forms.Form):
    """What Văn phòng Sở asks the unit to correct: on the dossier, its Tờ trình, its Biên bản or a nominee."""

    ho_so = forms.CharField(label="Về hồ sơ nói chung", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    to_trinh = forms.CharField(label="Về Tờ trình", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    bien_ban = forms.CharField(label="Về Biên bản", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.nominees = list(nominees)
        for nominee in self.nominees:
            self.fields[f"nguoi_{nominee.pk}"] = forms.CharField(
                label=f"Về {nominee.full_name}", required=False, widget=forms.Textarea(attrs={"rows": 1})
            )

    def nominee_fields(self):
        return [self[f"nguoi_{n.pk}"] for n in self.nominees]

    def clean(self):
        cleaned = super().clean()
        if not any((value or "").strip() for value in cleaned.values()):
            raise ValidationError("Vui lòng ghi ít nhất một nội dung cần bổ sung.")
        return cleaned

    def comments(self) -> list[dict]:
        found = [
            {"target": target, "nominee": None, "text": self.cleaned_data[target].strip()}
            for target in ("ho_so", "to_trinh", "bien_ban")
            if self.cleaned_data[target].strip()
        ]
        for nominee in self.nominees:
            text = self.cleaned_data[f"nguoi_{nominee.pk}"].strip()
            if text:
                found.append({"target": "nominee", "nominee": nominee, "text": text})
        return found


class OverrideForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reason = forms.CharField(
        label="Lý do chấp nhận ngoại lệ",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Vui lòng ghi lý do chấp nhận ngoại lệ."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Vui lòng ghi lý do chấp nhận ngoại lệ.")
        return reason


# --- The council's meeting ---------------------------------------------------------------------------------------

TIME_FORMATS = ["%H:%M", "%Hh%M", "%H giờ %M", "%H:%M:%S"]


class MeetingForm(forms.ModelForm):
    """A meeting's particulars: the Biên bản prints each of them."""

    class Meta:
        model = Meeting
        fields = [
            "owner",
            "campaign",
            "held_on",
            "started_at",
            "ended_at",
            "location",
            "minutes_number",
            "members_total",
            "members_present",
            "note",
        ]
        labels = {"owner": "Hội đồng TĐKT của"}
        widgets = {
            "held_on": DATE_WIDGET,
            "started_at": forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
            "ended_at": forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "members_total": "Ngưỡng biểu quyết tính trên tổng số thành viên hội đồng, không phải số có mặt.",
            "members_present": "Thành viên vắng mặt có thể biểu quyết bằng văn bản (ghi trong biên bản).",
            "location": "Ví dụ: Phòng họp Sở Thông tin và Truyền thông tỉnh Bình Phước",
        }

    def __init__(self, *args, owners, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["campaign"].queryset = campaigns
        if self.instance.pk:
            # The council and the campaign of a meeting stay what they were: its votes belong to them.
            self.fields["owner"].disabled = self.fields["campaign"].disabled = True
        self.fields["held_on"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        for name in ("started_at", "ended_at"):
            self.fields[name].input_formats = TIME_FORMATS
            self.fields[name].error_messages["invalid"] = "Nhập giờ dạng 08:00."
        self.fields["members_total"].widget.attrs["min"] = 1
        self.helper = _helper()

    def clean_members_total(self):
        total = self.cleaned_data["members_total"]
        if total < 1:
            raise forms.ValidationError("Hội đồng phải có ít nhất một thành viên.")
        return total

    def clean_minutes_number(self):
        return " ".join(self.cleaned_data["minutes_number"].split())

    def clean(self):
        cleaned = super().clean()
        total, present = cleaned.get("members_total"), cleaned.get("members_present")
        if total is not None and present is not None and present > total:
            self.add_error("members_present", "Số thành viên có mặt không được lớn hơn tổng số thành viên.")
        started, ended = cleaned.get("started_at"), cleaned.get("ended_at")
        if started and ended and ended <= started:
            self.add_error("ended_at", "Giờ kết thúc phải sau giờ bắt đầu.")
        return cleaned


class MeetingMemberForm(forms.Form):
    """One line of the attendance list: a blank line is ignored."""

    name = forms.CharField(label="Họ và tên", max_length=128, required=False)
    position = forms.CharField(label="Chức vụ", max_length=255, required=False)
    role = forms.ChoiceField(label="Vai trò", choices=MemberRole.choices, initial=MemberRole.THANH_VIEN)
    is_member = forms.BooleanField(label="Thành viên hội đồng", required=False, initial=True)
    present = forms.BooleanField(label="Có mặt", required=False, initial=True)
    written_vote = forms.BooleanField(label="Phiếu bằng văn bản", required=False)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_position(self):
        return " ".join(self.cleaned_data["position"].split())

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name"):
            return cleaned
        role = cleaned.get("role")
        if role in (MemberRole.CHU_TRI, MemberRole.THU_KY) and not cleaned.get("position"):
            self.add_error("position", "Nhập chức vụ của người chủ trì, thư ký (in trong biên bản).")
        if cleaned.get("present") and cleaned.get("written_vote"):
            self.add_error("written_vote", "Chỉ thành viên vắng mặt mới biểu quyết bằng văn bản.")
        if role == MemberRole.CHU_TRI and not cleaned.get("present"):
            self.add_error("present", "Người chủ trì phải có mặt.")
        return cleaned

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data or {}).get("name")


class BaseMeetingMemberFormSet(forms.BaseFormSet):
    def members(self) -> list[dict]:
        """The filled lines, in order: what the service stores (none when the list was not posted)."""
        if not self.is_bound:
            return []
        return [
            {k: form.cleaned_data[k] for k in ("name", "position", "role", "is_member", "present", "written_vote")}
            for form in self.forms
            if form.cleaned_data.get("name")
        ]


def member_formset(data=None, *, initial: list[dict] | None = None, blank_rows: int = 4) -> BaseMeetingMemberFormSet:
    """The attendance list with a few blank lines to fill (more appear after saving)."""
    initial = initial or []
    formset_class = forms.formset_factory(
        MeetingMemberForm, formset=BaseMeetingMemberFormSet, extra=blank_rows, max_num=200
    )
    if data is not None and f"{MEMBERS_PREFIX}-TOTAL_FORMS" not in data:
        data = None  # a post without the list (a client that does not send it): no list, not an error
    return formset_class(data, initial=initial, prefix=MEMBERS_PREFIX)


MEMBERS_PREFIX = "tv"
