import pytest
from django.apps import apps
from django.core.management import call_command

from campaigns.models import Cluster, ClusterMembership, Role, Unit, User


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"campaigns", "indicators", "awards"}
    }


@pytest.mark.django_db
def test_load_demo_twice_gives_the_same_row_counts(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
    assert first["campaigns.Unit"] > 20


@pytest.mark.django_db
def test_demo_holds_the_seeds_units_and_clusters(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    output = capsys.readouterr().out
    cluster_2 = Cluster.objects.get(name="Cụm thi đua số 2", year=2023)
    provinces = set(cluster_2.members.values_list("province", flat=True))
    assert provinces == {"Sơn La", "Lai Châu", "Điện Biên", "Lào Cai", "Hà Giang", "Cao Bằng", "Lạng Sơn"}
    assert ClusterMembership.objects.get(cluster=cluster_2, role="truong").unit.province == "Lào Cai"
    binh_phuoc = Unit.objects.get(code="stttt-binh-phuoc")
    assert set(binh_phuoc.clusters.values_list("name", flat=True)) == {"Cụm thi đua số 7", "Khối thi đua số 6"}
    assert Unit.objects.filter(code="stttt-bac-kan").exists()
    # One login per role, printed with the password.
    for role in Role:
        assert User.objects.filter(role_assignments__role=role).exists(), role
    assert "ThiDua@2025" in output and "vanphong.bp" in output


@pytest.mark.django_db
def test_load_demo_refuses_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="chỉ nạp khi DEBUG bật"):
        call_command("load_demo")


@pytest.mark.django_db
def test_bình_phước_6_month_report_agrees_everywhere(settings, capsys, client):
    """Issue "Figures you can trust", done means: the dashboard, the report (PDF's HTML) and its Excel file give the
    same total and judgement for every target of the Bình Phước 6-month report of 2023."""
    import io
    import re

    from django.urls import reverse
    from openpyxl import load_workbook

    from campaigns.models import Campaign, User
    from emulation.reports.data import build_report_data
    from emulation.reports.render import render_report_html, render_report_xlsx
    from indicators import selectors
    from indicators.demo import SEED_003_TITLE

    settings.DEBUG = True
    call_command("load_demo")
    office = User.objects.get(username="vanphong.bp")
    # The plan runs to 31/12/2025: the 2025 mergers handed it to Sở KH&CN Đồng Nai, its 2023 figures unchanged.
    campaign = Campaign.objects.get(title=SEED_003_TITLE)
    assert campaign.owner.code == "skhcn-dong-nai"
    assert campaign.events.filter(action__contains="Sở Khoa học và Công nghệ tỉnh Đồng Nai").exists()
    period = campaign.reporting_periods.get(kind="sau_thang", year=2023)

    _, rows = selectors.campaign_progress(campaign=campaign, period=period, user=office)
    data = build_report_data(campaign=campaign, period=period, user=office)
    client.force_login(office)
    page = client.get(reverse("indicators:campaign_progress", args=[campaign.pk]), {"ky": period.pk}).content.decode()
    report_html = render_report_html(data)
    totals = load_workbook(io.BytesIO(render_report_xlsx(data)))["Tổng hợp"]
    excel = {}
    for row in totals.iter_rows(values_only=True):
        if isinstance(row[0], int):
            excel[row[0]] = (row[2], row[5], row[9])  # indicator, plan, Đánh giá
    by_target = {row.target_id: row for row in data.targets}

    judged = 0
    for row in rows:
        if row.target.pk not in by_target:  # a target that applies to no unit in scope is left out of the report
            assert not row.units
            continue
        reported = by_target[row.target.pk]
        assert (reported.total.text, reported.total.label) == (row.total.text, row.total.label), row.target
        assert excel[reported.number] == (row.target.indicator.name, row.target.describe(), row.total.label)
        if row.total.text:
            assert row.total.text in report_html
            cell = re.escape(row.total.text) + r'</span> <span class="badge [^"]+">' + re.escape(row.total.label)
            assert re.search(cell, page), row.target
            judged += 1
    assert judged >= 10  # most of the plan's targets have figures in the demo
