"""Forms of a cluster's year: validate and normalise only (points through the Vietnamese number parser)."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from campaigns.models import ClusterRole, Unit
from emulation.lib.forms import DateTextInput
from emulation.lib.vn import NumberError, input_text, parse_number

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
POINT_DECIMALS = 2


def parse_points(raw: str) -> Decimal | None:
    try:
        return parse_number(raw, decimals=POINT_DECIMALS)
    except NumberError as exc:
        raise forms.ValidationError(exc.message) from exc


class PointsField(forms.CharField):
    """Points typed the Vietnamese way ("7,5"); pre-filled with exactly what the parser reads back."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={**TEXT, "inputmode": "decimal", "size": "6"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return input_text(value) if isinstance(value, Decimal) else value

    def clean(self, value):
        return parse_points(super().clean(value) or "")


class MembersForm(forms.Form):
    """Roles of the year, members to drop or add, and the organiser's decision."""

    number = forms.CharField(
        label="Số, ký hiệu quyết định", required=False, max_length=64, widget=forms.TextInput(TEXT)
    )
    issued_on = forms.DateField(label="Ngày ban hành", required=False, widget=DateTextInput(TEXT))
    issuer = forms.CharField(label="Cơ quan ban hành", required=False, max_length=255, widget=forms.TextInput(TEXT))
    add = forms.ModelMultipleChoiceField(
        label="Thêm thành viên",
        required=False,
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={**SELECT, "size": "6"}),
    )

    def __init__(self, *args, memberships, candidates, role_labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = list(memberships)
        self.fields["add"].queryset = candidates
        for m in self.memberships:
            self.fields[f"role_{m.unit_id}"] = forms.ChoiceField(
                label=m.unit.name,
                choices=list(role_labels.items()) if role_labels else ClusterRole.choices,
                initial=m.role,
                widget=forms.Select(SELECT),
            )
            self.fields[f"remove_{m.unit_id}"] = forms.BooleanField(label="Bỏ khỏi cụm", required=False)

    def rows(self):
        return [(m, self[f"role_{m.unit_id}"], self[f"remove_{m.unit_id}"]) for m in self.memberships]

    def clean(self):
        data = super().clean()
        roles = {
            m.unit_id: data.get(f"role_{m.unit_id}") for m in self.memberships if not data.get(f"remove_{m.unit_id}")
        }
        if list(roles.values()).count(ClusterRole.TRUONG) > 1:
            raise forms.ValidationError("Mỗi cụm chỉ có một Cụm trưởng trong năm.")
        data["roles"] = roles
        data["remove"] = [m.unit_id for m in self.memberships if data.get(f"remove_{m.unit_id}")]
        return data


class PledgeForm(forms.Form):
    title = forms.CharField(label="Tên giao ước", max_length=500, widget=forms.TextInput(TEXT))
    contents = forms.CharField(label="Nội dung giao ước", widget=forms.Textarea({**TEXT, "rows": 8}))
    targets = forms.CharField(
        label="Chỉ tiêu chung cho mọi thành viên (mỗi dòng một chỉ tiêu)",
        required=False,
        widget=forms.Textarea({**TEXT, "rows": 5}),
    )

    def clean_targets(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["targets"].splitlines() if line.strip()]


PDF_ACCEPT = ".pdf,application/pdf"


class SignForm(forms.Form):
    file = forms.FileField(
        label="Bản giao ước đã ký (PDF)", widget=forms.ClearableFileInput(attrs={**TEXT, "accept": PDF_ACCEPT})
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(label="Tệp minh chứng", widget=forms.ClearableFileInput(attrs=TEXT))


class SelfScoreForm(forms.Form):
    """One points field and one explanation per criterion the member scores itself (automatic ones are computed)."""

    def __init__(self, *args, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.scores = list(scores)
        for score in self.scores:
            if score.kind != "tu_dong":
                self.fields[f"p_{score.pk}"] = PointsField(label=score.criterion.code, initial=score.self_points)
            self.fields[f"e_{score.pk}"] = forms.CharField(
                label="Giải trình",
                required=False,
                initial=score.explanation,
                widget=forms.Textarea({**TEXT, "rows": 2}),
            )

    def entries(self):
        from emulation.clusters.services import SelfEntry

        return [
            SelfEntry(
                score_id=s.pk,
                points=self.cleaned_data.get(f"p_{s.pk}") if s.kind != "tu_dong" else s.points,
                explanation=self.cleaned_data.get(f"e_{s.pk}", "").strip(),
            )
            for s in self.scores
        ]


class AdjustForm(forms.Form):
    points = PointsField(label="Điểm sau chấm chéo", required=True)
    comment = forms.CharField(
        label="Nhận xét",
        widget=forms.Textarea({**TEXT, "rows": 2, "placeholder": "Bắt buộc khi điều chỉnh"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_points(self):
        value = self.cleaned_data["points"]
        if value is None:
            raise forms.ValidationError("Nhập điểm.")
        return value


class MeetingForm(forms.Form):
    meeting_date = forms.DateField(label="Ngày họp", widget=DateTextInput(TEXT))
    meeting_place = forms.CharField(label="Địa điểm", max_length=255, widget=forms.TextInput(TEXT))
    meeting_present = forms.CharField(
        label="Thành phần dự họp (mỗi dòng một đơn vị, người dự)", widget=forms.Textarea({**TEXT, "rows": 4})
    )
    meeting_secretary = forms.CharField(label="Thư ký hội nghị", max_length=128, widget=forms.TextInput(TEXT))
    meeting_number = forms.CharField(label="Số biên bản", max_length=32, required=False, widget=forms.TextInput(TEXT))


class TieForm(forms.Form):
    """The meeting's order among tied members: a position per member (1 first)."""

    def __init__(self, *args, tied, **kwargs):
        super().__init__(*args, **kwargs)
        self.tied = list(tied)
        for r in self.tied:
            self.fields[f"u_{r.total.unit_id}"] = forms.IntegerField(
                label=r.total.name, min_value=1, max_value=len(self.tied), widget=forms.NumberInput(TEXT)
            )

    def clean(self):
        data = super().clean()
        positions = {r.total.unit_id: data.get(f"u_{r.total.unit_id}") for r in self.tied}
        if None not in positions.values() and len(set(positions.values())) != len(positions):
            raise forms.ValidationError("Mỗi đơn vị một thứ tự khác nhau.")
        data["positions"] = positions
        return data
