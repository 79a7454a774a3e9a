"""The people registers as their users meet them: initiatives listed, searched and scoped; yearly ratings entered,
imported from Excel all or nothing, sent, approved or returned, with concurrent edits detected."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.people import Initiative, RatingSheet, RatingStatus, rating_of
from campaigns.people_excel import HEADER_ROW, SHEET, render_ratings_xlsx
from campaigns.people_services import clean_rating_rows, ratings_approve, ratings_save, ratings_send
from emulation.lib.errors import DomainError, StaleEditError

YEAR = 2025
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _initiative(unit, title: str, *, authors: str = "Nguyễn Văn An", year: int = 2024, level: str = "co_so"):
    return Initiative.objects.create(
        unit=unit,
        year=year,
        title=title,
        author_names=authors,
        decision_number=f"{year}/QĐ-STTTT",
        decision_date=datetime.date(year, 12, 1),
        decision_issuer="Giám đốc Sở",
        level=level,
    )


def _sheet_url(unit, year: int = YEAR) -> str:
    return reverse("campaigns:rating_sheet", args=[unit.pk, year])


def _post_rows(rows: list[tuple[str, str, str]], version="") -> dict:
    data = {"rows": str(len(rows)), "version": version}
    for index, (name, position, rating) in enumerate(rows):
        data |= {f"name-{index}": name, f"position-{index}": position, f"rating-{index}": rating}
    return data


def _xlsx(unit, rows: list[tuple[str, str, str]], *, year: int = YEAR) -> SimpleUploadedFile:
    """The portal's template for the unit and year, filled with rows."""
    workbook = load_workbook(io.BytesIO(render_ratings_xlsx(unit=unit, year=year, rows=[])))
    sheet = workbook[SHEET]
    for offset, (name, position, rating) in enumerate(rows, start=1):
        sheet.cell(row=HEADER_ROW + offset, column=2, value=name)
        sheet.cell(row=HEADER_ROW + offset, column=3, value=position)
        sheet.cell(row=HEADER_ROW + offset, column=4, value=rating)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("xep-loai.xlsx", buffer.getvalue(), content_type=XLSX)


# --- Initiatives ------------------------------------------------------------------------------------------------


def test_initiatives_are_searched_by_title_author_unit_year_and_level(world, login):
    _initiative(world.phong_a, "Số hóa hồ sơ một cửa", authors="Nguyễn Văn An\nLê Thị Bé")
    _initiative(world.phong_a2, "Bản đồ trạm BTS", authors="Trần Văn Cường", year=2023, level="tinh")
    client = login(world.office)
    url = reverse("campaigns:initiative_list")

    def titles(**params):
        return [i.title for i in client.get(url, params).context["page"].object_list]

    assert titles() == ["Số hóa hồ sơ một cửa", "Bản đồ trạm BTS"]
    assert titles(q="so hoa") == ["Số hóa hồ sơ một cửa"]  # without accents
    assert titles(tac_gia="Lê Thị Bé") == ["Số hóa hồ sơ một cửa"]
    assert titles(don_vi=world.phong_a2.pk) == ["Bản đồ trạm BTS"]
    assert titles(nam=2023) == ["Bản đồ trạm BTS"]
    assert titles(cap="tinh") == ["Bản đồ trạm BTS"]
    assert titles(nam="abc", cap="khong-co") == ["Số hóa hồ sơ một cửa", "Bản đồ trạm BTS"]  # tampered: ignored


