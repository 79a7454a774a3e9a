from django import forms

from campaigns.models import Unit
from emulation.lib.fields import (
    SharedModelChoiceField,
    VietnameseDecimalField,
    VietnameseInlineFormSet,
    share_choices,
)
from emulation.lib.forms import DateTextInput
from indicators.models import Indicator, Target

# Rows one targets form may hold (indicators × levels or units): a tampered TOTAL_FORMS cannot make more.
MAX_TARGET_ROWS = 500


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = [
            "order",
            "indicator",
            "comparator",
            "value",
            "value_max",
            "due_on",
            "baseline",
            "applies_to",
            "level",
            "unit",
            "year",
            "note",
        ]
        widgets = {"due_on": DateTextInput()}
        field_classes = {
            "indicator": SharedModelChoiceField,
            "unit": SharedModelChoiceField,
            # Typed and shown as every figure of the portal is: "1.234,5" (emulation.lib.vn).
            "value": VietnameseDecimalField,
            "value_max": VietnameseDecimalField,
            "baseline": VietnameseDecimalField,
        }

    def clean(self):
        cleaned = super().clean()
        comparator = cleaned.get("comparator")
        if comparator == "range":
            low, high = cleaned.get("value"), cleaned.get("value_max")
            if low is None or high is None:
                self.add_error("value_max", "Khoảng giá trị cần cả giá trị tối thiểu và tối đa.")
            elif high < low:
                self.add_error("value_max", "Giá trị tối đa phải lớn hơn hoặc bằng giá trị tối thiểu.")
        elif comparator == "done_by":
            if not cleaned.get("due_on"):
                self.add_error("due_on", "Nhập hạn hoàn thành của nhiệm vụ.")
        elif comparator == "improve" and cleaned.get("baseline") is not None:
            baseline = cleaned["baseline"]
            if baseline < 1 or baseline != baseline.to_integral_value():
                self.add_error("baseline", "Thứ hạng mốc là số nguyên từ 1 trở lên.")
        elif cleaned.get("value") is None and comparator:
            self.add_error("value", "Vui lòng nhập giá trị của chỉ tiêu.")
        applies = cleaned.get("applies_to")
        if applies == "level" and not cleaned.get("level"):
            self.add_error("level", "Chọn cấp áp dụng.")
        if applies == "unit" and not cleaned.get("unit"):
            self.add_error("unit", "Chọn đơn vị áp dụng.")
        return cleaned


def target_formset(*, campaign, data=None, units=None):
    from campaigns.models import Campaign

    FormSet = forms.inlineformset_factory(
        Campaign,
        Target,
        form=TargetForm,
        formset=VietnameseInlineFormSet,
        extra=3,
        can_delete=True,
        max_num=MAX_TARGET_ROWS,
        absolute_max=MAX_TARGET_ROWS,
        validate_max=True,
    )
    targets = Target.objects.select_related("indicator", "unit")
    formset = FormSet(data, instance=campaign, prefix="chi-tieu", queryset=targets)
    rows = [*formset.forms, formset.empty_form]
    share_choices(rows, "indicator", Indicator.objects.valid_on(campaign.start_date).order_by("order", "code"))
    share_choices(rows, "unit", units if units is not None else Unit.objects.none())
    return formset


class ExcelUploadForm(forms.Form):
    # An empty file reaches the parser, which says "Tệp rỗng" rather than "choose a file".
    file = forms.FileField(
        label="Tệp Excel đã điền",
        allow_empty_file=True,
        error_messages={"required": "Chọn tệp Excel để tải lên."},
    )
