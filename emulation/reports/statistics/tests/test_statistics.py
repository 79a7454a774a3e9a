"""The TĐKT statistics of Thông tư 02/2023/TT-BNV (emulation.reports.statistics): a register built with known
awards gives known cells, in the counts, the workbook and the PDF alike; another Sở's awards are never counted nor
listed; the drill-down lists exactly the awards behind a number and 404s outside one's scope; the report job makes
the files."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import AwardRecord, Decision, Dossier, Nominee
from campaigns.models import AwardForm, Role
from campaigns.tests.factories import UserFactory, grant, make_campaign, make_unit
from emulation.reports.models import Report
from emulation.reports.statistics import services
from emulation.reports.statistics.bieu import BIEU_0601, BIEU_0602, BIEU_0603
from emulation.reports.statistics.counts import StatisticsScope, bieu_cells
from emulation.reports.statistics.job import statistics_paper
from emulation.reports.statistics.render import build_statistics_data, render_statistics_html, render_statistics_xlsx

_numbers = itertools.count(1)
YEAR = 2023
FIRST, LAST = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)


def _form(code: str, name: str, target: str) -> AwardForm:
    return AwardForm.objects.get_or_create(
        code=code, defaults={"name": name, "kind": "hinh_thuc", "target": target, "authority": "Chủ tịch UBND tỉnh"}
    )[0]


def award(world, *, code: str, kind: str = "ca_nhan", unit=None, campaign, leader: bool = False,
          day: dt.date = dt.date(YEAR, 6, 1), round_kind: str = "nam", collective=None,
          year: int | None = None) -> AwardRecord:  # fmt: skip
    """One conferred award: dossier, nominee, decision and register row, as the services leave them."""
    unit = unit or world.phong_a
    form = _form(code, code.replace("-", " ").capitalize(), kind)
    n = next(_numbers)
    dossier = Dossier.objects.create(
        campaign=campaign, unit=unit, round_kind=round_kind, year=year or day.year, status="da_quyet_dinh"
    )
    nominee = Nominee.objects.create(
        dossier=dossier, kind=kind, award_form=form, full_name=f"Người nhận {n}", is_leader=leader,
        collective_unit=collective,
    )  # fmt: skip
    owner = world.so_b if unit.path.startswith(world.so_b.path) else world.so_a
    decision = Decision.objects.create(
        owner=owner, kind="quyet_dinh", number=f"{n:02d}/QĐ-UBND", signed_on=day, signer="Chủ tịch",
        issuer="UBND tỉnh", created_by=world.office,
    )  # fmt: skip
    decision.nominees.add(nominee)
    return AwardRecord.objects.create(
        nominee=nominee, decision=decision, unit=unit, award_form=form, campaign=campaign, name=nominee.full_name,
        kind=kind, year=year or day.year, decision_number=decision.number, decision_date=day,
        decision_issuer="UBND tỉnh",
    )  # fmt: skip


@pytest.fixture
def register(world):
    """Sở A in 2023: 3 Bằng khen UBND tỉnh to individuals (1 a leader), 2 to collectives (1 an enterprise), 1 Chiến
    sĩ thi đua cấp tỉnh, 1 Cờ thi đua UBND tỉnh in a chuyên đề campaign, 1 Bằng khen in an đột xuất round; things
    that must NOT count: a Giấy khen (cơ sở), a Bằng khen decided in 2024, and Sở B's 4 Bằng khen."""
    regular = make_campaign(world.so_a, kind="thuong_xuyen", start_date=FIRST, end_date=LAST, issued_on=FIRST)
    themed = make_campaign(
        world.so_a, kind="chuyen_de", start_date=dt.date(2022, 1, 1), end_date=dt.date(2025, 12, 31),
        issued_on=dt.date(2023, 3, 1), issuer="Ủy ban nhân dân tỉnh A",
    )  # fmt: skip
    other = make_campaign(world.so_b, kind="thuong_xuyen", start_date=FIRST, end_date=LAST, issued_on=FIRST)
    enterprise = make_unit(world.so_a, name="Bưu điện tỉnh A", level="doanh_nghiep", province="Tỉnh A")
    bk_cn, bk_tt = "bang-khen-chu-tich-ubnd-tinh-ca-nhan", "bang-khen-chu-tich-ubnd-tinh-tap-the"
    for leader in (True, False, False):
        award(world, code=bk_cn, campaign=regular, leader=leader)
    award(world, code=bk_tt, kind="tap_the", campaign=regular, collective=world.phong_a2)
    award(world, code=bk_tt, kind="tap_the", campaign=regular, collective=enterprise, unit=enterprise)
    award(world, code="chien-si-thi-dua-cap-tinh", campaign=regular)
    award(world, code="co-thi-dua-ubnd-tinh", kind="tap_the", campaign=themed, collective=world.phong_a)
    award(world, code=bk_cn, campaign=regular, round_kind="dot_xuat")
    # Not counted:
    award(world, code="giay-khen-giam-doc-so-ca-nhan", campaign=regular)
    award(world, code=bk_cn, campaign=regular, day=dt.date(YEAR + 1, 1, 10), year=YEAR)  # "khen thưởng năm 2023"
    for _ in range(4):
        award(world, code=bk_cn, campaign=other, unit=world.phong_b)
    return {"regular": regular, "themed": themed, "other": other}


