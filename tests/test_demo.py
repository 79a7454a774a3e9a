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
