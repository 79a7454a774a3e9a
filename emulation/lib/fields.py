"""Form fields safe against tampered ids and row counts."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from emulation.lib.params import MAX_ID
from emulation.lib.vn import MAX_DECIMALS, NumberError, input_text, parse_number


class IdsField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses an id beyond the database's integers as an invalid choice.

    Django checks `pk__in=[…]` with the ids as posted; SQLite raises OverflowError (a 500) on an id above 2**63.
    Its messages are in Vietnamese (Django has none for these).
    """

    default_error_messages = {
        "invalid_list": "Danh sách lựa chọn không hợp lệ.",
        "invalid_choice": "Lựa chọn %(value)s không có trong danh sách.",
        "invalid_pk_value": "“%(pk)s” không phải là giá trị hợp lệ.",
    }

    def _check_values(self, value):
        for pk in value or ():
            try:
                number = int(str(pk).strip())
            except ValueError:
                continue  # Django's own check reports it
            if not -MAX_ID <= number <= MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class VietnameseDecimalField(forms.DecimalField):
    """A decimal typed and shown the Vietnamese way through emulation.lib.vn: "1.234,5" in, "1.234,5" out.

    Django's localized DecimalField reads "1.234" as 1,234 when thousands grouping is off; this field reads it as
    1234 like every figure of the portal, refuses "82.5" with the reason, and pre-fills exactly what it reads back.
    """

    def __init__(self, *, max_digits=None, decimal_places=None, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)
        self.localize = False

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value
        return input_text(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_number(
                value,
                decimals=MAX_DECIMALS if self.decimal_places is None else self.decimal_places,
                percent=True,
            )
        except NumberError as exc:
            raise ValidationError(exc.message, code="invalid") from None


class SharedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are fetched once and shared by every form of a formset.

    A plain ModelChoiceField queries its choices when each form renders and again for each posted value: a formset
    of N rows costs 2N queries per field, and a tampered TOTAL_FORMS turned that into thousands. After
    `share_choices`, rendering and validating any number of rows costs the one query that fetched the list; without
    it the field behaves as Django's own.
    """

    _shared: dict[str, object] | None = None

    def share(self, objects: list, choices: list[tuple]) -> None:
        self._shared = {str(obj.pk): obj for obj in objects}
        self.choices = choices

    def to_python(self, value):
        if self._shared is None:
            return super().to_python(value)
        if value in self.empty_values:
            return None
        obj = self._shared.get(str(getattr(value, "pk", value)).strip())
        if obj is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return obj


def shared_foreign_keys(db_field, **kwargs):
    """`formfield_callback` for model formsets: foreign keys become SharedModelChoiceField."""
    if db_field.many_to_one:
        return db_field.formfield(form_class=SharedModelChoiceField, **kwargs)
    return db_field.formfield(**kwargs)


def share_choices(forms_, name: str, queryset) -> None:
    """Give the field `name` of every form the same choices, from one evaluation of `queryset`."""
    objects = list(queryset)
    fields = [form.fields[name] for form in forms_ if isinstance(form.fields.get(name), SharedModelChoiceField)]
    if not fields:
        return
    label = fields[0].label_from_instance
    choices = [("", fields[0].empty_label), *((obj.pk, label(obj)) for obj in objects)]
    for field in fields:
        field.queryset = queryset  # what Django would check against; kept for anything that reads it
        field.share(objects, choices if field.empty_label is not None else choices[1:])


class VietnameseFormSetMixin:
    """Formset-level errors in Vietnamese (Django has no Vietnamese text for them)."""

    default_error_messages = {
        "missing_management_form": "Biểu mẫu thiếu dữ liệu quản lý (%(field_names)s). Vui lòng tải lại trang.",
        "too_many_forms": "Chỉ gửi được tối đa %(num)d dòng mỗi lần.",
        "too_few_forms": "Cần ít nhất %(num)d dòng.",
    }


class VietnameseFormSet(VietnameseFormSetMixin, forms.BaseFormSet):
    pass


class VietnameseInlineFormSet(VietnameseFormSetMixin, forms.BaseInlineFormSet):
    pass
