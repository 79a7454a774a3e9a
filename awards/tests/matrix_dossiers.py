"""Permission-matrix rows for the dossier pages (merged into tests/test_permissions.py).

Phòng A's dossiers (awards.tests.factories.make_dossier) are complete, so an allowed action succeeds (302) and a
refused one leaves the row unchanged. Province B's people get 404. A draft (nháp) is read by phòng A's own people
and Văn phòng Sở (which may accept a failed check on it: 403 for edits), so Ban TĐKT and the council get 404 on
it; a dossier with Văn phòng Sở (đã gửi, đang thẩm định) is read by the office and Ban TĐKT (read-only: 403) but
not yet by the council (404). Every state × role: tests/test_permissions.py, test_dossiers_by_state.
"""

from tests.matrix import DRAFT_DOSSIER_READERS, ONLY_A, Row, expect

UNIT_EDITORS = expect(302, 404, staff=200, head=200, office=403)  # on a draft
UNIT_EDITS = expect(302, 404, staff=302, head=302, office=403)  # on a draft
OFFICE_ACTS = expect(302, 403, office=302, council=404, **ONLY_A)  # on a dossier with the office
POST_ONLY = expect(302, 405)


def _dossier(world, status: str = "nhap"):
    """One dossier per state asked for, made once per test."""
    from awards.tests.factories import make_dossier

    cache = world.__dict__.setdefault("_awards_dossiers", {})
    if status not in cache:
        round_of_review = 0 if status in ("nhap", "da_gui") else 1
        cache[status] = make_dossier(world, status=status, review_round=round_of_review)
    return cache[status]


def _dossier_pk(status: str = "nhap"):
    return lambda world: {"pk": _dossier(world, status).pk}


def _nominee_pk(world) -> dict:
    return {"pk": _dossier(world).nominees.first().pk}


def _campaign_pk(world) -> dict:
    return {"pk": _dossier(world).campaign.pk}


def _field(name: str, status: str = "nhap"):
    def read(world):
        from awards.models import Dossier

        return getattr(Dossier.objects.get(pk=_dossier(world, status).pk), name)

    return read


def _dossier_form(world) -> dict:
    dossier = _dossier(world)
    return {
        "version": dossier.version,
        "submission_number": "99/TTr-MOI",
        "submission_date": "2025-11-21",
        "submission_signer": "Trần Thị Bình",
        "minutes_date": "2025-11-18",
        "minutes_members_total": "7",
        "minutes_members_present": "6",
        "note": "",
    }


def _nominee_form(world) -> dict:
    nominee = _dossier(world).nominees.first()
    return {
        "kind": "ca_nhan",
        "award_form": nominee.award_form_id,
        "full_name": "Tên mới của người được đề nghị",
        "birth_date": "1985-01-01",
        "rating": "xuat_sac",
        "khen-thuong-TOTAL_FORMS": "0",
        "khen-thuong-INITIAL_FORMS": "0",
        "khen-thuong-MIN_NUM_FORMS": "0",
        "khen-thuong-MAX_NUM_FORMS": "30",
    }


def _nominee_count(world) -> int:
    return _dossier(world).nominees.count()


def _first_nominee_name(world) -> str:
    from awards.models import Nominee

    return Nominee.objects.get(pk=_nominee_pk(world)["pk"]).full_name


def _dossier_count(world) -> int:
    from awards.models import Dossier

    return Dossier.objects.count()


def _override_form(world) -> dict:
    dossier = _dossier(world, "da_gui")
    nominee = dossier.nominees.first()
    nominee.rating = "tot"  # fails the standard, a check Văn phòng Sở may accept with a reason
    nominee.save()
    return {"code": f"standard-{nominee.pk}", "reason": "Đơn vị giải trình bằng văn bản."}


def _override_count(world) -> int:
    return _dossier(world, "da_gui").overrides.count()


ROWS = {
    "awards:campaign_dossiers": Row(kwargs=_campaign_pk, get=expect(302, 200, **ONLY_A)),
    "awards:dossier_create": Row(
        kwargs=_campaign_pk,
        get=POST_ONLY,
        post=expect(302, 403, staff=302, head=302, **ONLY_A),  # the campaign is read by all of province A
        post_data=lambda w: {"unit": w.phong_a.pk, "round": "dot_xuat", "year": "2025"},
        unchanged=_dossier_count,
        may_change=("staff", "head"),
    ),
    "awards:dossier_detail": Row(kwargs=_dossier_pk(), get=DRAFT_DOSSIER_READERS),
    "awards:dossier_edit": Row(
        kwargs=_dossier_pk(),
        get=UNIT_EDITORS,
        post=UNIT_EDITS,
        post_data=_dossier_form,
        unchanged=_field("submission_number"),
        may_change=("staff", "head"),
    ),
    "awards:nominee_create": Row(
        kwargs=_dossier_pk(),
        get=UNIT_EDITORS,
        post=UNIT_EDITS,
        post_data=_nominee_form,
        unchanged=_nominee_count,
        may_change=("staff", "head"),
    ),
    "awards:nominee_edit": Row(
        kwargs=_nominee_pk,
        get=UNIT_EDITORS,
        post=UNIT_EDITS,
        post_data=_nominee_form,
        unchanged=_first_nominee_name,
        may_change=("staff", "head"),
    ),
    "awards:nominee_delete": Row(
        kwargs=_nominee_pk,
        get=POST_ONLY,
        post=UNIT_EDITS,
        unchanged=_nominee_count,
        may_change=("staff", "head"),
    ),
    "awards:dossier_send": Row(
        kwargs=_dossier_pk(),
        get=POST_ONLY,
        post=expect(302, 404, staff=403, head=302, office=403),
        unchanged=_field("status"),
        may_change=("head",),
    ),
    "awards:dossier_receive": Row(
        kwargs=_dossier_pk("da_gui"),
        get=POST_ONLY,
        post=OFFICE_ACTS,
        unchanged=_field("status", "da_gui"),
    ),
    "awards:dossier_request_changes": Row(
        kwargs=_dossier_pk("dang_tham_dinh"),
        get=POST_ONLY,
        post=OFFICE_ACTS,
        post_data=lambda w: {"ho_so": "Bổ sung bản chụp quyết định công nhận sáng kiến."},
        unchanged=_field("status", "dang_tham_dinh"),
    ),
    "awards:dossier_accept": Row(
        kwargs=_dossier_pk("dang_tham_dinh"),
        get=POST_ONLY,
        post=OFFICE_ACTS,
        unchanged=_field("status", "dang_tham_dinh"),
    ),
    "awards:check_override": Row(
        kwargs=_dossier_pk("da_gui"),
        get=POST_ONLY,
        post=OFFICE_ACTS,
        post_data=_override_form,
        unchanged=_override_count,
    ),
}
