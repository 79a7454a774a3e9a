"""The targets form reads and shows numbers as every figure of the portal does: "1.234" is one thousand two
hundred and thirty-four, and the form as shown, posted back, changes no target."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, Target
from indicators.tests.factories import make_setup
from indicators.tests.test_figures_round_trip import posted_back

pytestmark = pytest.mark.django_db


def _fields(html: str) -> dict[str, str]:
    return posted_back(html.replace('<form method="post" novalidate>', '<form id="submission-form">', 1))


@pytest.fixture
def setup(world):
    setup = make_setup(world)
    households = Indicator.objects.create(
        code="ho-gia-dinh", name="Số hộ gia đình có địa chỉ số", measure="count", entry="number", unit_label="hộ"
    )
    rank = Indicator.objects.create(code="dti", name="Thứ hạng DTI", measure="rank", entry="rank")
    Target.objects.create(campaign=setup.campaign, indicator=households, comparator="gte", value=Decimal(168900))
    Target.objects.create(
        campaign=setup.campaign, indicator=rank, comparator="improve", value=Decimal(2), baseline=Decimal(47)
    )
    Target.objects.create(
        campaign=setup.campaign,
        indicator=Indicator.objects.create(code="tk", name="Tài khoản ngân hàng", measure="percent", entry="number"),
        comparator="range",
        value=Decimal("65.5"),
        value_max=Decimal(70),
    )
    return setup


def _stored(campaign):
    return sorted((t.indicator.code, t.comparator, t.value, t.value_max, t.baseline) for t in campaign.targets.all())


def test_the_targets_form_posted_back_as_shown_changes_nothing(client, login, world, setup):
    client = login(world.office)
    url = reverse("indicators:campaign_targets_edit", args=[setup.campaign.pk])
    before = _stored(setup.campaign)
    for _ in range(2):
        html = client.get(url).content.decode()
        assert 'value="168.900"' in html and 'value="65,5"' in html and 'value="47"' in html
        response = client.post(url, _fields(html))
        assert response.status_code == 302, response.content.decode()[:3000]
    assert _stored(setup.campaign) == before


def test_a_target_typed_with_grouping_is_read_in_thousands(client, login, world, setup):
    client = login(world.office)
    url = reverse("indicators:campaign_targets_edit", args=[setup.campaign.pk])
    fields = _fields(client.get(url).content.decode())
    row = next(k for k, v in fields.items() if k.endswith("-value") and v == "168.900")
    fields[row] = "172.450"
    assert client.post(url, fields).status_code == 302
    assert setup.campaign.targets.get(indicator__code="ho-gia-dinh").value == 172450


def test_a_dot_decimal_in_a_target_is_refused_and_kept_on_the_page(client, login, world, setup):
    client = login(world.office)
    url = reverse("indicators:campaign_targets_edit", args=[setup.campaign.pk])
    fields = _fields(client.get(url).content.decode())
    row = next(k for k, v in fields.items() if k.endswith("-value") and v == "65,5")
    fields[row] = "65.5"
    response = client.post(url, fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert "phần thập phân dùng dấu phẩy" in html and 'value="65.5"' in html
    assert setup.campaign.targets.get(indicator__code="tk").value == Decimal("65.5")  # unchanged


def test_a_rank_baseline_must_be_a_whole_rank(client, login, world, setup):
    client = login(world.office)
    url = reverse("indicators:campaign_targets_edit", args=[setup.campaign.pk])
    fields = _fields(client.get(url).content.decode())
    row = next(k for k, v in fields.items() if k.endswith("-baseline") and v == "47")
    fields[row] = "0"
    assert "Thứ hạng mốc là số nguyên từ 1 trở lên" in client.post(url, fields).content.decode()
