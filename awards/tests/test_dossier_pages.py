"""The dossier pages: the whole flow through the browser's forms, typed values kept on error, uploads checked by
content, scoping (404) and read-only people (403), and a queue whose cost does not grow with its length."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Comment, Dossier, DossierStatus, Nominee
from awards.tests.factories import make_award_form, make_dossier
from campaigns.tests.factories import make_campaign

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _nominee_post(form_id: int, name: str, **extra) -> dict:
    data = {
        "kind": "ca_nhan",
        "award_form": form_id,
        "full_name": name,
        "birth_date": "1988-03-02",
        "gender": "nu",
        "position": "Chuyên viên",
        "rating": "xuat_sac",
        "achievements": "Triển khai nền tảng số dùng chung của tỉnh.",
        "khen-thuong-TOTAL_FORMS": "2",
        "khen-thuong-INITIAL_FORMS": "0",
        "khen-thuong-MIN_NUM_FORMS": "0",
        "khen-thuong-MAX_NUM_FORMS": "30",
        "khen-thuong-0-year": "2024",
        "khen-thuong-0-is_title": "True",
        "khen-thuong-0-name": "Lao động tiên tiến",
        "khen-thuong-0-decision": "QĐ số 15/QĐ-STTTT ngày 10/01/2025 của Sở TT&TT",
    }
    data.update(extra)
    return data


def _dossier_post(version: int, **extra) -> dict:
    data = {
        "version": version,
        "submission_number": "12/TTr-CNTT",
        "submission_date": "2025-11-20",
        "submission_signer": "Trần Thị Bình",
        "minutes_date": "2025-11-18",
        "minutes_members_total": "7",
        "minutes_members_present": "7",
        "note": "",
    }
    data.update(extra)
    return data


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def campaign(world):
    campaign = make_campaign(world.so_a, title="Phong trào thi đua chuyển đổi số 2025")
    make_dossier(world, campaign=campaign, nominees=0, unit=world.phong_a2)  # the award form and the quota
    return campaign


def test_the_whole_flow_through_the_pages(world, login, campaign):
    form = make_award_form()
    client = login(world.staff)
    tab = client.get(reverse("awards:campaign_dossiers", args=[campaign.pk]))
    assert "Lập hồ sơ" in _text(tab)

    # The staff member opens a dossier for the end-of-year round …
    response = client.post(
        reverse("awards:dossier_create", args=[campaign.pk]), {"unit": world.phong_a.pk, "round": "nam", "year": 2025}
    )
    dossier = Dossier.objects.get(campaign=campaign, unit=world.phong_a)
    assert response.status_code == 302 and response.url == reverse("awards:dossier_detail", args=[dossier.pk])
    detail = _text(client.get(response.url))
    assert "Hồ sơ chưa có ai được đề nghị." in detail and "Thêm người, tập thể" in detail

    # … adds two nominees with their signed Mẫu 07 …
    for name in ("Nguyễn Thị Hoa", "Lê Văn Nam"):
        data = _nominee_post(form.pk, name, report_upload=_pdf(f"mau-07-{name}.pdf"))
        response = client.post(reverse("awards:nominee_create", args=[dossier.pk]), data)
        assert response.status_code == 302, _text(response)
    hoa = Nominee.objects.get(dossier=dossier, full_name="Nguyễn Thị Hoa")
    assert hoa.signed_report and hoa.prior_awards.get().name == "Lao động tiên tiến"

    # … the head cannot send yet: the Tờ trình and Biên bản are missing, and the page says so.
    head = login(world.head)
    response = head.post(reverse("awards:dossier_send", args=[dossier.pk]), {"status": "nhap"})
    assert response.status_code == 400
    assert "Chưa gửi được hồ sơ" in _text(response) and "Còn thiếu: Tờ trình đã ký" in _text(response)
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.NHAP

    # The staff member uploads the Tờ trình and the Biên bản.
    client = login(world.staff)
    data = _dossier_post(
        Dossier.objects.get(pk=dossier.pk).version,
        submission_upload=_pdf("to-trinh.pdf"),
        minutes_upload=_pdf("bien-ban.pdf"),
    )
    response = client.post(reverse("awards:dossier_edit", args=[dossier.pk]), data)
    assert response.status_code == 302, _text(response)
    saved = Dossier.objects.get(pk=dossier.pk)
    assert saved.submission_number == "12/TTr-CNTT" and saved.submission_file and saved.minutes_file
    assert saved.submission_file_name == "to-trinh.pdf"

    # The head sends it.
    head = login(world.head)
    response = head.post(reverse("awards:dossier_send", args=[dossier.pk]), {"status": "nhap"})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.DA_GUI

    # Văn phòng Sở finds it in the queue, receives it and asks for a correction on one nominee.
    office = login(world.office)
    queue = _text(office.get(reverse("awards:campaign_dossiers", args=[campaign.pk])))
    assert reverse("awards:dossier_detail", args=[dossier.pk]) in queue and "Thẩm định" in queue
    assert "Nhận thẩm định" in _text(office.get(reverse("awards:dossier_detail", args=[dossier.pk])))
    assert office.post(reverse("awards:dossier_receive", args=[dossier.pk])).status_code == 302
    response = office.post(
        reverse("awards:dossier_request_changes", args=[dossier.pk]),
        {"status": "dang_tham_dinh", f"nguoi_{hoa.pk}": "Bổ sung quyết định công nhận sáng kiến."},
    )
    assert response.status_code == 302
    comment = Comment.objects.get(dossier=dossier)
    assert comment.nominee == hoa and comment.review_round == 1 and comment.target == "nominee"

    # The unit sees the comment, fixes the nominee and sends again.
    client = login(world.staff)
    page = _text(client.get(reverse("awards:dossier_detail", args=[dossier.pk])))
    assert "Văn phòng Sở yêu cầu bổ sung" in page and "Lần thẩm định 1" in page
    assert "Bổ sung quyết định công nhận sáng kiến." in page
    data = _nominee_post(form.pk, "Nguyễn Thị Hoa", initiative="Sáng kiến số hóa hồ sơ một cửa, QĐ 20/QĐ-STTTT")
    data.update(
        {
            "khen-thuong-TOTAL_FORMS": "3",
            "khen-thuong-INITIAL_FORMS": "1",
            "khen-thuong-0-id": hoa.prior_awards.get().pk,
            "khen-thuong-0-nominee": hoa.pk,
        }
    )
    response = client.post(reverse("awards:nominee_edit", args=[hoa.pk]), data)
    assert response.status_code == 302, _text(response)
    assert Nominee.objects.get(pk=hoa.pk).initiative.startswith("Sáng kiến số hóa")
    assert hoa.prior_awards.count() == 1
    head = login(world.head)
    assert head.post(reverse("awards:dossier_send", args=[dossier.pk])).status_code == 302

    # Văn phòng Sở receives it again (round 2) and accepts it.
    office = login(world.office)
    assert office.post(reverse("awards:dossier_receive", args=[dossier.pk])).status_code == 302
    assert office.post(reverse("awards:dossier_accept", args=[dossier.pk])).status_code == 302
    final = Dossier.objects.get(pk=dossier.pk)
    assert final.status == DossierStatus.HOP_LE and final.review_round == 2
    page = _text(office.get(reverse("awards:dossier_detail", args=[dossier.pk])))
    assert "Hợp lệ" in page and "Lần thẩm định 1" in page and "Đang thẩm định → Hợp lệ" in page


def test_a_failing_standard_travels_with_the_dossier_until_the_office_accepts_it_with_a_reason(world, login):
    """The unit may send with a check Văn phòng Sở may accept: the failed check travels with the dossier, flagged,
    and the office accepts it with a written reason before finding the dossier valid."""
    dossier = make_dossier(world)
    nominee = dossier.nominees.first()
    nominee.rating = "tot"
    nominee.save()
    response = login(world.head).post(reverse("awards:dossier_send", args=[dossier.pk]))
    assert response.status_code == 302
    sent = Dossier.objects.get(pk=dossier.pk)
    assert sent.status == DossierStatus.DA_GUI
    assert "Gửi kèm kiểm tra chưa đạt" in sent.events.get(to_status="da_gui").reason

    office = login(world.office)
    page = _text(office.get(reverse("awards:dossier_detail", args=[dossier.pk])))
    assert f"{nominee.full_name}: chưa được xếp loại “hoàn thành xuất sắc nhiệm vụ”" in page
    assert "tự khai" in page
    assert "Chấp nhận ngoại lệ" in page
    assert office.post(reverse("awards:dossier_receive", args=[dossier.pk])).status_code == 302
    response = office.post(reverse("awards:dossier_accept", args=[dossier.pk]))
    assert response.status_code == 400 and "chưa được xếp loại" in _text(response)
    url = reverse("awards:check_override", args=[dossier.pk])
    response = office.post(url, {"code": f"standard-{nominee.pk}", "reason": "  "})
    assert response.status_code == 400 and "Vui lòng ghi lý do chấp nhận ngoại lệ." in _text(response)
    assert not dossier.overrides.exists()
    response = office.post(url, {"code": f"standard-{nominee.pk}", "reason": "Có văn bản giải trình của đơn vị."})
    assert response.status_code == 302
    # A second reviewer deciding the same exception is told who decided first.
    response = office.post(url, {"code": f"standard-{nominee.pk}", "reason": "Đồng ý"})
    assert response.status_code in (400, 409) and "đã được" in _text(response) and "chấp nhận lúc" in _text(response)
    assert dossier.overrides.get().reason == "Có văn bản giải trình của đơn vị."


def test_a_check_that_cannot_be_overridden_is_refused_with_a_message(world, login):
    dossier = make_dossier(world, submission_file="")
    response = login(world.office).post(
        reverse("awards:check_override", args=[dossier.pk]), {"code": "documents", "reason": "Thiếu cũng được"}
    )
    assert response.status_code == 400 and "Kiểm tra này không thể bỏ qua." in _text(response)


def test_dossier_form_keeps_typed_values_on_error(world, login):
    dossier = make_dossier(world)
    data = _dossier_post(dossier.version, submission_number="77/TTr-GIU-LAI", minutes_members_present="9")
    response = login(world.staff).post(reverse("awards:dossier_edit", args=[dossier.pk]), data)
    assert response.status_code == 400
    page = _text(response)
    assert "Số thành viên có mặt không được lớn hơn tổng số thành viên." in page
    assert 'value="77/TTr-GIU-LAI"' in page
    assert Dossier.objects.get(pk=dossier.pk).submission_number == "01/TTr-CNTT"


def test_a_stale_dossier_form_is_refused_and_keeps_what_was_typed(world, login):
    dossier = make_dossier(world)
    data = _dossier_post(dossier.version - 1 if dossier.version > 1 else 0, submission_number="55/TTr-CU")
    response = login(world.staff).post(reverse("awards:dossier_edit", args=[dossier.pk]), data)
    assert response.status_code == 400
    assert "người khác cập nhật" in _text(response) and 'value="55/TTr-CU"' in _text(response)
    assert Dossier.objects.get(pk=dossier.pk).submission_number == "01/TTr-CNTT"


def test_nominee_form_keeps_typed_values_on_error(world, login):
    dossier = make_dossier(world)
    form = make_award_form()
    data = _nominee_post(form.pk, "", achievements="Thành tích đã gõ không được mất.")
    data["khen-thuong-1-name"] = "Giấy khen"  # a prior award without its year
    response = login(world.staff).post(reverse("awards:nominee_create", args=[dossier.pk]), data)
    assert response.status_code == 400
    page = _text(response)
    assert "Vui lòng nhập họ và tên (hoặc tên tập thể)." in page
    assert "Thành tích đã gõ không được mất." in page and 'value="Giấy khen"' in page
    assert dossier.nominees.count() == 2


def test_an_award_form_for_collectives_is_refused_for_a_person(world, login):
    dossier = make_dossier(world)
    collective = make_award_form(code="tap-the-ldtt", name="Tập thể lao động tiên tiến", target="tap_the")
    data = _nominee_post(collective.pk, "Phạm Văn Sai")
    response = login(world.staff).post(reverse("awards:nominee_create", args=[dossier.pk]), data)
    assert response.status_code == 400 and "dành cho tập thể, không dành cho cá nhân" in _text(response)


def test_a_renamed_exe_is_refused_and_nothing_is_saved(world, login):
    dossier = make_dossier(world, submission_file="")
    client = login(world.staff)
    data = _dossier_post(
        dossier.version,
        submission_number="88/TTr-EXE",
        submission_upload=SimpleUploadedFile("to-trinh.pdf", EXE, content_type="application/pdf"),
    )
    response = client.post(reverse("awards:dossier_edit", args=[dossier.pk]), data)
    assert response.status_code == 400
    assert "không phải tệp PDF, Word (DOCX) hợp lệ" in _text(response)
    assert 'value="88/TTr-EXE"' in _text(response)
    saved = Dossier.objects.get(pk=dossier.pk)
    assert not saved.submission_file and saved.submission_number == "01/TTr-CNTT"

    nominee = dossier.nominees.first()
    data = _nominee_post(
        nominee.award_form_id, "Tên không được lưu", report_upload=SimpleUploadedFile("mau-07.pdf", EXE)
    )
    response = client.post(reverse("awards:nominee_edit", args=[nominee.pk]), data)
    assert response.status_code == 400 and "không phải tệp PDF" in _text(response)
    assert Nominee.objects.get(pk=nominee.pk).full_name == nominee.full_name
    assert not nominee.prior_awards.exists()


def test_another_units_dossier_is_404(world, login):
    other = make_dossier(world, unit=world.phong_a2)
    nominee = other.nominees.first()
    client = login(world.staff)
    assert client.get(reverse("awards:dossier_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("awards:nominee_edit", args=[nominee.pk])).status_code == 404
    assert client.post(reverse("awards:nominee_delete", args=[nominee.pk])).status_code == 404
    mine = make_dossier(world)
    assert login(world.outsider).get(reverse("awards:dossier_detail", args=[mine.pk])).status_code == 404
    assert login(world.office_b).post(reverse("awards:dossier_receive", args=[mine.pk])).status_code == 404


def test_board_reads_but_every_action_is_403(world, login):
    dossier = make_dossier(world, status="dang_tham_dinh", review_round=1)
    client = login(world.board)
    page = client.get(reverse("awards:dossier_detail", args=[dossier.pk]))
    assert page.status_code == 200 and "Bạn chỉ có quyền xem hồ sơ này." in _text(page)
    for name in ("dossier_send", "dossier_receive", "dossier_accept", "dossier_request_changes", "check_override"):
        assert client.post(reverse(f"awards:{name}", args=[dossier.pk]), {"ho_so": "x"}).status_code == 403, name
    assert client.get(reverse("awards:dossier_edit", args=[dossier.pk])).status_code == 403
    assert client.post(reverse("awards:nominee_delete", args=[dossier.nominees.first().pk])).status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.DANG_THAM_DINH


def test_staff_may_not_send_only_the_head(world, login):
    dossier = make_dossier(world)
    assert login(world.staff).post(reverse("awards:dossier_send", args=[dossier.pk])).status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.NHAP


def test_a_sent_dossier_is_not_edited(world, login):
    dossier = make_dossier(world, status="da_gui")
    client = login(world.staff)
    response = client.get(reverse("awards:dossier_edit", args=[dossier.pk]))
    assert response.status_code == 302
    assert "không sửa được" in _text(client.get(response.url))


def test_request_changes_needs_a_comment_and_keeps_the_typed_ones(world, login):
    dossier = make_dossier(world, status="dang_tham_dinh", review_round=1)
    response = login(world.office).post(
        reverse("awards:dossier_request_changes", args=[dossier.pk]), {"ho_so": "  ", "to_trinh": ""}
    )
    assert response.status_code == 400 and "Vui lòng ghi ít nhất một nội dung cần bổ sung." in _text(response)
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.DANG_THAM_DINH


def test_an_action_on_a_state_that_changed_meanwhile_is_explained(world, login):
    dossier = make_dossier(world, status="dang_tham_dinh", review_round=1)
    response = login(world.office).post(reverse("awards:dossier_receive", args=[dossier.pk]), {"status": "da_gui"})
    assert response.status_code == 409 and "vừa được người khác xử lý" in _text(response)


def test_the_same_round_is_not_opened_twice(world, login):
    dossier = make_dossier(world)
    response = login(world.staff).post(
        reverse("awards:dossier_create", args=[dossier.campaign.pk]),
        {"unit": world.phong_a.pk, "round": "nam", "year": "2025"},
    )
    assert response.status_code == 302 and response.url == reverse("awards:dossier_detail", args=[dossier.pk])
    assert Dossier.objects.count() == 1


def test_create_form_refuses_a_missing_year_with_a_message(world, login):
    campaign = make_campaign(world.so_a)
    response = login(world.staff).post(
        reverse("awards:dossier_create", args=[campaign.pk]), {"unit": world.phong_a.pk, "round": "nam", "year": ""}
    )
    assert response.status_code == 400 and "Chọn năm của đợt khen thưởng." in _text(response)
    assert not Dossier.objects.exists()


def test_a_milestone_round_takes_the_milestone_year(world, login):
    import datetime

    from campaigns.models import Milestone

    campaign = make_campaign(world.so_a, start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2025, 12, 31))
    so_ket = Milestone.objects.create(
        campaign=campaign,
        kind="so_ket",
        name="Sơ kết",
        due_date=datetime.date(2023, 12, 31),
        period_label="Quý IV/2023",
    )
    client = login(world.staff)
    url = reverse("awards:dossier_create", args=[campaign.pk])
    data = {"unit": world.phong_a.pk, "round": f"moc-{so_ket.pk}", "year": "2025"}
    response = client.post(url, data)
    assert response.status_code == 400 and "thuộc năm 2023" in _text(response)
    response = client.post(url, {**data, "year": ""})
    dossier = Dossier.objects.get()
    assert (dossier.round_kind, dossier.milestone, dossier.year) == ("so_ket", so_ket, 2023)
    assert "Sơ kết – Quý IV/2023" in _text(client.get(response.url))


def test_office_cannot_open_a_dossier_for_a_unit(world, login):
    campaign = make_campaign(world.so_a)
    client = login(world.office)
    assert "Lập hồ sơ" not in _text(client.get(reverse("awards:campaign_dossiers", args=[campaign.pk])))
    response = client.post(
        reverse("awards:dossier_create", args=[campaign.pk]), {"unit": world.phong_a.pk, "round": "nam", "year": 2025}
    )
    assert response.status_code == 403


def _queue_queries(client, campaign) -> int:
    url = reverse("awards:campaign_dossiers", args=[campaign.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_queue_query_count_does_not_grow_with_the_number_of_dossiers(world, login):
    first = make_dossier(world, status="da_gui")
    campaign = first.campaign
    extra = [
        Dossier(campaign=campaign, unit=world.phong_a2, round_kind="nam", year=2025, status="da_gui") for _ in range(9)
    ]
    Dossier.objects.bulk_create(extra)
    client = login(world.office)
    _queue_queries(client, campaign)  # warm the per-process caches (content types, sessions)
    with_ten = _queue_queries(client, campaign)
    more = [
        Dossier(campaign=campaign, unit=world.phong_a2, round_kind="nam", year=2025, status=status)
        for status in ["da_gui", "dang_tham_dinh", "hop_le", "yeu_cau_bo_sung", "nhap"] * 98
    ]
    Dossier.objects.bulk_create(more)
    assert Dossier.objects.filter(campaign=campaign).count() == 500
    assert _queue_queries(client, campaign) == with_ten
    page = _text(client.get(reverse("awards:campaign_dossiers", args=[campaign.pk]) + "?trang_thai=hop_le"))
    assert "Trang 1/2" in page  # 98 valid dossiers, 50 a page


def test_a_nominee_links_initiatives_of_the_register_and_never_another_provinces(world, login):
    """The nominee form offers the unit's registered initiatives (what the prerequisites read); an initiative of
    another province cannot be linked by a forged POST."""
    from campaigns.people import Initiative, InitiativeLevel

    dossier = make_dossier(world)
    form = make_award_form(code="chien-si-thi-dua-co-so", name="Chiến sĩ thi đua cơ sở")
    recognised = {
        "year": dossier.year,
        "level": InitiativeLevel.CO_SO,
        "decision_number": "12/QĐ-STTTT",
        "decision_date": datetime.date(dossier.year, 3, 1),
        "decision_issuer": "Sở TT&TT",
    }
    ours = Initiative.objects.create(unit=world.phong_a, title="Số hóa hồ sơ một cửa", **recognised)
    theirs = Initiative.objects.create(unit=world.phong_b, title="Sáng kiến của tỉnh B", **recognised)
    client = login(world.staff)
    page = _text(client.get(reverse("awards:nominee_create", args=[dossier.pk])))
    assert "Số hóa hồ sơ một cửa" in page and "Sáng kiến của tỉnh B" not in page
    forged = _nominee_post(form.pk, "Nguyễn Thị Hoa", linked_initiatives=[theirs.pk])
    response = client.post(reverse("awards:nominee_create", args=[dossier.pk]), forged)
    assert response.status_code == 400 and not Nominee.objects.filter(full_name="Nguyễn Thị Hoa").exists()
    assert 'value="Nguyễn Thị Hoa"' in response.content.decode()  # what was typed is kept
    response = client.post(
        reverse("awards:nominee_create", args=[dossier.pk]),
        _nominee_post(form.pk, "Nguyễn Thị Hoa", linked_initiatives=[ours.pk]),
    )
    assert response.status_code == 302, _text(response)
    assert list(Nominee.objects.get(full_name="Nguyễn Thị Hoa").initiatives.all()) == [ours]