def _grid(bieu, scope) -> dict[tuple[str, str], int | None]:
    return {(row.code, c.column.code): c.value for row, cells in bieu_cells(bieu, scope) for c in cells if row.code}


def scope_a(world, user=None, **kwargs) -> StatisticsScope:
    return StatisticsScope(date_from=FIRST, date_to=LAST, user=user or world.office, unit=world.so_a, **kwargs)


def test_bieu_0603_gives_the_known_cells(world, register):
    grid = _grid(BIEU_0603, scope_a(world))
    # Tổng số: 4 Bằng khen (3 + đột xuất) + 2 collectives = 6 Bằng khen; 1 CSTĐ; 1 Cờ; 0 Kỷ niệm chương.
    assert [grid[("01", c)] for c in "12345"] == [8, 6, 1, 1, 0]
    assert [grid[("02", c)] for c in "12345"] == [3, 2, 0, 1, 0]  # tập thể
    assert [grid[("03", c)] for c in "12345"] == [1, 1, 0, 0, 0]  # of which an enterprise
    assert [grid[("05", c)] for c in "12345"] == [5, 4, 1, 0, 0]  # cá nhân
    assert grid[("09", "1")] == 1 and grid[("10", "1")] == 4  # leaders / the others
    assert grid[("11", "1")] == 6  # thường xuyên, not the đột xuất round
    assert grid[("12", "1")] == 1 and grid[("12", "4")] == 1  # the Cờ, in the chuyên đề campaign
    assert grid[("13", "1")] == 1 and grid[("13", "2")] == 1  # the đột xuất round
    # Rows the register cannot answer stay empty, never a zero.
    for code in ("04", "06", "07", "08", "14", "15", "16", "17"):
        assert grid[(code, "1")] is None


def test_bieu_0602_counts_no_state_awards_and_0601_counts_the_campaigns(world, register):
    assert _grid(BIEU_0602, scope_a(world))[("1", "1")] == 0
    grid = _grid(BIEU_0601, scope_a(world))
    assert grid[("01", "1")] == 2
    assert grid[("01", "3")] == 1 and grid[("01", "4")] == 1  # the UBND's plan / the Sở's own
    assert grid[("07", "1")] == 1 and grid[("09", "1")] == 1  # one year; 2022–2025
    assert grid[("11", "1")] == 1 and grid[("12", "1")] == 1
    assert grid[("02", "1")] is None and grid[("01", "2")] is None  # toàn quốc, cấp Trung ương: not held


