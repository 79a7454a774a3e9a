"""Permission-matrix rows for the cluster pages (to be merged into tests/test_permissions.py by adding
"emulation.clusters.tests" to its `_app_rows` packages; emulation/clusters/tests/test_matrix.py runs them meanwhile).

The world: a Cụm of the Bộ whose Cụm trưởng is Sở A (so "office", Văn phòng Sở A, acts for the Cụm trưởng) and whose
other member is a Sở C nobody in the world speaks for; Sở B is not a member. So:
- the cluster's public pages (members, giao ước, chấm điểm, xếp hạng, the table, the published Biên bản) answer
  everyone of province A (their Sở belongs to the Cụm) and 404 to province B's people;
- a member's internal record (its scores, evidence) answers that member's own Văn phòng and the heads only: Sở A's
  own record is the office's; province A's staff, head, board and council get 404 like everyone else;
- actions: the Cụm trưởng's office only (403 for the others who see the page, 404 for those who do not);
  membership and copy: the organiser's office (the Bộ), so 403 for everyone here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.matrix import ONLY_A, Row, expect

PUBLIC = expect(302, 200, **{**ONLY_A})
ACTION = expect(302, 403, office=302, **{**ONLY_A})
POST_ONLY = expect(302, 405)
OWN_RECORD = expect(302, 404, office=200)


def _state(world, stage: str = "open"):
    """The Cụm, its table and campaign; scoring moved to `stage`: "none", "open", "cross", "published"."""
    key = f"_cum_{stage}"
    if hasattr(world, key):
        return getattr(world, key)
    from campaigns.models import AwardForm, Cluster, ClusterKind, ClusterMembership, ClusterRole, Signer, UnitLevel
    from campaigns.tests.factories import make_campaign, make_unit
    from emulation.clusters import services
    from emulation.clusters.models import AwardQuota, Criterion, CriterionGroup, ScoringTable

    so_c = make_unit(world.bo, name="Sở TT&TT tỉnh C", level=UnitLevel.SO, province="Tỉnh C")
    cluster = Cluster.objects.create(
        kind=ClusterKind.CUM, number=9, year=2023, name="Cụm thi đua số 9", organiser=world.bo
    )
    ClusterMembership.objects.create(cluster=cluster, unit=world.so_a, role=ClusterRole.TRUONG)
    ClusterMembership.objects.create(cluster=cluster, unit=so_c, role=ClusterRole.THANH_VIEN)
    table = ScoringTable.objects.create(name="Bảng điểm", organiser=world.bo, valid_from=dt.date(2020, 1, 1))
    group = CriterionGroup.objects.create(table=table, code="I", name="Nhiệm vụ", order=1)
    Criterion.objects.create(group=group, code="1", text="Báo chí", kind="thang_diem", max_points=Decimal(10))
    form = AwardForm.objects.create(
        code="co-ma-tran", name="Cờ thi đua", kind="danh_hieu", target="tap_the", authority="Bộ trưởng"
    )
    AwardQuota.objects.create(table=table, award_form=form, max_count=1)
    campaign = make_campaign(
        world.so_a, issuer_cluster=cluster, start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31)
    )
    Signer.objects.create(unit=world.so_a, position="Giám đốc", name="Người Ký", valid_from=dt.date(2020, 1, 1))
    pledge = services.pledge_save(cluster=cluster, user=world.office, title="Giao ước", contents="Nội dung", targets=[])
    pledge = services.pledge_launch(pledge=pledge, user=world.office)
    from django.core.files.uploadedfile import SimpleUploadedFile

    signature = services.pledge_sign(
        pledge=pledge, unit=world.so_a, user=world.office, upload=SimpleUploadedFile("g.pdf", b"%PDF-1.4 ky")
    )
    state = {"cluster": cluster, "so_c": so_c, "signature": signature, "scoring": None, "table": table}
    if stage != "none":
        scoring = services.round_open(cluster=cluster, user=world.office, table=table, campaign=campaign)
        own = scoring.scores.get(unit=world.so_a)
        services.self_score_save(
            scoring=scoring, unit=world.so_a, user=world.office, entries=[services.SelfEntry(own.pk, Decimal(8), "")]
        )
        state["evidence"] = services.evidence_add(
            score=own, user=world.office, upload=SimpleUploadedFile("mc.pdf", b"%PDF-1.4 mc")
        )
        state.update(scoring=scoring, own=own, other=scoring.scores.get(unit=so_c))
        if stage in ("cross", "published"):
            scoring = services.round_start_cross_check(scoring=scoring, user=world.office)
        if stage == "published":
            scoring = services.round_agree(
                scoring=scoring,
                user=world.office,
                meeting_date=dt.date(2023, 12, 15),
                meeting_place="Sở A",
                meeting_present="Sở A\nSở C",
                meeting_secretary="Thư ký",
            )
            scoring = services.round_publish(scoring=scoring, user=world.office)
        state["scoring"] = scoring
    setattr(world, key, state)
    return state


def _pk(stage="open"):
    return lambda w: {"pk": _state(w, stage)["cluster"].pk}


def _count(model_path: str):
    def count(world):
        from django.apps import apps

        return apps.get_model(*model_path.split(".")).objects.count()

    return count


def _memberships(world):
    from campaigns.models import ClusterMembership

    return sorted(ClusterMembership.objects.values_list("cluster_id", "unit_id", "role"))


def _pledges(world):
    from emulation.clusters.models import Pledge

    return list(Pledge.objects.values_list("title", "status"))


def _round_status(world):
    from emulation.clusters.models import ScoringRound

    return list(ScoringRound.objects.values_list("status", flat=True))


def _points(world):
    from emulation.clusters.models import Score

    return sorted(Score.objects.values_list("pk", "self_points", "points"))


ROWS = {
    "clusters:year": Row(kwargs=_pk(), get=PUBLIC),
    # Membership is the organiser's (the Bộ): no persona of the matrix may change it; Quản trị at the Bộ ("admin",
    # outside PERSONAS) may, and is who test_fuzz_forms posts as.
    "clusters:members": Row(
        kwargs=_pk(),
        get=expect(302, 403, **ONLY_A),
        post=expect(302, 403, admin=302, **ONLY_A),
        unchanged=_memberships,
        may_change=(),
    ),
    "clusters:copy": Row(
        kwargs=_pk(),
        get=POST_ONLY,
        post=expect(302, 403, admin=302, **ONLY_A),
        unchanged=_count("campaigns.Cluster"),
        may_change=(),
    ),
    "clusters:pledge": Row(
        kwargs=_pk(),
        get=PUBLIC,
        post=ACTION,
        post_data=lambda w: {"title": "Giao ước sửa", "contents": "Nội dung sửa", "targets": ""},
        unchanged=_pledges,
    ),
    "clusters:pledge_launch": Row(
        kwargs=_pk(), get=POST_ONLY, post=ACTION, unchanged=_count("clusters.PledgeSignature")
    ),
    # Every member signs for itself; Sở A has signed already (the office is told so), the rest are not members.
    "clusters:pledge_sign": Row(kwargs=_pk(), get=POST_ONLY, post=ACTION, unchanged=_count("clusters.PledgeSignature")),
    "clusters:signature_file": Row(kwargs=lambda w: {"pk": _state(w)["signature"].pk}, get=PUBLIC),
    "clusters:scoring": Row(kwargs=_pk("none"), get=PUBLIC, post=ACTION, unchanged=_count("clusters.ScoringRound")),
    "clusters:member_scores": Row(
        kwargs=lambda w: {"pk": _state(w)["cluster"].pk, "unit_pk": w.so_a.pk},
        get=OWN_RECORD,
        post=expect(302, 404, office=302),
        post_data=lambda w: {f"p_{_state(w)['own'].pk}": "9"},
        unchanged=_points,
    ),
    "clusters:advance": Row(
        kwargs=_pk(), get=POST_ONLY, post=ACTION, post_data=lambda w: {"buoc": "cham_cheo"}, unchanged=_round_status
    ),
    # The Cụm trưởng's office cross-checks Sở C; no one else here reads Sở C's record.
    "clusters:adjust": Row(
        kwargs=lambda w: {"pk": _state(w, "cross")["other"].pk},
        get=POST_ONLY,
        post=expect(302, 404, office=302),
        post_data=lambda w: {
            f"s{_state(w, 'cross')['other'].pk}-points": "5",
            f"s{_state(w, 'cross')['other'].pk}-comment": "Thiếu minh chứng",
            f"s{_state(w, 'cross')['other'].pk}-version": _state(w, "cross")["other"].version,
        },
        unchanged=_points,
    ),
    "clusters:evidence_add": Row(
        kwargs=lambda w: {"pk": _state(w)["own"].pk},
        get=POST_ONLY,
        post=expect(302, 404, office=302),
        unchanged=_count("clusters.ScoreEvidence"),
    ),
    "clusters:evidence_file": Row(kwargs=lambda w: {"pk": _state(w)["evidence"].pk}, get=OWN_RECORD),
    "clusters:ranking": Row(kwargs=_pk("cross"), get=PUBLIC),
    "clusters:ties": Row(kwargs=_pk("cross"), get=POST_ONLY, post=ACTION, unchanged=_count("clusters.TieDecision")),
    "clusters:agree": Row(kwargs=_pk("cross"), get=POST_ONLY, post=ACTION, unchanged=_round_status),
    "clusters:propose": Row(kwargs=_pk("published"), get=POST_ONLY, post=ACTION, unchanged=_count("clusters.Proposal")),
    "clusters:minutes": Row(kwargs=_pk("published"), get=PUBLIC),
    "clusters:minutes_docx": Row(kwargs=_pk("published"), get=PUBLIC),
    "clusters:table": Row(
        kwargs=lambda w: {"pk": _state(w, "none")["table"].pk},
        get=PUBLIC,
    ),
}
