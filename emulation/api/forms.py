from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone

from campaigns.models import Unit
from emulation.api.models import Resource
from emulation.lib.forms import DateTextInput


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Hệ thống kết nối",
        max_length=255,
        error_messages={"required": "Vui lòng nhập tên hệ thống kết nối."},
        help_text="Tên hệ thống sẽ dùng mã, ví dụ: Hệ thống báo cáo tỉnh Bình Phước (LGSP).",
    )
    unit = forms.ModelChoiceField(
        label="Phạm vi (Sở)",
        queryset=Unit.objects.none(),
        help_text="Mã chỉ đọc dữ liệu của Sở này và các đơn vị trực thuộc.",
    )
    resources = forms.MultipleChoiceField(
        label="Được đọc",
        choices=Resource.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một loại dữ liệu mà hệ thống được đọc."},
    )
    expires_on = forms.DateField(
        label="Hết hạn sau ngày",
        widget=DateTextInput(),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text="Dạng dd/mm/yyyy; tối đa 3 năm kể từ hôm nay.",
    )
    note = forms.CharField(label="Ghi chú", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("expires_on", timezone.localdate() + datetime.timedelta(days=365))
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.helper = FormHelper()
        self.helper.add_input(Submit("create", "Tạo mã truy cập"))

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Vui lòng nhập tên hệ thống kết nối.")
        return name


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Lý do thu hồi",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Vui lòng ghi lý do thu hồi."},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Vui lòng ghi lý do thu hồi.")
        return reason
