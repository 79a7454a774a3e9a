"""The ranking rule: total, then group I, then fewer penalty points, then the meeting's decision."""

from __future__ import annotations

from decimal import Decimal

import pytest

from emulation.clusters import ranking, services
from emulation.clusters.tests.helpers import agree, score_of, through_self_scoring
from emulation.lib.errors import DomainError


def T(unit_id, total, first, penalty=0, position=None):  # noqa: N802
    return ranking.Total(unit_id, f"Sở {unit_id}", Decimal(total), Decimal(first), Decimal(penalty), position)


def order(rows):
    return [(r.rank, r.total.unit_id, r.tied, r.decided_by_meeting) for r in rows]


def test_more_points_rank_higher():
    assert order(ranking.rank([T(1, 80, 50), T(2, 90, 40), T(3, 85, 60)])) == [
        (1, 2, False, False),
        (2, 3, False, False),
        (3, 1, False, False),
    ]


def test_equal_totals_are_parted_by_group_one_then_by_fewer_penalty_points():
    rows = ranking.rank([T(1, 88, 55), T(2, 88, 56), T(3, 70, 40, penalty=0), T(4, 70, 40, penalty=2)])
    assert order(rows) == [(1, 2, False, False), (2, 1, False, False), (3, 3, False, False), (4, 4, False, False)]


def test_a_full_tie_shares_the_rank_until_the_meeting_decides():
    rows = ranking.rank([T(1, 90, 50), T(2, 80, 40), T(3, 80, 40), T(4, 60, 30)])
    assert order(rows) == [(1, 1, False, False), (2, 2, True, False), (2, 3, True, False), (4, 4, False, False)]
    assert [r.total.unit_id for r in ranking.undecided(rows)] == [2, 3]
    decided = ranking.rank([T(1, 90, 50), T(2, 80, 40, position=2), T(3, 80, 40, position=1), T(4, 60, 30)])
    assert order(decided) == [(1, 1, False, False), (2, 3, False, True), (3, 2, False, True), (4, 4, False, False)]


def test_the_rule_is_written_on_the_page(cum, client):
    through_self_scoring(cum)
    client.force_login(cum.offices["a"])
    from django.urls import reverse

    page = client.get(reverse("clusters:ranking", kwargs={"pk": cum.cluster.pk})).content.decode()
    assert "nếu bằng điểm, đơn vị có điểm nhóm I" in page and "Hội nghị Cụm quyết định thứ tự" in page


def test_the_meeting_cannot_agree_while_a_tie_is_undecided(cum):
    scoring = through_self_scoring(cum)
    # Make C equal to B on every key: same total, same group I, no penalty.
    for key, name, points in [("c", "scale", 8), ("c", "bonus", 2), ("c", "penalty", 0)]:
        score = score_of(scoring, cum, key, name)
        services.score_adjust(
            score=score, user=cum.offices["a"], version=score.version, points=Decimal(points), comment="Đối chiếu"
        )
    with pytest.raises(DomainError, match="Hội nghị Cụm cần quyết định thứ tự"):
        agree(cum, scoring)
    services.tie_decide(scoring=scoring, user=cum.offices["a"], positions={cum.sos["c"].pk: 1, cum.sos["b"].pk: 2})
    scoring = agree(cum, scoring)
    standings = {s.unit_id: (s.rank, s.decided_by_meeting) for s in scoring.standings.all()}
    assert standings[cum.sos["c"].pk] == (2, True) and standings[cum.sos["b"].pk] == (3, True)
    assert standings[cum.sos["a"].pk] == (1, False)
