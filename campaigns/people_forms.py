"""Forms of the people registers: validate and normalise only."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from campaigns.people import Initiative
from emulation.lib.forms import DateTextInput


class InitiativeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Initiative
        fields = [
            "unit",
            "year",
            "kind",
            "title",
            "author_names",
            "decision_number",
            "decision_date",
            "decision_issuer",
            "level",
            "scope_of_effect",
            "note",
        ]
        widgets = {
            "decision_date": DateTextInput(),
            "author_names": forms.Textarea(attrs={"rows": 3}),
            "scope_of_effect": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "author_names": "Mỗi dòng một người, ghi đúng họ và tên như trong hồ sơ đề nghị khen thưởng.",
            "decision_number": "Ví dụ: 125/QĐ-STTTT",
            "decision_issuer": "Ví dụ: Giám đốc Sở Thông tin và Truyền thông",
        }

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        if self.instance.pk:
            self.fields["unit"].disabled = True
            self.fields["version"].initial = self.instance.version
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Lưu sáng kiến"))

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 1945 <= year <= 2200:
            raise forms.ValidationError("Năm công nhận không hợp lệ.")
        return year

    def clean(self):
        data = super().clean()
        day, year = data.get("decision_date"), data.get("year")
        # A year's initiatives are often recognised by a decision of the following January.
        if day and year and day.year not in (year, year + 1):
            self.add_error("year", f"Năm công nhận phải là năm của quyết định ({day.year}) hoặc năm trước đó.")
        return data


class ReturnForm(forms.Form):
    note = forms.CharField(label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
