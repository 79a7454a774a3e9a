"""The forms of the rule pages: one ModelForm per kind, built from the registry's field list. Forms validate only."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from emulation.lib.fields import VietnameseDecimalField
from emulation.lib.forms import DateTextInput
from emulation.rules.access import RuleAccess
from emulation.rules.registry import PROVINCE, UNIT, Kind, signer_units

NATIONAL_LABEL = "Toàn quốc (mọi tỉnh)"


# Django %-formats a validator's message with its params: "%%" is how it shows "%".
PERCENT_MESSAGE = "Tỷ lệ phải từ 0 đến 100 %%."


def _formfield(db_field: models.Field, **kwargs):
    if isinstance(db_field, models.DecimalField):
        field = db_field.formfield(form_class=VietnameseDecimalField, **kwargs)
        if "percent" in db_field.name:
            # Checked here, before the model's constraint: the constraints' messages contain a bare "%" that
            # Django's %-formatting of violation messages chokes on (a 500), so a bad percentage must never reach it.
            field.validators += [
                MinValueValidator(0, message=PERCENT_MESSAGE),
                MaxValueValidator(100, message=PERCENT_MESSAGE),
            ]
        return field
    if isinstance(db_field, models.DateField):
        return db_field.formfield(widget=DateTextInput(), **kwargs)
    if isinstance(db_field, models.TextField):
        return db_field.formfield(widget=forms.Textarea(attrs={"rows": 2}), **kwargs)
    return db_field.formfield(**kwargs)


class ChangeFields(forms.Form):
    """Why, and on what basis: asked of every change."""

    reason = forms.CharField(
        label="Lý do thay đổi",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bắt buộc; được ghi vào nhật ký cùng tên người thay đổi.",
        error_messages={"required": "Vui lòng ghi lý do thay đổi."},
    )
    basis = forms.CharField(
        label="Căn cứ của thay đổi",
        max_length=255,
        required=False,
        help_text="Văn bản quy định (loại, số, ngày, cơ quan ban hành), nếu có.",
    )

    def clean_reason(self) -> str:
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError("Vui lòng ghi lý do thay đổi.")
        return reason


class RuleFormBase(forms.ModelForm, ChangeFields):
    def __init__(self, *args, kind: Kind, access: RuleAccess, user, locked: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["valid_from"].required = True
        if kind.legal_basis_field:
            del self.fields["basis"]  # the row's own "Căn cứ" is the basis
        if kind.owner == PROVINCE:
            choices = [(p, p or NATIONAL_LABEL) for p in access.province_choices()]
            current = self.initial.get("province")
            if current is not None and current not in dict(choices):
                choices.append((current, current or NATIONAL_LABEL))
            self.fields["province"] = forms.ChoiceField(label="Tỉnh", choices=choices)
        if kind.owner == UNIT:
            self.fields["unit"].queryset = signer_units(user).order_by("path")
        elif "unit" in self.fields and not access.national:
            self.fields["unit"].queryset = self.fields["unit"].queryset.filter(access.scope.managed())
        for name in locked:
            self.fields[name].disabled = True

    def _post_clean(self) -> None:
        # The model's own clean() (no overlap with other versions, rules across fields) runs in the service, which
        # when replacing sees the old version ended first; the form checks the fields and the constraints.
        self.instance.clean = lambda: None
        try:
            super()._post_clean()
        finally:
            del self.instance.clean


def rule_form_class(kind: Kind) -> type[RuleFormBase]:
    return forms.modelform_factory(
        kind.model,
        form=RuleFormBase,
        fields=[*kind.fields, "valid_from", "valid_to"],
        formfield_callback=_formfield,
    )


class EndForm(ChangeFields):
    valid_to = forms.DateField(
        label="Hiệu lực đến hết ngày", widget=DateTextInput(), help_text="Ngày cuối cùng quy định này còn áp dụng."
    )
    field_order = ["valid_to", "reason", "basis"]

    def __init__(self, *args, kind: Kind, **kwargs):
        super().__init__(*args, **kwargs)
        if kind.legal_basis_field:
            self.fields["basis"].help_text = "Văn bản làm quy định này hết hiệu lực, nếu có."


class DeleteForm(ChangeFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["basis"]
        self.fields["reason"].help_text = "Ví dụ: nhập nhầm. Chỉ xóa được dòng chưa được sử dụng."
