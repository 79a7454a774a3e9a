"""What every form of the portal shares, whatever the browser's language.

- `DateTextInput`: dates shown and typed as dd/mm/yyyy. A browser's own date picker (`<input type="date">`) shows
  the date in the operating system's language — 02/10/2023 for 10 February on an English system — so dates are
  plain text, read back through DATE_INPUT_FORMATS of emulation/formats/vi (dd/mm/yyyy first, ISO still accepted).
- `PortalRenderer` (settings.FORM_RENDERER): Django's renderer whose bound fields name the empty choice of a select
  after the field — "— Chọn đơn vị —" — instead of Django's "---------", on every form without touching each one.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.choices import BlankChoiceIterator

DATE_FORMAT = "%d/%m/%Y"
DATE_PLACEHOLDER = "dd/mm/yyyy"
DJANGO_EMPTY_LABEL = "---------"


class DateTextInput(forms.DateInput):
    """A date as text, dd/mm/yyyy in and out (static/js/portal.js adds the slashes as one types)."""

    def __init__(self, attrs: dict | None = None):
        defaults = {
            "placeholder": DATE_PLACEHOLDER,
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "10",
            "data-date-input": "",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_FORMAT)


def empty_choice_label(label) -> str:
    """ "Đơn vị đề nghị" → "— Chọn đơn vị đề nghị —"; a note in brackets is left out, an acronym keeps its case."""
    text = str(label or "").split(" (")[0].strip().rstrip(":").strip()
    if not text:
        return "— Chọn —"
    first = text.split()[0]
    if not (len(first) > 1 and first[1].isupper()):
        text = text[0].lower() + text[1:]
    return f"— Chọn {text} —"


def name_empty_choice(field: forms.Field) -> None:
    """Replace Django's "---------" of a select with "— Chọn … —". `field` is the form's own copy of the field."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_EMPTY_LABEL:
            field.empty_label = empty_choice_label(field.label)
        return
    # A list, or the model field's choices with Django's blank one in front; not a callable's (read lazily).
    if isinstance(field, forms.ChoiceField) and isinstance(field.choices, (list, tuple, BlankChoiceIterator)):
        choices = list(field.choices)
        if any(text == DJANGO_EMPTY_LABEL for _, text in choices):
            label = empty_choice_label(field.label)
            field.choices = [(value, label if text == DJANGO_EMPTY_LABEL else text) for value, text in choices]


class PortalBoundField(BoundField):
    def __init__(self, form, field, name):
        name_empty_choice(field)
        super().__init__(form, field, name)


class PortalRenderer(DjangoTemplates):
    bound_field_class = PortalBoundField