def test_counting_by_the_registers_year_takes_the_award_decided_the_next_january(world, register):
    grid = _grid(BIEU_0603, scope_a(world, count_by="nam"))
    assert grid[("01", "2")] == 7  # the 6 Bằng khen decided in 2023 and the one of 10/01/2024


def test_another_sos_awards_are_never_counted_nor_listed(world, register):
    for user in (world.office, world.board):
        cells = dict(((r.code, c.column.code), c) for r, cs in bieu_cells(BIEU_0603, scope_a(world, user)) for c in cs)
        listed = set(cells[("01", "1")].query.values_list("unit_id", flat=True))
        assert world.phong_b.pk not in listed
    # Sở B's own statistics: its 4 awards; Sở A's office reading Sở B's scope sees nothing.
    scope_b = StatisticsScope(date_from=FIRST, date_to=LAST, user=world.office_b, unit=world.so_b)
    assert _grid(BIEU_0603, scope_b)[("01", "1")] == 4
    intruder = StatisticsScope(date_from=FIRST, date_to=LAST, user=world.office, unit=world.so_b)
    assert _grid(BIEU_0603, intruder)[("01", "1")] == 0


def test_the_province_counts_every_so_of_the_province_only(world, register):
    scope = StatisticsScope(date_from=FIRST, date_to=LAST, user=world.board, province="A")
    assert _grid(BIEU_0603, scope)[("01", "1")] == 8


def _report(world, **fields) -> Report:
    values = dict(kind="thong_ke", unit=world.so_a, date_from=FIRST, date_to=LAST, requested_by=world.office,
                  signer_title="GIÁM ĐỐC", signer_name="Nguyễn Văn Ký")  # fmt: skip
    values.update(fields)
    return Report.objects.create(**values)


def test_the_workbook_and_the_pdf_say_the_same_cells(world, register):
    report = _report(world)
    paper, reporter, receiver = statistics_paper(report, dt.date(2023, 12, 10))
    data = build_statistics_data(scope=scope_a(world), paper=paper, reporter=reporter, receiver=receiver,
                                 day=dt.date(2023, 12, 10))  # fmt: skip
    book = load_workbook(io.BytesIO(render_statistics_xlsx(data)))
    assert book.sheetnames == ["Biểu 0601", "Biểu 0602", "Biểu 0603"]
    sheet = book["Biểu 0603"]
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    rows = {r[1].value: [c.value for c in r] for r in sheet.iter_rows() if r[1].value and str(r[1].value).isdigit()}
    assert rows["01"][3:8] == [8, 6, 1, 1, 0]  # after the label, mã số and đơn vị tính
    assert rows["05"][3:8] == [5, 4, 1, 0, 0]
    assert rows["06"][3:8] == [None] * 5  # empty, with the reason in Ghi chú
    assert "Cổng chưa ghi" in rows["06"][-1]
    html = render_statistics_html(data)
    assert "Biểu số: 0603.N/BNV-TĐKT" in html and "CHƯA ĐỐI CHIẾU" in html
    assert "Ban Thi đua – Khen thưởng tỉnh A" in html and "Lưu: VT, VP." in html