def test_a_unit_sees_its_own_initiatives_and_another_province_gets_404(world, login):
    mine = _initiative(world.phong_a, "Sáng kiến phòng A")
    _initiative(world.phong_a2, "Sáng kiến phòng A2")
    other = _initiative(world.phong_b, "Sáng kiến tỉnh B")
    client = login(world.staff)
    listed = [i.title for i in client.get(reverse("campaigns:initiative_list")).context["page"].object_list]
    assert listed == ["Sáng kiến phòng A"]
    assert client.get(reverse("campaigns:initiative_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("campaigns:initiative_detail", args=[other.pk])).status_code == 404
    assert login(world.office).get(reverse("campaigns:initiative_edit", args=[other.pk])).status_code == 404


def test_staff_adds_an_initiative_and_the_change_is_recorded(world, login):
    client = login(world.staff)
    response = client.post(
        reverse("campaigns:initiative_create"),
        {
            "unit": world.phong_a.pk,
            "year": "2025",
            "kind": "sang_kien",
            "title": "  Tự động  nhắc hạn báo cáo ",
            "author_names": "Người dùng thử\n\n",
            "decision_number": "15/QĐ-STTTT",
            "decision_date": "10/12/2025",
            "decision_issuer": "Giám đốc Sở TT&TT tỉnh A",
            "level": "co_so",
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert initiative.title == "Tự động nhắc hạn báo cáo"
    assert initiative.author_list == ["Người dùng thử"]
    assert initiative.created_by == world.staff
    record = initiative.history.get()
    assert (record.history_user, record.history_change_reason) == (world.staff, "Thêm sáng kiến")
    page = client.get(reverse("campaigns:initiative_detail", args=[initiative.pk])).content.decode()
    assert "Quyết định số 15/QĐ-STTTT ngày 10/12/2025 của Giám đốc Sở TT&amp;TT tỉnh A" in page


def test_staff_cannot_add_for_another_unit_and_the_board_cannot_add(world, login):
    data = {
        "unit": world.phong_a2.pk,
        "year": "2025",
        "kind": "sang_kien",
        "title": "Sáng kiến",
        "author_names": "A",
        "decision_number": "1/QĐ",
        "decision_date": "01/12/2025",
        "decision_issuer": "Sở",
        "level": "co_so",
    }
    response = login(world.staff).post(reverse("campaigns:initiative_create"), data)
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert login(world.board).post(reverse("campaigns:initiative_create"), data).status_code == 403
    assert not Initiative.objects.exists()


def test_a_stale_initiative_edit_is_refused(world, login):
    initiative = _initiative(world.phong_a, "Sáng kiến gốc")
    data = {
        "year": "2024",
        "kind": "sang_kien",
        "title": "Sửa lần một",
        "author_names": "Nguyễn Văn An",
        "decision_number": "2024/QĐ-STTTT",
        "decision_date": "01/12/2024",
        "decision_issuer": "Giám đốc Sở",
        "level": "co_so",
        "version": str(initiative.version),
    }
    url = reverse("campaigns:initiative_edit", args=[initiative.pk])
    assert login(world.staff).post(url, data).status_code == 302
    response = login(world.office).post(url, data | {"title": "Sửa lần hai"})
    assert response.status_code == 200
    assert "người khác cập nhật" in response.content.decode()
    assert Initiative.objects.get().title == "Sửa lần một"


# --- Ratings: entry, Excel, review -----------------------------------------------------------------------------


def test_the_head_enters_the_year_on_a_page_prefilled_with_the_units_people(world, login):
    client = login(world.head)
    page = client.get(_sheet_url(world.phong_a))
    names = [row[1][1] for row in page.context["rows"] if row[1][1]]
    assert set(names) == {str(world.staff), str(world.head)}
    response = client.post(
        _sheet_url(world.phong_a),
        _post_rows([(str(world.staff), "Chuyên viên", "tot"), (str(world.head), "Trưởng phòng", "xuat_sac")]),
    )
    assert response.status_code == 302
    sheet = RatingSheet.objects.get()
    assert (sheet.status, sheet.entered_by) == (RatingStatus.NHAP, world.head)
    assert [(r.full_name, r.rating, r.person) for r in sheet.rows.all()] == [
        (str(world.staff), "tot", world.staff),
        (str(world.head), "xuat_sac", world.head),
    ]
    # Entered but not approved: the award checks do not read it yet.
    assert rating_of(unit=world.phong_a, year=YEAR, full_name=str(world.head)) is None


def test_page_rows_with_errors_are_all_named_and_nothing_is_saved(world, login):
    response = login(world.head).post(
        _sheet_url(world.phong_a),
        _post_rows(
            [("Lê Văn A", "", "tot"), ("", "Chuyên viên", "tot"), ("Lê  Văn A", "", "xuat_sac"), ("Bé", "", "")]
        ),
    )
    assert response.status_code == 400
    errors = response.context["errors"]
    assert errors == [
        "Dòng 2: thiếu họ và tên.",
        "Dòng 3: trùng họ tên với dòng 1.",
        "Dòng 4: thiếu xếp loại.",
    ]
    assert not RatingSheet.objects.exists()


def test_staff_of_the_unit_reads_the_ratings_but_cannot_enter_them(world, login):
    client = login(world.staff)
    assert client.get(_sheet_url(world.phong_a)).context["editable"] is False
    assert client.post(_sheet_url(world.phong_a), _post_rows([("A", "", "tot")])).status_code == 403


def test_another_provinces_sheet_is_404(world, login):
    assert login(world.office_b).get(_sheet_url(world.phong_a)).status_code == 404
    assert (
        login(world.outsider).get(reverse("campaigns:rating_template", args=[world.phong_a.pk, YEAR])).status_code
        == 404
    )


def test_excel_template_round_trip_imports_every_row(world, login):
    client = login(world.head)
    template = client.get(reverse("campaigns:rating_template", args=[world.phong_a.pk, YEAR]))
    assert template.status_code == 200
    assert template["Content-Disposition"].endswith(f'xep-loai-{YEAR}-{world.phong_a.code}.xlsx"')
    workbook = load_workbook(io.BytesIO(template.content))
    assert [c.value for c in workbook[SHEET][HEADER_ROW]] == ["STT", "Họ và tên", "Chức vụ", "Xếp loại"]
    upload = _xlsx(
        world.phong_a,
        [("Nguyễn Văn An", "Chuyên viên", "Hoàn thành xuất sắc nhiệm vụ"), ("Lê Thị Bé", "Kế toán", "hoàn thành tốt")],
    )
    response = client.post(reverse("campaigns:rating_import", args=[world.phong_a.pk, YEAR]), {"file": upload})
    assert response.status_code == 302
    assert list(RatingSheet.objects.get().rows.values_list("full_name", "rating")) == [
        ("Nguyễn Văn An", "xuat_sac"),
        ("Lê Thị Bé", "tot"),
    ]


def test_excel_import_is_all_or_nothing_with_row_errors(world, login):
    client = login(world.head)
    ratings_save(
        unit=world.phong_a,
        year=YEAR,
        user=world.head,
        rows=clean_rating_rows([(1, "Người cũ", "", "tot")]),
        version=None,
    )
    upload = _xlsx(
        world.phong_a,
        [
            ("Nguyễn Văn An", "", "xuất sắc"),
            ("Lê Thị Bé", "", "Giỏi"),
            ("", "Bảo vệ", "tot"),
            ("Nguyễn Văn An", "", "tot"),
        ],
    )
    response = client.post(
        reverse("campaigns:rating_import", args=[world.phong_a.pk, YEAR]), {"file": upload, "version": "1"}
    )
    assert response.status_code == 400
    errors = response.context["errors"]
    assert errors[0] == "Chưa nhập dòng nào: sửa các lỗi sau trong tệp rồi tải lên lại."
    assert errors[1].startswith("Dòng 6: xếp loại “Giỏi” không hợp lệ (chọn một trong: Hoàn thành xuất sắc nhiệm vụ")
    assert errors[2:] == ["Dòng 7: thiếu họ và tên.", "Dòng 8: trùng họ tên với dòng 5."]
    assert list(RatingSheet.objects.get().rows.values_list("full_name", flat=True)) == ["Người cũ"]


def test_excel_of_another_unit_or_not_a_template_is_refused(world, login):
    client = login(world.head)
    url = reverse("campaigns:rating_import", args=[world.phong_a.pk, YEAR])
    wrong_unit = _xlsx(world.phong_a2, [("A", "", "tot")])
    response = client.post(url, {"file": wrong_unit})
    assert response.status_code == 400
    assert "mẫu xếp loại của đơn vị hoặc năm khác" in response.context["errors"][1]
    not_excel = SimpleUploadedFile("xep-loai.xlsx", b"%PDF-1.4 khong phai excel", content_type=XLSX)
    response = client.post(url, {"file": not_excel})
    assert response.status_code == 400
    assert "không phải tệp" in response.context["errors"][1]
    assert not RatingSheet.objects.exists()


def _sent_sheet(world) -> RatingSheet:
    rows = clean_rating_rows([(1, str(world.staff), "", "xuat_sac")])
    sheet = ratings_save(unit=world.phong_a, year=YEAR, user=world.head, rows=rows, version=None)
    return ratings_send(sheet=sheet, user=world.head, version=sheet.version)


def test_office_approves_and_only_then_the_rating_counts(world, login):
    sheet = _sent_sheet(world)
    assert rating_of(unit=world.phong_a, year=YEAR, full_name=str(world.staff)) is None
    client = login(world.office)
    page = client.get(_sheet_url(world.phong_a))
    assert page.context["can_review"] is True
    response = client.post(
        reverse("campaigns:rating_review", args=[world.phong_a.pk, YEAR]),
        {"action": "duyet", "version": sheet.version},
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.status, sheet.reviewed_by) == (RatingStatus.DA_DUYET, world.office)
    assert rating_of(unit=world.phong_a, year=YEAR, full_name=str(world.staff)) == "xuat_sac"
    assert rating_of(unit=world.phong_a, year=YEAR, full_name="", person=world.staff) == "xuat_sac"
    # An approved list is locked for the unit.
    again = login(world.head).post(_sheet_url(world.phong_a), _post_rows([("A", "", "tot")], version=sheet.version))
    assert again.status_code == 400
    assert "không sửa được" in again.context["errors"][0]


def test_office_returns_with_a_note_and_the_head_corrects_and_resends(world, login):
    sheet = _sent_sheet(world)
    review = reverse("campaigns:rating_review", args=[world.phong_a.pk, YEAR])
    empty = login(world.office).post(review, {"action": "tra_lai", "note": "  ", "version": sheet.version})
    assert empty.status_code == 400
    response = login(world.office).post(
        review, {"action": "tra_lai", "note": "Thiếu người lao động hợp đồng", "version": sheet.version}
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.status, sheet.review_note) == (RatingStatus.TRA_LAI, "Thiếu người lao động hợp đồng")
    client = login(world.head)
    assert "Thiếu người lao động hợp đồng" in client.get(_sheet_url(world.phong_a)).content.decode()
    rows = [(str(world.staff), "", "xuat_sac"), ("Lê Văn Hợp Đồng", "Lái xe", "tot")]
    assert client.post(_sheet_url(world.phong_a), _post_rows(rows, version=sheet.version)).status_code == 302
    sheet.refresh_from_db()
    client.post(reverse("campaigns:rating_send", args=[world.phong_a.pk, YEAR]), {"version": sheet.version})
    sheet.refresh_from_db()
    assert sheet.status == RatingStatus.DA_GUI
    reasons = list(sheet.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons == [
        "Nhập xếp loại",
        "Gửi Văn phòng Sở",
        "Trả lại: Thiếu người lao động hợp đồng",
        "Sửa xếp loại",
        "Gửi Văn phòng Sở",
    ]


def test_two_reviewers_deciding_the_same_sheet_one_wins(world):
    sheet = _sent_sheet(world)
    version = sheet.version
    ratings_approve(sheet=RatingSheet.objects.get(pk=sheet.pk), user=world.office, version=version)
    with pytest.raises(DomainError):
        from campaigns.people_services import ratings_return

        ratings_return(sheet=RatingSheet.objects.get(pk=sheet.pk), user=world.admin, version=version, note="Sai")
    assert RatingSheet.objects.get(pk=sheet.pk).status == RatingStatus.DA_DUYET


def test_two_saves_from_the_same_version_the_second_is_told(world):
    first = clean_rating_rows([(1, "Người A", "", "tot")])
    sheet = ratings_save(unit=world.phong_a, year=YEAR, user=world.head, rows=first, version=None)
    opened_at = sheet.version
    ratings_save(unit=world.phong_a, year=YEAR, user=world.head, rows=first, version=opened_at)
    with pytest.raises(StaleEditError):
        ratings_save(
            unit=world.phong_a,
            year=YEAR,
            user=world.head,
            rows=clean_rating_rows([(1, "Người B", "", "xuat_sac")]),
            version=opened_at,
        )
    # A second "first entry" (both forms saw no sheet) is refused too.
    with pytest.raises(StaleEditError):
        ratings_save(unit=world.phong_a, year=YEAR, user=world.head, rows=first, version=None)
    assert list(RatingSheet.objects.get().rows.values_list("full_name", flat=True)) == ["Người A"]


def test_a_tampered_year_is_404(world, login):
    assert login(world.head).get(f"/xep-loai/{world.phong_a.pk}/99999/").status_code == 404


def test_home_page_lists_ratings_to_enter_at_the_years_end_and_sheets_to_review(world):
    from campaigns.people_services import ratings_to_enter, ratings_to_review

    december, june = datetime.date(YEAR, 12, 5), datetime.date(YEAR, 6, 5)
    assert [(u, y) for u, y, _s in ratings_to_enter(user=world.head, today=december)] == [(world.phong_a, YEAR)]
    assert [(u, y) for u, y, _s in ratings_to_enter(user=world.head, today=datetime.date(YEAR + 1, 1, 10))] == [
        (world.phong_a, YEAR)
    ]
    assert ratings_to_enter(user=world.head, today=june) == []
    assert ratings_to_enter(user=world.staff, today=december) == []
    sheet = _sent_sheet(world)
    assert ratings_to_enter(user=world.head, today=december) == []  # sent: nothing left to enter
    assert list(ratings_to_review(user=world.office)) == [sheet]
    assert list(ratings_to_review(user=world.office_b)) == []
