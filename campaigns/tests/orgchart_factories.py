"""Organisation changes made directly in tests, the way a merger leaves the data (campaigns.orgchart): the earlier
state kept as a UnitVersion valid to the day before, the predecessor ended and moved under its successor, its
continuing children moved under the successor with the successor's province, and the change with its links.

`bình_phước_into_đồng_nai(world)` is the 2025 case: world's Sở A becomes "Sở Thông tin và Truyền thông tỉnh Bình
Phước" (phòng A its "Phòng Công nghệ thông tin"), merged on 01/07/2025 into "Sở Khoa học và Công nghệ tỉnh Đồng Nai",
phòng A continuing under it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from campaigns.models import Signer, Unit, UnitLevel
from campaigns.orgchart import OrgChange, OrgChangeKind, OrgChangeLink, UnitVersion
from campaigns.tests.factories import make_unit

MERGED_ON = dt.date(2025, 7, 1)
BP_SO = "Sở Thông tin và Truyền thông tỉnh Bình Phước"
DN_SO = "Sở Khoa học và Công nghệ tỉnh Đồng Nai"


def keep_state(unit: Unit, *, until: dt.date, change: OrgChange | None) -> UnitVersion:
    """Keep the unit's present state (name, level, province, parent) as a past state ending on `until`."""
    unit.refresh_from_db()
    last = unit.versions.order_by("-valid_to").first()
    return UnitVersion.objects.create(
        unit=unit,
        name=unit.name,
        short_name=unit.short_name,
        level=unit.level,
        province=unit.province,
        symbol=unit.symbol,
        parent=Unit.objects.get_parent(unit) if unit.depth > 1 else None,
        valid_from=last.valid_to + dt.timedelta(days=1) if last else unit.valid_from,
        valid_to=until,
        change=change,
    )


def rename(unit: Unit, *, on: dt.date, name: str, short_name: str = "", **fields) -> OrgChange:
    change = OrgChange.objects.create(kind=OrgChangeKind.DOI_TEN, effective_on=on, basis_doc_type="Quyết định")
    keep_state(unit, until=on - dt.timedelta(days=1), change=change)
    Unit.objects.filter(pk=unit.pk).update(name=name, short_name=short_name, **fields)
    OrgChangeLink.objects.create(change=change, predecessor=unit, successor=unit)
    unit.refresh_from_db()
    return change


def move(unit: Unit, *, on: dt.date, under: Unit) -> OrgChange:
    change = OrgChange.objects.create(kind=OrgChangeKind.CHUYEN, effective_on=on, basis_doc_type="Quyết định")
    keep_state(unit, until=on - dt.timedelta(days=1), change=change)
    Unit.objects.move(Unit.objects.get(pk=unit.pk), Unit.objects.get(pk=under.pk), "sorted-child")
    OrgChangeLink.objects.create(change=change, predecessor=unit, successor=unit)
    unit.refresh_from_db()
    return change


def merge(
    predecessors: list[Unit],
    successor: Unit,
    *,
    on: dt.date,
    continuing: list[Unit] = (),
    basis_number: str = "202/2025/QH15",  # test data; number and date CHƯA ĐỐI CHIẾU with the official text
    basis_doc_type: str = "Nghị quyết",
) -> OrgChange:
    """Predecessors ended the day before `on` and moved under the successor; `continuing` children moved under the
    successor too, with its province from `on`."""
    change = OrgChange.objects.create(
        kind=OrgChangeKind.SAP_NHAP,
        effective_on=on,
        basis_doc_type=basis_doc_type,
        basis_number=basis_number,
        basis_date=dt.date(2025, 6, 12),
        basis_issuer="Quốc hội",
        basis_title="sắp xếp đơn vị hành chính cấp tỉnh",
    )
    end = on - dt.timedelta(days=1)
    successor.refresh_from_db()
    for unit in continuing:
        keep_state(unit, until=end, change=change)
    for predecessor in predecessors:
        keep_state(predecessor, until=end, change=change)
        Unit.objects.filter(pk=predecessor.pk).update(valid_to=end)
        Unit.objects.move(Unit.objects.get(pk=predecessor.pk), Unit.objects.get(pk=successor.pk), "sorted-child")
        OrgChangeLink.objects.create(change=change, predecessor=predecessor, successor=successor)
    for unit in continuing:
        Unit.objects.filter(pk=unit.pk).update(province=successor.province)
        Unit.objects.move(Unit.objects.get(pk=unit.pk), Unit.objects.get(pk=successor.pk), "sorted-child")
    for unit in [*predecessors, *continuing, successor]:
        unit.refresh_from_db()
    return change


@dataclass
class Merger:
    so_bp: Unit  # Sở TT&TT Bình Phước (world.so_a), ended 30/06/2025
    phong: Unit  # its Phòng CNTT (world.phong_a), continuing under the successor
    so_dn: Unit  # Sở KH&CN Đồng Nai, the successor
    change: OrgChange


def bình_phước_into_đồng_nai(world, *, old_signer: bool = True) -> Merger:
    """`old_signer=False` when the test has given Sở A its signers already."""
    Unit.objects.filter(pk=world.so_a.pk).update(
        name=BP_SO, short_name="Sở TT&TT Bình Phước", province="Bình Phước", symbol="STTTT"
    )
    Unit.objects.filter(pk=world.phong_a.pk).update(
        name="Phòng Công nghệ thông tin", short_name="Phòng CNTT", province="Bình Phước"
    )
    so_dn = make_unit(
        world.bo, name=DN_SO, short_name="Sở KH&CN Đồng Nai", level=UnitLevel.SO, province="Đồng Nai", symbol="SKHCN"
    )
    if old_signer:
        Signer.objects.create(
            unit=world.so_a,
            position="Giám đốc",
            name="Nguyễn Hoài Nam",
            valid_from=dt.date(2022, 1, 1),
            valid_to=MERGED_ON - dt.timedelta(days=1),
        )
    Signer.objects.create(unit=so_dn, position="Giám đốc", name="Trần Văn Đông", valid_from=MERGED_ON)
    change = merge([world.so_a], so_dn, on=MERGED_ON, continuing=[world.phong_a])
    for name in ("bo", "so_a", "phong_a", "phong_a2"):
        getattr(world, name).refresh_from_db()
    return Merger(so_bp=world.so_a, phong=world.phong_a, so_dn=so_dn, change=change)
