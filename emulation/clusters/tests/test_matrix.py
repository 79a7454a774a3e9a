"""Runs the cluster rows of the permission matrix (matrix_clusters.ROWS) the way tests/test_permissions.py runs its
own, and checks every URL of the app has a row."""

from __future__ import annotations

import pytest
from django.urls import reverse

from emulation.clusters.tests.matrix_clusters import ROWS
from tests.matrix import PERSONAS

GET_CASES = [(name, persona) for name in ROWS for persona in PERSONAS]
POST_CASES = [(name, persona) for name, row in ROWS.items() if row.post for persona in PERSONAS]


def _persona(world, name):
    return None if name == "anonymous" else getattr(world, name)


def test_every_cluster_url_has_a_row():
    from emulation.clusters.urls import urlpatterns

    assert {f"clusters:{p.name}" for p in urlpatterns} - set(ROWS) == set()


@pytest.mark.parametrize(("name", "persona"), GET_CASES)
def test_get(name, persona, world, login):
    row = ROWS[name]
    client = login(_persona(world, persona))
    response = client.get(reverse(name, kwargs=row.kwargs(world)))
    assert response.status_code == row.get[persona], f"GET {name} as {persona}"


@pytest.mark.parametrize(("name", "persona"), POST_CASES)
def test_post(name, persona, world, login):
    row = ROWS[name]
    client = login(_persona(world, persona))
    url = reverse(name, kwargs=row.kwargs(world))
    before = row.unchanged(world) if row.unchanged else None
    response = client.post(url, row.post_data(world))
    assert response.status_code == row.post[persona], f"POST {name} as {persona}"
    if row.unchanged and persona not in row.may_change:
        assert row.unchanged(world) == before, f"POST {name} as {persona} changed what it may not"