def test_the_job_makes_both_files(world, register, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("emulation.reports.statistics.job.render_statistics_pdf", lambda data: b"%PDF-1.7 fake")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.statistics_request(
            user=world.office, date_from=FIRST, date_to=LAST, unit=world.so_a,
            signer_title="GIÁM ĐỐC", signer_name="Nguyễn Văn Ký",
        )  # fmt: skip
    report.refresh_from_db()
    assert report.status == "xong", report.error
    assert report.file_stem == "TK-TDKT-2023-SoTTTT-A-v1"
    assert report.pdf_file.name.endswith("TK-TDKT-2023-SoTTTT-A-v1.pdf") and report.pdf_file.read() == b"%PDF-1.7 fake"
    book = load_workbook(report.xlsx_file)
    assert book["Biểu 0603"]["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    # Each number links to the list behind it (the drill-down page, which checks who may read it).
    total = next(row for row in book["Biểu 0603"].iter_rows() if row[1].value == "01")[3]
    assert total.value == 8
    assert total.hyperlink.target.endswith(reverse("reports:statistics_cell", args=[report.pk, "0603", "01", "1"]))


def test_without_a_signer_the_statistics_are_refused_with_a_message(
    world, register, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.statistics_request(user=world.office, date_from=FIRST, date_to=LAST, unit=world.so_a)
    report.refresh_from_db()
    assert report.status == "loi" and "người ký" in report.error
    assert "báo cáo thống kê" in report.error and "phong trào" not in report.error  # no campaign to set it on


def test_who_may_ask(world):
    assert list(services.units_for_request(world.office)) == [world.so_a]
    assert services.provinces_for_request(world.office) == []
    assert services.provinces_for_request(world.board) == ["A"]
    assert not services.units_for_request(world.staff).exists()
    with pytest.raises(Exception, match="Văn phòng Sở và Ban TĐKT"):
        services.statistics_request(user=world.office_b, date_from=FIRST, date_to=LAST, unit=world.so_a)
    with pytest.raises(Exception, match="toàn tỉnh"):
        services.statistics_request(user=world.office, date_from=FIRST, date_to=LAST, province="A")


def test_the_drill_down_lists_the_awards_behind_a_number(world, register, login):
    report = _report(world, status="xong")
    url = reverse("reports:statistics_cell", args=[report.pk, "0603", "05", "2"])
    page = login(world.office).get(url)
    assert page.status_code == 200
    listed = [a.pk for a in page.context["items"]]
    expected = AwardRecord.objects.filter(
        unit__path__startswith=world.so_a.path, kind="ca_nhan", decision_date__year=YEAR,
        award_form__code="bang-khen-chu-tich-ubnd-tinh-ca-nhan",
    )  # fmt: skip
    assert sorted(listed) == sorted(expected.values_list("pk", flat=True)) and len(listed) == 4
    table = login(world.office).get(reverse("reports:statistics_table", args=[report.pk]))
    assert url in table.content.decode()


def test_the_drill_down_404s_outside_ones_scope(world, register, login):
    report = _report(world, status="xong")
    url = reverse("reports:statistics_cell", args=[report.pk, "0603", "01", "1"])
    assert login(world.office_b).get(url).status_code == 404  # another province's cell
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.staff).get(url).status_code == 404  # a phòng's staff do not read the Sở's figures
    assert login(world.board).get(url).status_code == 200
    assert (
        login(world.office).get(reverse("reports:statistics_cell", args=[report.pk, "0603", "99", "1"])).status_code
        == 404
    )


def test_a_province_report_is_read_by_its_board_only(world, register, login):
    report = _report(world, unit=None, province="A", requested_by=world.board, status="xong")
    url = reverse("reports:statistics_table", args=[report.pk])
    assert login(world.board).get(url).status_code == 200
    assert login(world.office_b).get(url).status_code == 404
    other_board = UserFactory(username="board_b")
    grant(other_board, world.so_b, Role.BAN_TDKT)
    assert login(other_board).get(url).status_code == 404


def test_the_request_page(world, login):
    client = login(world.office)
    page = client.get(reverse("reports:statistics"))
    assert page.status_code == 200 and "Tạo thống kê" in page.content.decode()
    response = client.post(
        reverse("reports:statistics"),
        {"scope": f"don-vi:{world.so_a.pk}", "year": "2023", "count_by": "quyet_dinh",
         "signer_title": "GIÁM ĐỐC", "signer_name": "Nguyễn Văn Ký"},
    )  # fmt: skip
    report = Report.objects.get(kind="thong_ke")
    assert response.status_code == 302 and response["Location"] == reverse("reports:report_detail", args=[report.pk])
    assert (report.date_from, report.date_to, report.unit) == (FIRST, LAST, world.so_a)
    assert "Tạo thống kê" not in login(world.staff).get(reverse("reports:statistics")).content.decode()
    assert login(world.staff).post(reverse("reports:statistics"), {"year": "2023"}).status_code == 403
