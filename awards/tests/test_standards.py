"""Award standards are data with validity dates: the round's date picks the version, a campaign's own standard
wins over the general one, a form's own over the one for every form, and a missing standard says so."""

import datetime as dt

import pytest
from django.core.management import call_command

from awards import services
from awards.catalogue import load_standards
from awards.models import AwardStandard, Dossier, Nominee
from campaigns.models import AwardForm
from campaigns.tests.factories import make_campaign

pytestmark = pytest.mark.django_db


def _form(code="gk-so", target="ca_nhan", name="Giấy khen của Giám đốc Sở") -> AwardForm:
    return AwardForm.objects.create(code=code, name=name, kind="hinh_thuc", target=target, authority="Giám đốc Sở")


def _dossier(world, *, year=2023, campaign=None, form=None, **person) -> tuple[Dossier, Nominee]:
    campaign = campaign or make_campaign(world.so_a, start_date=dt.date(2022, 1, 1), end_date=dt.date(2030, 12, 31))
    dossier = Dossier.objects.create(campaign=campaign, unit=world.phong_a, round_kind="nam", year=year)
    nominee = Nominee.objects.create(
        dossier=dossier,
        kind="ca_nhan",
        award_form=form or _form(),
        full_name="Lê Thị Hoa",
        rating=person.pop("rating", "tot"),
        **person,
    )
    return dossier, nominee


def _standard(dossier: Dossier):
    return next(c for c in services.dossier_checks(dossier) if c.code.startswith("standard"))


def test_a_2023_round_keeps_2023_s_standard_after_a_new_one_starts(world):
    AwardStandard.objects.create(target="ca_nhan", min_rating="xuat_sac", valid_to=dt.date(2023, 12, 31))
    AwardStandard.objects.create(
        target="ca_nhan", min_rating="tot", valid_from=dt.date(2024, 1, 1), legal_basis="Quy định mới"
    )
    form = _form()
    old, _ = _dossier(world, year=2023, form=form)
    new, _ = _dossier(world, year=2024, campaign=old.campaign, form=form)

    check = _standard(old)
    assert not check.ok and "chưa được xếp loại “hoàn thành xuất sắc nhiệm vụ”" in check.message
    assert _standard(new).ok


def test_a_campaign_s_own_standard_wins_and_is_cited(world):
    load_standards()
    dossier, _ = _dossier(world, rating="tot")
    assert not _standard(dossier).ok  # the general standard: xuất sắc
    AwardStandard.objects.create(
        target="ca_nhan", campaign=dossier.campaign, min_rating="tot", legal_basis="Kế hoạch của Sở, mục III.2"
    )
    assert _standard(dossier).ok
    other, _ = _dossier(world, rating="tot", form=dossier.nominees.get().award_form)
    assert not _standard(other).ok, "another campaign keeps the general standard"


def test_a_form_s_own_standard_wins_over_the_general_one(world):
    load_standards()
    call_command("load_catalogue", verbosity=0)  # adds the titles' own standards for the catalogue forms
    ldtt = AwardForm.objects.filter(code="lao-dong-tien-tien").order_by("pk").first()
    assert AwardStandard.objects.filter(award_form=ldtt).exists()
    dossier, _ = _dossier(world, year=2025, form=ldtt, rating="tot")
    assert _standard(dossier).ok, "Lao động tiên tiến asks “hoàn thành tốt nhiệm vụ”"
    dossier, _ = _dossier(world, year=2025, form=ldtt, rating="hoan_thanh")
    check = _standard(dossier)
    assert not check.ok and "“hoàn thành tốt nhiệm vụ” trở lên" in check.message
    assert "Căn cứ: Luật Thi đua, khen thưởng 2022" in check.message


def test_an_initiative_may_stand_in_for_the_rating_where_the_standard_says_so(world):
    form = _form(code="cstdcs", name="Chiến sĩ thi đua cơ sở")
    AwardStandard.objects.create(target="ca_nhan", award_form=form, min_rating="xuat_sac", initiative_alternative=True)
    without, _ = _dossier(world, year=2025, form=form, rating="tot")
    assert "hoặc có sáng kiến" in _standard(without).message
    with_initiative, _ = _dossier(world, year=2025, form=form, rating="tot", initiative="Sáng kiến số hóa hồ sơ")
    assert _standard(with_initiative).ok


def test_a_disciplined_person_fails_and_the_office_cannot_override_it(world):
    load_standards()
    dossier, _ = _dossier(world, rating="xuat_sac", disciplined=True)
    check = _standard(dossier)
    assert not check.ok and not check.overridable
    assert "đang bị kỷ luật" in check.message


def test_no_standard_for_the_round_is_a_failing_check_that_names_the_form_and_date(world):
    dossier, _ = _dossier(world, rating="xuat_sac")
    check = _standard(dossier)
    assert not check.ok and check.overridable
    assert "Chưa có tiêu chuẩn khen thưởng cho “Giấy khen của Giám đốc Sở” áp dụng ngày 31/12/2023" in check.message


def test_loading_the_standards_twice_adds_nothing_and_keeps_an_administrator_s_edit(world):
    assert load_standards() == 2  # the general ones; the titles' need the catalogue forms
    general = AwardStandard.objects.get(target="ca_nhan", award_form=None)
    general.min_rating = "tot"
    general.save()
    assert load_standards() == 0
    general.refresh_from_db()
    assert general.min_rating == "tot"


def test_the_standards_are_edited_in_the_admin_with_their_history(client, world):
    load_standards()
    world.admin.is_staff = world.admin.is_superuser = True
    world.admin.save()
    client.force_login(world.admin)
    standard = AwardStandard.objects.get(target="tap_the", award_form=None)
    response = client.get(f"/quan-tri/awards/awardstandard/{standard.pk}/change/")
    assert response.status_code == 200
    assert "Tập thể: tỷ lệ chỉ tiêu đạt tối thiểu (%)" in response.content.decode()
    assert client.get(f"/quan-tri/awards/awardstandard/{standard.pk}/history/").status_code == 200


def test_a_passing_standard_shows_its_legal_basis_on_the_dossier_page(world, login):
    AwardStandard.objects.create(target="ca_nhan", min_rating="tot", legal_basis="Kế hoạch số 12/KH-STTTT, mục III.2")
    dossier, _ = _dossier(world, rating="xuat_sac")
    page = login(world.staff).get(f"/ho-so/{dossier.pk}/").content.decode()
    assert "Căn cứ: Kế hoạch số 12/KH-STTTT, mục III.2" in page
