import pytest

from emulation.clusters.tests.factories import make_cum


@pytest.fixture
def cum(db):
    return make_cum()
