"""Scoring: automatic criteria from approved figures, bounds, who scores what, the versions a score keeps, the
cross-check's concurrency and the flow's states."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from emulation.clusters import services
from emulation.clusters.models import RoundStatus, ScoreAdjustment
from emulation.clusters.tests.factories import approve_figure
from emulation.clusters.tests.helpers import agree, open_round, score_of, self_score, through_self_scoring
from emulation.lib.errors import DomainError, StaleEditError
from indicators.models import SubmissionStatus


def test_automatic_criterion_counts_approved_figures_only(cum):
    approve_figure(cum, "a", 40, 100)  # 40 % ≥ 30 %: met
    approve_figure(cum, "b", 20, 100)  # below the target
    approve_figure(cum, "c", 45, 100, status=SubmissionStatus.DA_GUI)  # met, but not approved yet
    scoring = open_round(cum)
    assert score_of(scoring, cum, "a", "auto").points == Decimal(10)
    assert "Vượt" in score_of(scoring, cum, "a", "auto").auto_basis
    assert score_of(scoring, cum, "b", "auto").points == Decimal(0)
    assert "Chưa đạt" in score_of(scoring, cum, "b", "auto").auto_basis
    waiting = score_of(scoring, cum, "c", "auto")
    assert waiting.points == Decimal(0) and "Chưa có số liệu đã duyệt" in waiting.auto_basis
    assert score_of(scoring, cum, "d", "auto").points == Decimal(0)

    # The Văn phòng approves C's figure and B corrects its own: recomputed from what is approved now.
    approve_figure(cum, "c", 45, 100)
    approve_figure(cum, "b", 35, 100)
    services.refresh_automatic(scoring=scoring)
    assert score_of(scoring, cum, "c", "auto").points == Decimal(10)
    assert score_of(scoring, cum, "b", "auto").points == Decimal(10)


def test_a_member_cannot_type_points_for_an_automatic_criterion(cum):
    scoring = open_round(cum)
    auto = score_of(scoring, cum, "c", "auto")
    services.self_score_save(
        scoring=scoring,
        unit=cum.sos["c"],
        user=cum.offices["c"],
        entries=[services.SelfEntry(auto.pk, Decimal(10), "Tự cho điểm")],
    )
    auto.refresh_from_db()
    assert auto.points == Decimal(0)  # no approved figure: the typed 10 is ignored


@pytest.mark.parametrize(
    "criterion,points,message",
    [
        ("scale", 11, "Tiêu chí 2: điểm phải từ 0 đến 10, không nhận 11."),
        ("scale", -1, "Tiêu chí 2: điểm phải từ 0 đến 10, không nhận -1."),
        ("penalty", 1, "Tiêu chí 5: điểm phải từ -5 đến 0, không nhận 1."),
        ("penalty", -6, "Tiêu chí 5: điểm phải từ -5 đến 0, không nhận -6."),
        ("yesno", 3, "Tiêu chí 3 chấm có / không: điểm là 5 (có) hoặc 0 (không)."),
    ],
)
def test_points_outside_the_criterion_are_refused(cum, criterion, points, message):
    scoring = open_round(cum)
    with pytest.raises(DomainError) as refused:
        self_score(scoring, cum, "c", {"scale": 7, criterion: points})
    assert refused.value.message == message
    assert score_of(scoring, cum, "c", "scale").self_points is None  # one bad figure saves nothing


def test_points_out_of_bounds_from_the_page_show_the_message(cum, client):
    scoring = open_round(cum)
    score = score_of(scoring, cum, "c", "scale")
    client.force_login(cum.offices["c"])
    url = reverse("clusters:member_scores", kwargs={"pk": cum.cluster.pk, "unit_pk": cum.sos["c"].pk})
    response = client.post(url, {f"p_{score.pk}": "10,5"})
    assert response.status_code == 400
    assert "Tiêu chí 2: điểm phải từ 0 đến 10, không nhận 10,5." in response.content.decode()
    response = client.post(url, {f"p_{score.pk}": "7,5", f"e_{score.pk}": "Báo cáo năm"})
    assert response.status_code == 302
    score.refresh_from_db()
    assert score.self_points == Decimal("7.5") and score.points == Decimal("7.5")


def test_a_member_cannot_score_another_member(cum, client):
    scoring = open_round(cum)
    d_score = score_of(scoring, cum, "d", "scale")
    with pytest.raises(DomainError):
        services.self_score_save(
            scoring=scoring,
            unit=cum.sos["d"],
            user=cum.offices["c"],
            entries=[services.SelfEntry(d_score.pk, Decimal(10), "")],
        )
    # Through C's own form, D's score id is refused too.
    with pytest.raises(DomainError):
        services.self_score_save(
            scoring=scoring,
            unit=cum.sos["c"],
            user=cum.offices["c"],
            entries=[services.SelfEntry(d_score.pk, Decimal(10), "")],
        )
    client.force_login(cum.offices["c"])
    url = reverse("clusters:member_scores", kwargs={"pk": cum.cluster.pk, "unit_pk": cum.sos["d"].pk})
    assert client.post(url, {f"p_{d_score.pk}": "10"}).status_code == 404
    d_score.refresh_from_db()
    assert d_score.self_points is None


def test_a_criterion_edited_after_scoring_started_does_not_change_saved_scores(cum):
    scoring = open_round(cum)
    self_score(scoring, cum, "c")
    services.criterion_update(criterion=cum.criteria["scale"], user=cum.bo_office, data={"max_points": Decimal(20)})
    saved = score_of(scoring, cum, "c", "scale")
    assert (saved.criterion_version, saved.max_points, saved.points) == (1, Decimal(10), Decimal(7))
    # The bounds the score was given under still apply to it: 15 is refused although the criterion now says 20.
    with pytest.raises(DomainError):
        self_score(scoring, cum, "c", {"scale": 15})
    # A member joining later scores under the new version.
    from campaigns.models import ClusterMembership

    ClusterMembership.objects.create(cluster=cum.cluster, unit=cum.sos["e"])
    cum.cluster._members = None
    services.scores_ensure(scoring=scoring, unit=cum.sos["e"])
    late = score_of(scoring, cum, "e", "scale")
    assert (late.criterion_version, late.max_points) == (2, Decimal(20))


def test_two_heads_adjusting_the_same_score_one_wins_the_other_is_told(cum):
    scoring = through_self_scoring(cum)
    score = score_of(scoring, cum, "c", "scale")
    opened = score.version  # both heads opened the page at this version
    services.score_adjust(
        score=score, user=cum.offices["a"], version=opened, points=Decimal(6), comment="Thiếu minh chứng quý IV."
    )
    with pytest.raises(StaleEditError) as told:
        services.score_adjust(
            score=score, user=cum.offices["b"], version=opened, points=Decimal(5), comment="Trừ thêm."
        )
    assert "vừa được Văn phòng A điều chỉnh thành 6" in told.value.message
    score.refresh_from_db()
    assert score.points == Decimal(6) and score.self_points == Decimal(7)
    assert list(ScoreAdjustment.objects.filter(score=score).values_list("from_points", "to_points", "comment")) == [
        (Decimal(7), Decimal(6), "Thiếu minh chứng quý IV.")
    ]
    # Having seen the new points, B adjusts again from the current version: kept as a second adjustment.
    score.refresh_from_db()
    services.score_adjust(
        score=score, user=cum.offices["b"], version=score.version, points=Decimal(5), comment="Trừ thêm."
    )
    assert ScoreAdjustment.objects.filter(score=score).count() == 2


def test_the_second_cross_checker_is_told_on_the_page(cum, client):
    scoring = through_self_scoring(cum)
    score = score_of(scoring, cum, "c", "scale")
    url = reverse("clusters:adjust", kwargs={"pk": score.pk})
    data = {
        f"s{score.pk}-points": "6",
        f"s{score.pk}-comment": "Thiếu minh chứng",
        f"s{score.pk}-version": score.version,
    }
    client.force_login(cum.offices["a"])
    client.post(url, data)
    client.force_login(cum.offices["b"])
    page = client.post(url, {**data, f"s{score.pk}-points": "5"}, follow=True).content.decode()
    assert "vừa được Văn phòng A điều chỉnh thành 6" in page
    score.refresh_from_db()
    assert score.points == Decimal(6)


def test_adjustment_needs_a_comment_and_heads_do_not_check_themselves(cum):
    scoring = through_self_scoring(cum)
    score = score_of(scoring, cum, "c", "scale")
    with pytest.raises(DomainError, match="Ghi nhận xét"):
        services.score_adjust(score=score, user=cum.offices["a"], version=score.version, points=Decimal(6), comment=" ")
    own = score_of(scoring, cum, "a", "scale")
    with pytest.raises(DomainError, match="không chấm chéo điểm của chính mình"):
        services.score_adjust(score=own, user=cum.offices["a"], version=own.version, points=Decimal(10), comment="x")
    # The Cụm phó checks the Cụm trưởng's.
    services.score_adjust(score=own, user=cum.offices["b"], version=own.version, points=Decimal(8), comment="Thiếu")


def test_the_flow_states_and_who_moves_them(cum):
    scoring = open_round(cum)
    assert scoring.status == RoundStatus.TU_CHAM
    score = score_of(scoring, cum, "c", "scale")
    # No cross-check while members score themselves.
    with pytest.raises(DomainError, match="đang chấm chéo"):
        services.score_adjust(score=score, user=cum.offices["b"], version=score.version, points=Decimal(1), comment="x")
    for key in ("b", "c"):  # the Cụm phó and a member do not move the flow
        with pytest.raises(DomainError, match="Chỉ Cụm trưởng"):
            services.round_start_cross_check(scoring=scoring, user=cum.offices[key])
    for key in "abcd":
        self_score(scoring, cum, key)
    scoring = services.round_start_cross_check(scoring=scoring, user=cum.offices["a"])
    with pytest.raises(DomainError, match="không tự chấm được nữa"):
        self_score(scoring, cum, "c")
    with pytest.raises(DomainError, match="Chỉ Cụm trưởng, Cụm phó"):
        services.score_adjust(score=score, user=cum.offices["d"], version=score.version, points=Decimal(1), comment="x")
    with pytest.raises(DomainError):  # publish before the meeting agreed
        services.round_publish(scoring=scoring, user=cum.offices["a"])
    with pytest.raises(DomainError, match="Chỉ Cụm trưởng"):  # the Cụm phó does not record the meeting
        services.round_agree(
            scoring=scoring,
            user=cum.offices["b"],
            meeting_date=dt.date(2023, 12, 15),
            meeting_place="Sở A",
            meeting_present="Sở A",
            meeting_secretary="Thư ký",
        )
    scoring = agree(cum, scoring)
    assert scoring.status == RoundStatus.THONG_NHAT
    scoring = services.round_publish(scoring=scoring, user=cum.offices["a"])
    assert scoring.status == RoundStatus.CONG_BO and scoring.published_at
    # After publication nothing changes: no self-score, no adjustment.
    with pytest.raises(DomainError):
        self_score(scoring, cum, "c")
    score.refresh_from_db()
    with pytest.raises(DomainError):
        services.score_adjust(score=score, user=cum.offices["a"], version=score.version, points=Decimal(1), comment="x")


def test_evidence_follows_the_upload_rules(cum):
    from django.core.files.uploadedfile import SimpleUploadedFile

    scoring = open_round(cum)
    score = score_of(scoring, cum, "c", "scale")
    with pytest.raises(DomainError, match="không phải tệp"):
        services.evidence_add(score=score, user=cum.offices["c"], upload=SimpleUploadedFile("a.pdf", b"<html>x</html>"))
    evidence = services.evidence_add(
        score=score, user=cum.offices["c"], upload=SimpleUploadedFile("bao-cao.html", b"%PDF-1.4 minh chung")
    )
    assert evidence.name == "bao-cao.pdf"
    with pytest.raises(DomainError):  # another member's score
        services.evidence_add(score=score, user=cum.offices["d"], upload=SimpleUploadedFile("b.pdf", b"%PDF-1.4 x"))
