"""The award register: accent-insensitive search, filters, a fixed number of queries, the Excel export (same
rows, formula-like names kept as text), a person's and a unit's history, and province B kept out."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from awards.excel import REGISTER_HEADERS, render_register_xlsx
from awards.models import AwardRecord, Decision, Dossier, Nominee
from campaigns.models import AwardForm
from campaigns.tests.factories import UserFactory, make_campaign

_numbers = itertools.count(1)


def _award_form(name: str, target: str = "ca_nhan") -> AwardForm:
    return AwardForm.objects.create(
        code=f"ht-{next(_numbers)}", name=name, kind="hinh_thuc", target=target, authority="Giám đốc Sở"
    )


def _record(
    world,
    name: str,
    *,
    form: AwardForm,
    campaign,
    unit=None,
    year: int = 2024,
    day: dt.date | None = None,
    person=None,
    kind: str = "ca_nhan",
) -> AwardRecord:
    """A conferred award as the services leave it: dossier, nominee, decision, register row."""
    unit = unit or world.phong_a
    owner = world.so_b if unit.path.startswith(world.so_b.path) else world.so_a
    dossier = Dossier.objects.create(campaign=campaign, unit=unit, round_kind="nam", year=year, status="da_quyet_dinh")
    nominee = Nominee.objects.create(dossier=dossier, kind=kind, award_form=form, full_name=name, person=person)
    number = f"{next(_numbers):02d}/QĐ-STTTT"
    day = day or dt.date(year + 1, 1, 15)
    decision = Decision.objects.create(
        owner=owner,
        kind="quyet_dinh",
        number=number,
        signed_on=day,
        signer="Giám đốc",
        issuer=f"Sở TT&TT {owner.name}",
        created_by=world.office,
    )
    decision.nominees.add(nominee)
    return AwardRecord.objects.create(
        nominee=nominee,
        decision=decision,
        person=person,
        unit=unit,
        award_form=form,
        campaign=campaign,
        name=name,
        kind=kind,
        year=year,
        decision_number=number,
        decision_date=day,
        decision_issuer=decision.issuer,
    )


@pytest.fixture
def data(world):
    """Province A: three people and a collective over two years and two campaigns; province B: one person."""
    giay_khen = _award_form("Giấy khen của Giám đốc Sở")
    cstd = _award_form("Chiến sĩ thi đua cơ sở")
    tap_the = _award_form("Tập thể lao động tiên tiến", target="tap_the")
    c2023 = make_campaign(world.so_a, title="Thi đua chuyển đổi số 2023", start_date=dt.date(2023, 1, 1))
    c2024 = make_campaign(world.so_a, title="Thi đua năm 2024", start_date=dt.date(2024, 1, 1))
    cb = make_campaign(world.so_b, title="Phong trào tỉnh B")
    records = {
        "an": _record(world, "Nguyễn Văn An", form=giay_khen, campaign=c2023, year=2023, person=world.staff),
        "an2": _record(world, "Nguyễn Văn An", form=cstd, campaign=c2024, year=2024, person=world.staff),
        "binh": _record(world, "Trần Thị Bình", form=giay_khen, campaign=c2024, unit=world.phong_a2, year=2024),
        "phong": _record(
            world, "Phòng CNTT tỉnh A", form=tap_the, campaign=c2024, year=2024, kind="tap_the", day=dt.date(2025, 2, 1)
        ),
        "b": _record(world, "Nguyễn Văn Bắc", form=giay_khen, campaign=cb, unit=world.phong_b, year=2024),
    }
    return {"forms": (giay_khen, cstd, tap_the), "campaigns": (c2023, c2024, cb), "records": records}


def _names(response) -> list[str]:
    return [r.name for r in response.context["page"].object_list]


@pytest.mark.parametrize("query", ["nguyen van", "NGUYỄN văn", "van an", "  nguyen   an "])
def test_search_ignores_accents_and_case(world, data, login, query):
    response = login(world.office).get(reverse("awards:register"), {"q": query})
    assert _names(response) == ["Nguyễn Văn An", "Nguyễn Văn An"]
    assert "Nguyễn Văn An" in response.content.decode()


def test_search_for_d_with_stroke(world, data, login):
    assert _names(login(world.office).get(reverse("awards:register"), {"q": "binh"})) == ["Trần Thị Bình"]
    assert _names(login(world.office_b).get(reverse("awards:register"), {"q": "bac"})) == ["Nguyễn Văn Bắc"]


@pytest.mark.parametrize(
    ("param", "value", "expected"),
    [
        ("don_vi", lambda w, d: w.phong_a2.pk, ["Trần Thị Bình"]),
        ("hinh_thuc", lambda w, d: d["forms"][1].pk, ["Nguyễn Văn An"]),
        ("nam", lambda w, d: 2023, ["Nguyễn Văn An"]),
        ("phong_trao", lambda w, d: d["campaigns"][0].pk, ["Nguyễn Văn An"]),
        ("doi_tuong", lambda w, d: "tap_the", ["Phòng CNTT tỉnh A"]),
        ("nam", lambda w, d: "không phải số", ["Phòng CNTT tỉnh A", "Nguyễn Văn An", "Trần Thị Bình", "Nguyễn Văn An"]),
    ],
)
def test_filters(world, data, login, param, value, expected):
    response = login(world.office).get(reverse("awards:register"), {param: value(world, data)})
    assert response.status_code == 200
    assert _names(response) == expected


def test_newest_decision_first_and_another_province_never_shown(world, data, login):
    names = _names(login(world.office).get(reverse("awards:register")))
    assert names == ["Phòng CNTT tỉnh A", "Nguyễn Văn An", "Trần Thị Bình", "Nguyễn Văn An"]
    assert "Nguyễn Văn Bắc" not in login(world.board).get(reverse("awards:register")).content.decode()
    assert _names(login(world.office_b).get(reverse("awards:register"))) == ["Nguyễn Văn Bắc"]
    # Phòng A's staff read their own unit only; the filter choices do not reveal other units.
    response = login(world.staff).get(reverse("awards:register"))
    assert "Trần Thị Bình" not in _names(response)
    assert set(response.context["units"]) == {world.phong_a}


def test_the_register_takes_a_fixed_number_of_queries(world, data, login):
    client = login(world.office)
    url = reverse("awards:register")
    client.get(url)  # warm the session

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    giay_khen, _, _ = data["forms"]
    for i in range(12):
        _record(world, f"Người thứ {i}", form=giay_khen, campaign=data["campaigns"][1], unit=world.phong_a2)
    assert count() == before


def _sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def test_excel_has_the_same_rows_as_the_page(world, data, login):
    client = login(world.office)
    params = {"q": "nguyen"}
    page = _names(client.get(reverse("awards:register"), params))
    response = client.get(reverse("awards:register_excel"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    sheet = _sheet(response.content)
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == REGISTER_HEADERS
    assert [r[1] for r in rows[1:]] == page == ["Nguyễn Văn An", "Nguyễn Văn An"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:M{len(rows)}"  # 13 columns: the amounts (hệ số, lương cơ sở, tiền) last
    date_cell = sheet.cell(row=2, column=REGISTER_HEADERS.index("Ngày quyết định") + 1)
    assert date_cell.number_format == "dd/mm/yyyy" and date_cell.value.date() == dt.date(2025, 1, 15)
    assert sheet.column_dimensions["B"].width > 10
    # Province B's office downloads only province B.
    other = _sheet(login(world.office_b).get(reverse("awards:register_excel")).content)
    assert [r[1] for r in other.iter_rows(min_row=2, values_only=True)] == ["Nguyễn Văn Bắc"]


def test_a_formula_like_name_stays_text(world, data):
    giay_khen, _, _ = data["forms"]
    record = _record(world, '=HYPERLINK("http://x.invalid","Bấm")', form=giay_khen, campaign=data["campaigns"][1])
    records = AwardRecord.objects.filter(pk=record.pk).select_related("unit", "award_form", "campaign")
    cell = _sheet(render_register_xlsx(records)).cell(row=2, column=2)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x.invalid","Bấm")'
    assert cell.quotePrefix


def test_person_history_lists_their_awards_newest_first(world, data, login):
    url = reverse("awards:person_history", args=[world.staff.pk])
    for viewer in (world.staff, world.head, world.office, world.board, world.council):
        response = login(viewer).get(url)
        assert response.status_code == 200
        assert [r.award_form.name for r in response.context["records"]] == [
            "Chiến sĩ thi đua cơ sở",
            "Giấy khen của Giám đốc Sở",
        ]
    for outsider in (world.outsider, world.office_b):
        assert login(outsider).get(url).status_code == 404
    # Province B's person is not Sở A's to look at.
    assert login(world.office).get(reverse("awards:person_history", args=[world.outsider.pk])).status_code == 404


def test_a_person_without_a_role_is_visible_through_a_visible_record(world, data, login):
    retired = UserFactory(username="nghi-huu", full_name="Lê Văn Hưu")
    giay_khen, _, _ = data["forms"]
    _record(world, "Lê Văn Hưu", form=giay_khen, campaign=data["campaigns"][1], person=retired)
    url = reverse("awards:person_history", args=[retired.pk])
    assert "Lê Văn Hưu" in login(world.office).get(url).content.decode()
    assert login(world.office_b).get(url).status_code == 404
    nobody = UserFactory(username="khong-ai")
    assert login(world.office).get(reverse("awards:person_history", args=[nobody.pk])).status_code == 404


def test_unit_history_splits_collective_and_individual_awards(world, data, login):
    url = reverse("awards:unit_history", args=[world.phong_a.pk])
    response = login(world.head).get(url)
    assert response.status_code == 200
    assert [r.name for r in response.context["collective"]] == ["Phòng CNTT tỉnh A"]
    assert [(r.name, r.year) for r in response.context["individual"]] == [
        ("Nguyễn Văn An", 2024),
        ("Nguyễn Văn An", 2023),
    ]
    assert "Trần Thị Bình" not in response.content.decode()  # another phòng
    assert login(world.office_b).get(url).status_code == 404
    assert login(world.office).get(reverse("awards:unit_history", args=[world.phong_b.pk])).status_code == 404
