"""What each person sees of the cluster: its own, the cluster's public information, never another member's
internal record; the giao ước; membership by the organiser; the proposal; the Biên bản; the next steps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import Dossier, Nominee
from awards.selectors import dossiers_visible_to
from campaigns.models import Cluster, ClusterRole, Signer
from emulation.clusters import services
from emulation.clusters.models import Assignment, PledgeSignature
from emulation.clusters.tests.helpers import agree, score_of, through_self_scoring
from emulation.clusters.todo import cluster_tasks_for
from emulation.lib.errors import DomainError
from tests.paper import assert_paper, docx_text, flat, pdf_text


def _get(client, user, name, **kwargs):
    client.force_login(user)
    return client.get(reverse(name, kwargs=kwargs))


def _published(cum):
    scoring = through_self_scoring(cum)
    score = score_of(scoring, cum, "d", "scale")
    services.score_adjust(
        score=score, user=cum.offices["a"], version=score.version, points=Decimal(5), comment="Thiếu minh chứng báo chí"
    )
    scoring = agree(cum, scoring)
    return services.round_publish(scoring=scoring, user=cum.offices["a"])


def test_a_member_sees_the_published_ranking_and_nothing_internal_of_another(cum, client):
    scoring = through_self_scoring(cum)
    c, d = cum.sos["c"], cum.sos["d"]
    # Before publication: C sees its own total only, no one else's.
    page = _get(client, cum.offices["c"], "clusters:ranking", pk=cum.cluster.pk).content.decode()
    assert "Kết quả chưa công bố" in page and d.name not in page
    scoring = agree(cum, scoring)
    page = _get(client, cum.offices["c"], "clusters:ranking", pk=cum.cluster.pk).content.decode()
    assert d.name not in page  # agreed but not yet published
    services.round_publish(scoring=scoring, user=cum.offices["a"])
    page = _get(client, cum.offices["c"], "clusters:ranking", pk=cum.cluster.pk).content.decode()
    assert "Kết quả đã công bố" in page and d.name in page
    # D's scores, evidence and adjustments are D's: 404 for C, also after publication.
    assert _get(client, cum.offices["c"], "clusters:member_scores", pk=cum.cluster.pk, unit_pk=d.pk).status_code == 404
    assert _get(client, cum.offices["c"], "clusters:member_scores", pk=cum.cluster.pk, unit_pk=c.pk).status_code == 200
    d_score = score_of(scoring, cum, "d", "scale")
    client.force_login(cum.offices["c"])
    assert client.post(reverse("clusters:adjust", kwargs={"pk": d_score.pk}), {}).status_code == 404
    # The heads and the organiser's office read every member's record.
    for user in (cum.offices["a"], cum.offices["b"], cum.bo_office):
        assert _get(client, user, "clusters:member_scores", pk=cum.cluster.pk, unit_pk=d.pk).status_code == 200


def test_a_sở_outside_the_cluster_gets_404_everywhere(cum, client):
    scoring = _published(cum)
    outsider = cum.offices["e"]
    for name, kwargs in [
        ("clusters:year", {"pk": cum.cluster.pk}),
        ("clusters:pledge", {"pk": cum.cluster.pk}),
        ("clusters:scoring", {"pk": cum.cluster.pk}),
        ("clusters:ranking", {"pk": cum.cluster.pk}),
        ("clusters:minutes", {"pk": cum.cluster.pk}),
        ("clusters:member_scores", {"pk": cum.cluster.pk, "unit_pk": cum.sos["c"].pk}),
    ]:
        assert _get(client, outsider, name, **kwargs).status_code == 404, name
    assert scoring.is_published


def test_a_member_never_reaches_another_members_dossier_or_figures(cum):
    from emulation.clusters.tests.factories import approve_figure
    from indicators.selectors import submissions_visible_to

    approve_figure(cum, "d", 40, 100)
    assert not submissions_visible_to(user=cum.offices["c"]).filter(unit=cum.sos["d"]).exists()
    scoring = _published(cum)
    dossier = services.proposal_create(scoring=scoring, user=cum.offices["a"])
    assert dossiers_visible_to(user=cum.offices["a"]).filter(pk=dossier.pk).exists()
    assert not dossiers_visible_to(user=cum.offices["c"]).filter(pk=dossier.pk).exists()


def test_the_proposal_becomes_a_dossier_of_the_cụm_trưởng_for_the_bộ(cum):
    scoring = _published(cum)
    with pytest.raises(DomainError):
        services.proposal_create(scoring=scoring, user=cum.offices["b"])
    dossier = services.proposal_create(scoring=scoring, user=cum.offices["a"])
    assert (dossier.unit, dossier.campaign, dossier.round_kind, dossier.year, dossier.status) == (
        cum.sos["a"],
        cum.campaign,
        "nam",
        2023,
        "nhap",
    )
    assert dossier.minutes_date == dt.date(2023, 12, 15) and dossier.minutes_members_total == 4
    nominees = list(Nominee.objects.filter(dossier=dossier).order_by("order"))
    ranked = list(scoring.standings.order_by("rank").values_list("unit_id", flat=True))
    assert [(n.award_form.code, n.collective_unit_id, n.kind) for n in nominees] == [
        ("co-thi-dua-bo", ranked[0], "tap_the"),
        ("bang-khen-bo-truong-tap-the", ranked[1], "tap_the"),
    ]
    assert "Xếp thứ 1/4 Cụm thi đua số 2 năm 2023" in nominees[0].summary
    with pytest.raises(DomainError, match="đã lập đề nghị"):
        services.proposal_create(scoring=scoring, user=cum.offices["a"])
    assert Dossier.objects.count() == 1


def test_the_biên_bản_is_a_document_of_the_cụm(cum, client):
    scoring = _published(cum)
    services.proposal_create(scoring=scoring, user=cum.offices["a"])
    # Without a signer for the Cụm trưởng's Sở the Biên bản is refused with the reason, not printed half-right.
    response = _get(client, cum.offices["a"], "clusters:minutes", pk=cum.cluster.pk)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Chưa lập được biên bản hội nghị cụm: thiếu" in page and "CHỦ TRÌ HỘI NGHỊ" in page
    Signer.objects.create(unit=cum.sos["a"], position="Giám đốc", name="Trần Văn Quang", valid_from=dt.date(2022, 1, 1))
    response = _get(client, cum.offices["c"], "clusters:minutes", pk=cum.cluster.pk)  # members read it once published
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, "clusters-bien-ban")
    assert_paper(
        text,
        parent="KHỐI THI ĐUA SỞ THÔNG TIN",
        issuer="CỤM THI ĐUA SỐ 2",
        number="Số: 01/BB-CTĐ2",
        signer=("CHỦ TRÌ HỘI NGHỊ", "Trần Văn Quang"),
        citation="Quyết định số 2341/QĐ-BTTTT ngày 16/12/2022",
    )
    word = docx_text(_get(client, cum.offices["a"], "clusters:minutes_docx", pk=cum.cluster.pk).content)
    assert_paper(
        word,
        parent="KHỐI THI ĐUA SỞ THÔNG TIN",
        issuer="CỤM THI ĐUA SỐ 2",
        number="Số: 01/BB-CTĐ2",
        signer=("CHỦ TRÌ HỘI NGHỊ", "Trần Văn Quang"),
        citation="Quyết định số 2341/QĐ-BTTTT ngày 16/12/2022",
    )
    assert "Nguyễn Thư Ký" in word and "Cờ thi đua của Bộ Thông tin và Truyền thông:" in flat(word)
    page = flat(text)
    assert "ngày 15 tháng 12 năm 2023" in page and "THƯ KÝ" in page and "Nguyễn Thư Ký" in page
    assert "Nghị định số 91/2017/NĐ-CP" in page or "Luật Thi đua, khen thưởng" in page
    assert "Cờ thi đua của Bộ Thông tin và Truyền thông:" in page


def test_the_giao_ước_launched_by_the_leader_and_signed_by_each_member(cum, client):
    with pytest.raises(DomainError):
        services.pledge_save(cluster=cum.cluster, user=cum.offices["b"], title="G", contents="N", targets=[])
    pledge = services.pledge_save(
        cluster=cum.cluster, user=cum.offices["a"], title="Giao ước 2023", contents="Nội dung", targets=["Chỉ tiêu 1"]
    )
    with pytest.raises(DomainError, match="chưa được Cụm trưởng phát động"):
        services.pledge_sign(
            pledge=pledge, unit=cum.sos["c"], user=cum.offices["c"], upload=SimpleUploadedFile("g.pdf", b"%PDF-1.4 x")
        )
    client.force_login(cum.offices["c"])
    assert client.post(reverse("clusters:pledge_launch", kwargs={"pk": cum.cluster.pk})).status_code == 403
    client.force_login(cum.offices["a"])
    assert client.post(reverse("clusters:pledge_launch", kwargs={"pk": cum.cluster.pk})).status_code == 302
    client.force_login(cum.offices["c"])
    url = reverse("clusters:pledge_sign", kwargs={"pk": cum.cluster.pk})
    page = client.post(url, {"file": SimpleUploadedFile("g.docx", b"khong phai pdf")}, follow=True).content.decode()
    assert "không phải tệp PDF hợp lệ" in page
    client.post(url, {"file": SimpleUploadedFile("giao-uoc.pdf", b"%PDF-1.4 da ky")})
    signature = PledgeSignature.objects.get()
    assert (signature.unit, signature.signed_by) == (cum.sos["c"], cum.offices["c"])
    with pytest.raises(DomainError, match="đã ký"):
        services.pledge_sign(
            pledge=pledge, unit=cum.sos["c"], user=cum.offices["c"], upload=SimpleUploadedFile("g.pdf", b"%PDF-1.4 x")
        )
    with pytest.raises(DomainError):  # C cannot sign for D
        services.pledge_sign(
            pledge=pledge, unit=cum.sos["d"], user=cum.offices["c"], upload=SimpleUploadedFile("g.pdf", b"%PDF-1.4 x")
        )
    # Every member sees who signed and opens the signed copy; the leader sees who has not.
    page = _get(client, cum.offices["a"], "clusters:pledge", pk=cum.cluster.pk).content.decode()
    assert "1/4 thành viên đã ký" in page and page.count("Chưa ký") == 3
    assert _get(client, cum.offices["d"], "clusters:signature_file", pk=signature.pk).status_code == 200
    assert _get(client, cum.offices["e"], "clusters:signature_file", pk=signature.pk).status_code == 404


def test_membership_and_heads_are_edited_by_the_organiser_and_copied_to_the_next_year(cum, client):
    url = reverse("clusters:members", kwargs={"pk": cum.cluster.pk})
    client.force_login(cum.offices["a"])
    assert client.get(url).status_code == 403
    client.force_login(cum.bo_office)
    data = {
        f"role_{cum.sos['a'].pk}": ClusterRole.TRUONG,
        f"role_{cum.sos['b'].pk}": ClusterRole.PHO,
        f"role_{cum.sos['c'].pk}": ClusterRole.THANH_VIEN,
        f"role_{cum.sos['d'].pk}": ClusterRole.THANH_VIEN,
        "number": "125/QĐ-BTTTT",
        "issued_on": "20/01/2023",
        "issuer": "Bộ Thông tin và Truyền thông",
    }
    assert client.post(url, data).status_code == 302
    assert (
        Assignment.objects.get(cluster=cum.cluster).text
        == "Quyết định số 125/QĐ-BTTTT ngày 20/01/2023 của Bộ Thông tin và Truyền thông"
    )
    # Two Cụm trưởng refused with a message.
    response = client.post(url, {**data, f"role_{cum.sos['c'].pk}": ClusterRole.TRUONG})
    assert response.status_code == 400 and "Mỗi cụm chỉ có một Cụm trưởng" in response.content.decode()
    # Copy to next year with one action, then rotate the heads.
    response = client.post(reverse("clusters:copy", kwargs={"pk": cum.cluster.pk}))
    nxt = Cluster.objects.get(year=2024)
    assert response.url == reverse("clusters:members", kwargs={"pk": nxt.pk})
    assert sorted(nxt.memberships.values_list("unit_id", "role")) == sorted(
        cum.cluster.memberships.values_list("unit_id", "role")
    )
    rotate = {
        **data,
        "number": "12/QĐ-BTTTT",
        "issued_on": "15/01/2024",
        f"role_{cum.sos['a'].pk}": ClusterRole.THANH_VIEN,
        f"role_{cum.sos['b'].pk}": ClusterRole.TRUONG,
        f"role_{cum.sos['c'].pk}": ClusterRole.PHO,
    }
    assert client.post(reverse("clusters:members", kwargs={"pk": nxt.pk}), rotate).status_code == 302
    page = _get(client, cum.offices["d"], "clusters:year", pk=nxt.pk).content.decode()
    assert "Cụm trưởng, Cụm phó qua các năm" in page and "12/QĐ-BTTTT" in page and "125/QĐ-BTTTT" in page
    assert client.post(reverse("clusters:copy", kwargs={"pk": cum.cluster.pk})).status_code == 403


def test_each_role_is_told_its_next_step(cum):
    today = dt.date(2023, 6, 1)
    assert [t.title for t in cluster_tasks_for(cum.offices["a"], today=today)] == [
        "Soạn giao ước thi đua",
        "Mở chấm điểm thi đua",
    ]
    assert cluster_tasks_for(cum.offices["c"], today=today) == []
    assert cluster_tasks_for(cum.offices["e"], today=today) == []
    pledge = services.pledge_save(cluster=cum.cluster, user=cum.offices["a"], title="G", contents="N", targets=[])
    services.pledge_launch(pledge=pledge, user=cum.offices["a"])
    tasks = cluster_tasks_for(cum.offices["c"], today=today)
    assert [(t.title, t.role, t.url) for t in tasks] == [
        ("Ký giao ước thi đua", "Thành viên cụm", reverse("clusters:pledge", kwargs={"pk": cum.cluster.pk}))
    ]
    scoring = services.round_open(cluster=cum.cluster, user=cum.offices["a"], table=cum.table, campaign=cum.campaign)
    assert "Tự chấm điểm thi đua" in [t.title for t in cluster_tasks_for(cum.offices["c"], today=today)]
    assert "Theo dõi ký giao ước" in [t.title for t in cluster_tasks_for(cum.offices["a"], today=today)]
    services.round_start_cross_check(scoring=scoring, user=cum.offices["a"])
    assert "Chấm chéo điểm của các thành viên" in [t.title for t in cluster_tasks_for(cum.offices["b"], today=today)]
    assert "Chấm chéo điểm của các thành viên" not in [
        t.title for t in cluster_tasks_for(cum.offices["c"], today=today)
    ]


def test_the_home_page_lists_the_cluster_step_with_its_link(client, cum, monkeypatch):
    """A member whose Cụm launched its giao ước finds "Ký giao ước thi đua" in Việc cần làm, with the link."""
    from emulation import inbox

    pledge = services.pledge_save(cluster=cum.cluster, user=cum.offices["a"], title="G", contents="N", targets=[])
    services.pledge_launch(pledge=pledge, user=cum.offices["a"])
    found = inbox.inbox_for(cum.offices["c"], today=dt.date(2023, 6, 1))
    section = next(s for s in found.sections if s.title == "Thi đua cụm, khối")
    assert section.role == "Thành viên cụm"
    assert [(i.title, i.url) for i in section.items] == [
        ("Ký giao ước thi đua", reverse("clusters:pledge", kwargs={"pk": cum.cluster.pk}))
    ]
    real_localdate = inbox.timezone.localdate
    monkeypatch.setattr(
        inbox.timezone, "localdate", lambda *args, **kw: real_localdate(*args, **kw) if args else dt.date(2023, 6, 1)
    )
    client.force_login(cum.offices["c"])
    page = client.get(reverse("home")).content.decode()
    assert "Thi đua cụm, khối" in page and reverse("clusters:pledge", kwargs={"pk": cum.cluster.pk}) in page
