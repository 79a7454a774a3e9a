"""Factories for units and people. Units go through treebeard's add_root/add_child to keep the tree valid."""

from __future__ import annotations

import itertools

import factory

from campaigns.models import Role, RoleAssignment, Unit, UnitLevel, User

_codes = itertools.count(1)


def make_unit(parent: Unit | None = None, *, name: str | None = None, level: str = UnitLevel.PHONG, **fields) -> Unit:
    number = next(_codes)
    fields.setdefault("code", f"unit-{number}")
    fields.setdefault("name", name or f"Đơn vị {number}")
    fields["level"] = level
    if parent is None:
        return Unit.objects.add_root(fields)
    parent.refresh_from_db()
    return Unit.objects.add_child(parent, fields)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", "MatKhau@2025")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def grant(user: User, unit: Unit, role: str = Role.CAN_BO, **fields) -> RoleAssignment:
    return RoleAssignment.objects.create(user=user, unit=unit, role=role, **fields)


def make_campaign(owner: Unit, **fields):
    import datetime

    from campaigns.models import Campaign
    from campaigns.services import campaign_generate_calendar

    fields.setdefault("title", f"Phong trào thi đua {next(_codes)}")
    fields.setdefault("issuer", "Sở Thông tin và Truyền thông")
    fields.setdefault("kind", "thuong_xuyen")
    fields.setdefault("start_date", datetime.date(2025, 1, 1))
    fields.setdefault("end_date", datetime.date(2025, 12, 31))
    fields.setdefault("status", "da_phat_dong")
    participants = fields.pop("participants", ())
    campaign = Campaign.objects.create(owner=owner, **fields)
    campaign.participants.set(participants)
    campaign_generate_calendar(campaign=campaign)
    return campaign
