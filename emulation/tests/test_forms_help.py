"""Forms that help: dates shown and typed dd/mm/yyyy whatever the browser's language, selects that say what to
choose instead of "---------", and errors listed in a summary that links to the fields, which show them too."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.urls import reverse
from django.utils.choices import BlankChoiceIterator

from campaigns.tests.factories import make_campaign
from emulation.lib.forms import DateTextInput, empty_choice_label


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Đơn vị", "— Chọn đơn vị —"),
        ("Đơn vị đề nghị", "— Chọn đơn vị đề nghị —"),
        ("Hội đồng TĐKT của", "— Chọn hội đồng TĐKT của —"),
        ("TĐKT", "— Chọn TĐKT —"),
        ("Đợt (mốc)", "— Chọn đợt —"),
        ("", "— Chọn —"),
        (None, "— Chọn —"),
    ],
)
def test_the_empty_choice_names_what_to_choose(label, expected):
    assert empty_choice_label(label) == expected


class _Form(forms.Form):
    day = forms.DateField(label="Ngày họp", widget=DateTextInput())
    kind = forms.ChoiceField(label="Loại", choices=[("", "---------"), ("a", "A")], required=False)
    level = forms.TypedChoiceField(
        label="Cấp", choices=BlankChoiceIterator([("so", "Sở")], [("", "---------")]), required=False
    )


def test_a_date_is_text_shown_and_read_as_dd_mm_yyyy():
    html = str(_Form(initial={"day": dt.date(2025, 2, 10)})["day"])
    assert 'type="text"' in html and 'value="10/02/2025"' in html and 'placeholder="dd/mm/yyyy"' in html
    assert _Form({"day": "10/02/2025"}).is_valid()
    form = _Form({"day": "10/02/2025"})
    form.is_valid()
    assert form.cleaned_data["day"] == dt.date(2025, 2, 10)
    assert _Form({"day": "2025-02-10"}).is_valid()  # what the browser's date picker used to send
    assert not _Form({"day": "31/02/2025"}).is_valid()


def test_a_choice_fields_dashes_become_words():
    html = str(_Form()["kind"])
    assert "---------" not in html and "— Chọn loại —" in html
    assert "— Chọn cấp —" in str(_Form()["level"])  # a model field's choices with Django's blank one


def test_no_page_form_shows_dashes(world, login):
    client = login(world.office)
    make_campaign(world.so_a)
    for url in [
        reverse("awards:meeting_create"),
        reverse("campaigns:campaign_create"),
        reverse("awards:decision_create"),
    ]:
        body = client.get(url).content.decode()
        assert "---------" not in body, url
        assert 'type="date"' not in body, url


def test_errors_are_listed_with_links_to_their_fields(world, login):
    response = login(world.office).post(
        reverse("awards:meeting_create"), {"owner": world.so_a.pk, "held_on": "31/02/2025", "members_total": "x"}
    )
    body = response.content.decode()
    assert "data-form-errors" in body
    assert '<a class="alert-link" href="#id_held_on">Ngày họp</a>' in body
    assert '<a class="alert-link" href="#id_members_total">' in body
    assert body.count("is-invalid") >= 2  # and on the fields themselves
