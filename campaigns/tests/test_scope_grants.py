"""The grants every page reads: compiled once a day per process and bound to the person, they must be exactly the
ORM's answer — roles that ended or have not begun, and units that ended, are not grants."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import scope as scope_module
from campaigns.models import Role, Unit
from campaigns.scope import scope_for
from campaigns.tests.factories import UserFactory, grant, make_unit


@pytest.mark.django_db
def test_the_compiled_grants_are_the_orms_for_every_person_and_day(world):
    today = dt.date(2025, 7, 1)
    moved = UserFactory(username="chuyen-cong-tac")
    grant(moved, world.phong_a, Role.CAN_BO, valid_to=dt.date(2025, 6, 30))  # moved on 1 July
    grant(moved, world.phong_a2, Role.LANH_DAO, valid_from=dt.date(2025, 7, 1))
    merged = make_unit(world.so_a, name="Phòng sáp nhập", province="Tỉnh A")
    Unit.objects.filter(pk=merged.pk).update(valid_to=dt.date(2025, 6, 30))  # the unit ended with the merger
    grant(moved, merged, Role.CAN_BO)
    people = [world.staff, world.head, world.office, world.board, world.council, world.outsider, moved]
    for day in (dt.date(2025, 6, 30), today, dt.date(2030, 1, 1)):
        for person in people:
            orm = sorted(scope_module._grants_query(person.pk, day))
            assert sorted(scope_module._grant_rows(person.pk, day)) == orm
    assert {unit for _, unit, _, _ in scope_module._grant_rows(moved.pk, dt.date(2025, 6, 30))} == {
        world.phong_a.pk,
        merged.pk,
    }
    assert [row[:2] for row in scope_module._grant_rows(moved.pk, today)] == [(Role.LANH_DAO, world.phong_a2.pk)]


@pytest.mark.django_db
def test_a_scope_is_one_query_and_each_person_gets_their_own(world):
    scope_for(world.staff)  # the day's SQL compiled
    world.head.refresh_from_db()
    world.outsider.refresh_from_db()
    with CaptureQueriesContext(connection) as captured:
        head, outsider = scope_for(world.head), scope_for(world.outsider)
    assert len(captured) == 2
    assert {g.unit_id for g in head.grants} == {world.phong_a.pk}
    assert {g.unit_id for g in outsider.grants} == {world.phong_b.pk}
    assert head.holds(world.phong_a, Role.LANH_DAO) and not outsider.holds(world.phong_a, Role.CAN_BO)
