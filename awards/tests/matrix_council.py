"""Permission-matrix rows for the council and decision pages (merged into tests/test_permissions.py).

Meetings and decisions belong to Sở A: Văn phòng Sở A writes, its council members and Ban TĐKT read, the unit's
staff and head (whose read scope is their phòng) and province B get 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.matrix import Row, expect

READERS_OF_SO_A = dict(office=200, board=200, council=200)
OFFICES = expect(302, 403, office=200, office_b=200)


def council_setup(world):
    """Once per world: a campaign of Sở A, a valid dossier of phòng A with two nominees, a meeting that passed
    both, and a Tờ trình forwarding the first."""
    if hasattr(world, "_council"):
        return world._council
    from awards import services
    from awards.models import Dossier, Nominee, VoteRule
    from campaigns.models import AwardForm
    from campaigns.tests.factories import make_campaign

    campaign = make_campaign(world.so_a, title="Phong trào có hội đồng")
    form = AwardForm.objects.create(
        code="cstd-co-so-ma-tran",
        name="Chiến sĩ thi đua cơ sở",
        kind="danh_hieu",
        target="ca_nhan",
        authority="Giám đốc Sở",
    )
    VoteRule.objects.create(award_form=form, threshold_percent=Decimal(80), valid_from=dt.date(2024, 1, 1))
    dossier = Dossier.objects.create(
        campaign=campaign, unit=world.phong_a, round_kind="nam", year=2025, status="hop_le"
    )
    first, second = (
        Nominee.objects.create(dossier=dossier, kind="ca_nhan", award_form=form, full_name=name, rating="xuat_sac")
        for name in ("Nguyễn Văn Một", "Trần Thị Hai")
    )
    meeting = services.meeting_create(
        owner=world.so_a,
        campaign=campaign,
        user=world.office,
        data={"held_on": dt.date(2025, 6, 1), "members_total": 15, "members_present": 13},
    )
    services.meeting_record_votes(meeting=meeting, user=world.office, votes={first.pk: (13, 2), second.pk: (12, 3)})
    decision = services.decision_create(
        owner=world.so_a,
        user=world.office,
        kind="to_trinh",
        data={
            "number": "01/TTr-STTTT",
            "signed_on": dt.date(2025, 6, 5),
            "signer": "Giám đốc",
            "issuer": "Sở TT&TT tỉnh A",
        },
        nominees=[first],
    )
    world._council = (meeting, decision)
    return world._council


def _meeting(world) -> dict:
    return {"pk": council_setup(world)[0].pk}


def _decision(world) -> dict:
    return {"pk": council_setup(world)[1].pk}


def _vote_count(world) -> int:
    from awards.models import Vote

    return Vote.objects.filter(meeting=council_setup(world)[0]).count()


def _meeting_state(world) -> tuple:
    from awards.models import Meeting

    meeting = Meeting.objects.get(pk=council_setup(world)[0].pk)
    return (meeting.members_total, meeting.location, meeting.members.count())


def _meeting_count(world) -> int:
    from awards.models import Meeting

    return Meeting.objects.count()


def _decision_count(world) -> int:
    from awards.models import Decision

    return Decision.objects.count()


def _higher_number(world) -> str:
    from awards.models import Decision

    return Decision.objects.get(pk=council_setup(world)[1].pk).higher_number


ROWS = {
    "awards:meeting_list": Row(),
    "awards:meeting_create": Row(get=OFFICES, post=OFFICES, unchanged=_meeting_count, may_change=()),
    "awards:meeting_detail": Row(
        kwargs=_meeting,
        get=expect(302, 404, **READERS_OF_SO_A),
        # An empty POST is refused with a message (200) for Văn phòng Sở A; readers are forbidden.
        post=expect(302, 404, office=200, board=403, council=403),
        unchanged=_vote_count,
        may_change=(),
    ),
    "awards:meeting_update": Row(
        kwargs=_meeting,
        get=expect(302, 404, office=200, board=403, council=403),
        # An empty POST is refused with the form's messages (200) for Văn phòng Sở A; readers are forbidden.
        post=expect(302, 404, office=200, board=403, council=403),
        unchanged=_meeting_state,
        may_change=(),
    ),
    "awards:decision_list": Row(),
    "awards:decision_create": Row(get=OFFICES, post=OFFICES, unchanged=_decision_count, may_change=()),
    "awards:decision_detail": Row(
        kwargs=_decision,
        get=expect(302, 404, **READERS_OF_SO_A),
        post=expect(302, 404, office=200, board=403, council=403),
        unchanged=_higher_number,
        may_change=(),
    ),
}
