from __future__ import annotations

from django import forms

from emulation.notifications.models import EmailChoice, Kind


class PreferencesForm(forms.Form):
    """One choice per kind of notification the person can receive (the page groups them)."""

    def __init__(self, *args, groups: list[tuple[str, list[str]]], initial_choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups
        for _title, kinds in groups:
            for kind in kinds:
                self.fields[kind] = forms.ChoiceField(
                    label=Kind(kind).label,
                    choices=EmailChoice.choices,
                    initial=initial_choices[kind],
                    required=False,  # a kind left out keeps its choice
                    widget=forms.Select(attrs={"class": "form-select"}),
                )

    def choices(self) -> dict[str, str]:
        return {kind: value for kind, value in self.cleaned_data.items() if value}

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[kind] for kind in kinds]) for title, kinds in self.groups]
