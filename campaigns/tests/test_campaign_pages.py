"""Campaign pages: scope, forms that keep what was typed, accent-insensitive search, fixed query counts."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from campaigns.models import AwardForm, Campaign, Phase, Registration
from campaigns.tests.factories import make_campaign


def _general(campaign=None, **changes):
    data = {
        "owner": "",
        "document_type": "Kế hoạch",
        "number": "",
        "issued_on": "",
        "place": "Tỉnh A",
        "parent_body": "UBND TỈNH A",
        "issuer": "Sở Thông tin và Truyền thông",
        "issuer_cluster": "",
        "kind": "thuong_xuyen",
        "title": "Phong trào thi đua Chuyển đổi số năm 2026",
        "theme": "",
        "introduction": "",
        "purpose": "Mục đích",
        "requirements": "",
        "scope": "",
        "subjects_collective": "",
        "subjects_individual": "",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "award_text": "",
        "dossier_requirements": "",
        "dossier_deadline": "",
        "organisation": "",
        "closing": "",
        "recipients": "",
        "signer_title": "",
        "signer_name": "",
        "semiannual_due_day": 15,
        "semiannual_due_month": 6,
        "annual_due_day": 15,
        "annual_due_month": 12,
        "version": campaign.version if campaign else "",
        "reason": "",
    }
    data.update(changes)
    return data


def test_office_creates_a_draft_with_its_calendar(world, login):
    response = login(world.office).post(reverse("campaigns:campaign_create"), _general(owner=world.so_a.pk))
    assert response.status_code == 302
    campaign = Campaign.objects.get(title="Phong trào thi đua Chuyển đổi số năm 2026")
    assert campaign.status == "du_thao" and campaign.owner == world.so_a
    assert sorted(p.due_date for p in campaign.reporting_periods.all()) == [dt.date(2026, 6, 15), dt.date(2026, 12, 15)]


def test_create_form_keeps_every_typed_value_when_dates_are_out_of_order(world, login):
    data = _general(owner=world.so_a.pk, start_date="2026-12-31", end_date="2026-01-01", purpose="Nội dung đã gõ")
    response = login(world.office).post(reverse("campaigns:campaign_create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu" in body
    assert "Nội dung đã gõ" in body and escape("Phong trào thi đua Chuyển đổi số năm 2026") in body
    assert not Campaign.objects.exists()


def test_only_the_office_may_create(world, login):
    assert login(world.staff).get(reverse("campaigns:campaign_create")).status_code == 403
    assert (
        login(world.board).post(reverse("campaigns:campaign_create"), _general(owner=world.so_a.pk)).status_code == 403
    )
    # Văn phòng of province B cannot create a campaign owned by province A.
    response = login(world.office_b).post(reverse("campaigns:campaign_create"), _general(owner=world.so_a.pk))
    assert response.status_code == 200 and not Campaign.objects.exists()


def test_attachment_must_be_a_pdf_or_docx_by_content(world, login):
    fake = SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = login(world.office).post(
        reverse("campaigns:campaign_create"), {**_general(owner=world.so_a.pk), "signed_file": fake}
    )
    assert response.status_code == 200
    assert "không phải tệp PDF, Word (DOCX) hợp lệ" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_real_docx_is_accepted_and_downloaded_only_in_scope(world, login):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    upload = SimpleUploadedFile("ke-hoach.docx", buffer.getvalue())
    client = login(world.office)
    assert (
        client.post(
            reverse("campaigns:campaign_create"), {**_general(owner=world.so_a.pk), "signed_file": upload}
        ).status_code
        == 302
    )
    campaign = Campaign.objects.get()
    assert client.get(reverse("campaigns:campaign_signed_file", args=[campaign.pk])).status_code == 200
    assert login(world.office_b).get(reverse("campaigns:campaign_signed_file", args=[campaign.pk])).status_code == 404


def test_oversized_attachment_is_refused(world, login, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    big = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.7\n" + b"0" * 4096)
    response = login(world.office).post(
        reverse("campaigns:campaign_create"), {**_general(owner=world.so_a.pk), "signed_file": big}
    )
    assert "vượt quá giới hạn" in response.content.decode()
    assert not Campaign.objects.exists()


def _section_post(campaign, prefix, rows, **extra):
    data = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": 0,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
        "version": campaign.version,
        "reason": "",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    data.update(extra)
    return data


def test_phase_outside_the_campaign_is_refused_and_kept(world, login):
    campaign = make_campaign(world.so_a, status="du_thao")
    rows = [
        {
            "order": 1,
            "name": "Giai đoạn 1 đã gõ",
            "start_date": "2024-01-01",
            "end_date": "2025-06-30",
            "description": "",
        }
    ]
    response = login(world.office).post(
        reverse("campaigns:campaign_section_edit", args=[campaign.pk, "giai-doan"]),
        _section_post(campaign, "giai-doan", rows),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "nằm ngoài thời gian của phong trào" in body and "Giai đoạn 1 đã gõ" in body
    assert not Phase.objects.exists()


def test_quota_below_zero_and_leader_share_above_100_are_refused(world, login):
    campaign = make_campaign(world.so_a, status="du_thao")
    form = AwardForm.objects.create(
        code="bk", name="Bằng khen", kind="hinh_thuc", target="ca_nhan", authority="UBND tỉnh"
    )
    rows = [
        {
            "order": 1,
            "award_form": form.pk,
            "milestone": "",
            "max_collective": -1,
            "max_individual": 15,
            "leader_share_max": "150",
            "rule_source": "",
            "note": "",
        }
    ]
    response = login(world.office).post(
        reverse("campaigns:campaign_section_edit", args=[campaign.pk, "khen-thuong"]),
        _section_post(campaign, "khen-thuong", rows),
    )
    body = response.content.decode()
    assert "Tỷ lệ lãnh đạo phải từ 0 đến 100 %" in body
    assert "Số lượng tối đa không được nhỏ hơn 0." in body
    assert not campaign.award_quotas.exists()


def test_section_edit_after_launch_requires_a_reason(world, login):
    campaign = make_campaign(world.so_a, status="da_phat_dong")
    rows = [{"order": 1, "name": "GĐ 1", "start_date": "2025-01-01", "end_date": "2025-06-30", "description": ""}]
    client = login(world.office)
    url = reverse("campaigns:campaign_section_edit", args=[campaign.pk, "giai-doan"])
    response = client.post(url, _section_post(campaign, "giai-doan", rows))
    assert "vui lòng ghi lý do" in response.content.decode() and not Phase.objects.exists()
    response = client.post(url, _section_post(campaign, "giai-doan", rows, reason="Bổ sung giai đoạn"))
    assert (
        response.status_code == 302 and Phase.objects.get().history.first().history_change_reason == "Bổ sung giai đoạn"
    )


def test_launch_and_register_through_the_pages(world, login):
    campaign = make_campaign(world.so_a, status="du_thao", number="05/KH-STTTT", issued_on=dt.date(2025, 1, 2))
    office = login(world.office)
    office.post(reverse("campaigns:campaign_transition", args=[campaign.pk]), {"to_status": "da_phat_dong"})
    assert Campaign.objects.get(pk=campaign.pk).status == "da_phat_dong"
    head = login(world.head)
    assert head.get(reverse("campaigns:registration_create", args=[campaign.pk])).status_code == 200
    data = {
        "unit": world.phong_a.pk,
        "note": "",
        "cam-ket-TOTAL_FORMS": 1,
        "cam-ket-INITIAL_FORMS": 0,
        "cam-ket-MIN_NUM_FORMS": 1,
        "cam-ket-MAX_NUM_FORMS": 1000,
        "cam-ket-0-sector": "",
        "cam-ket-0-text": "Hoàn thành 100 % chỉ tiêu",
        "cam-ket-0-target_value": "100 %",
    }
    assert head.post(reverse("campaigns:registration_create", args=[campaign.pk]), data).status_code == 302
    assert Registration.objects.get().unit == world.phong_a
    board = office.get(reverse("campaigns:registration_list", args=[campaign.pk])).content.decode()
    assert "Đã đăng ký" in board and "Chưa đăng ký" in board  # phong_a registered, phong_a2 not
    # Staff (not the head) cannot register; the second registration is refused.
    assert login(world.staff).get(reverse("campaigns:registration_create", args=[campaign.pk])).status_code == 403
    assert head.get(reverse("campaigns:registration_create", args=[campaign.pk])).status_code == 403


def test_staff_see_launched_campaigns_they_take_part_in_not_drafts(world, login):
    ours = make_campaign(world.so_a, title="Phong trào của tỉnh A")
    draft = make_campaign(world.so_a, title="Dự thảo tỉnh A", status="du_thao")
    theirs = make_campaign(world.so_b, title="Phong trào của tỉnh B")
    only_a2 = make_campaign(world.so_a, title="Chỉ phòng BCVT", participants=[world.phong_a2])
    body = login(world.staff).get(reverse("campaigns:campaign_list")).content.decode()
    assert escape(ours.title) in body
    for hidden in (draft, theirs, only_a2):
        assert escape(hidden.title) not in body
    assert login(world.staff).get(reverse("campaigns:campaign_detail", args=[draft.pk])).status_code == 404
    assert login(world.office).get(reverse("campaigns:campaign_detail", args=[draft.pk])).status_code == 200


@pytest.mark.parametrize("query", ["chuyen doi so", "CHUYỂN ĐỔI SỐ", "Chuyển đổi", "doi so"])
def test_search_ignores_vietnamese_accents(world, login, query):
    make_campaign(world.so_a, title="Phát động phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025”")
    make_campaign(world.so_a, title="Đẩy mạnh phát triển kết cấu hạ tầng")
    body = login(world.office).get(reverse("campaigns:campaign_list"), {"q": query}).content.decode()
    assert "Chuyển đổi số giai đoạn" in body
    assert "kết cấu hạ tầng" not in body


def test_postgresql_search_uses_the_unaccent_extension(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (CI runs it)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT unaccent('Chuyển đổi số')")
        assert cursor.fetchone()[0] == "Chuyen doi so"


def _count(client, url, params=None):
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx)


def test_list_page_query_count_is_the_same_for_5_and_200_campaigns(world, login):
    client = login(world.office)
    url = reverse("campaigns:campaign_list")
    for i in range(5):
        make_campaign(world.so_a, title=f"Phong trào {i:03d}")
    few = _count(client, url)
    Campaign.objects.bulk_create(
        Campaign(
            owner=world.so_a,
            title=f"Phong trào thêm {i:03d}",
            issuer="Sở",
            kind="thuong_xuyen",
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2024, 12, 31),
            status="da_phat_dong",
        )
        for i in range(195)
    )
    assert Campaign.objects.count() == 200
    assert _count(client, url) == few
    assert _count(client, url, {"q": "phong trao", "nam": 2024}) == few


def test_campaign_page_query_count_does_not_grow_with_sections(
    world,
    login,
):
    campaign = make_campaign(world.so_a)
    client = login(world.office)
    url = reverse("campaigns:campaign_detail", args=[campaign.pk])
    few = _count(client, url)
    for i in range(20):
        Phase.objects.create(
            campaign=campaign, name=f"GĐ {i}", start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 2, 1)
        )
    assert _count(client, url) == few


def test_search_words_may_come_in_any_order(world, login):
    make_campaign(world.so_a, title="Phát động phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025”")
    body = login(world.office).get(reverse("campaigns:campaign_list"), {"q": "2022 chuyen doi so"}).content.decode()
    assert "Chuyển đổi số giai đoạn" in body
