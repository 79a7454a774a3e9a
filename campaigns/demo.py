"""Demo units, clusters and people from the seeds (shared/seeds). Idempotent: keyed on codes and usernames."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from campaigns.models import (
    Cluster,
    ClusterKind,
    ClusterMembership,
    ClusterRole,
    Role,
    RoleAssignment,
    Signer,
    Unit,
    UnitLevel,
    User,
)

DEMO_PASSWORD = "ThiDua@2025"  # noqa: S105 - printed on purpose: these are demo logins

DEPARTMENTS = [
    ("van-phong", "Văn phòng Sở", "VP"),
    ("thanh-tra", "Thanh tra Sở", "TT"),
    ("bcvt", "Phòng Bưu chính – Viễn thông", "BCVT"),
    ("cntt", "Phòng Công nghệ thông tin", "CNTT"),
    ("ttbcxb", "Phòng Thông tin – Báo chí – Xuất bản", "TTBCXB"),
    ("ttcntt", "Trung tâm Công nghệ thông tin và Truyền thông", "TT CNTT&TT"),
]

CLUSTER_2_PROVINCES = ["Sơn La", "Lai Châu", "Điện Biên", "Lào Cai", "Hà Giang", "Cao Bằng", "Lạng Sơn"]

PROVINCE_CODES = {
    "Bình Phước": "binh-phuoc",
    "Bắc Kạn": "bac-kan",
    "Sơn La": "son-la",
    "Lai Châu": "lai-chau",
    "Điện Biên": "dien-bien",
    "Lào Cai": "lao-cai",
    "Hà Giang": "ha-giang",
    "Cao Bằng": "cao-bang",
    "Lạng Sơn": "lang-son",
}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    position: str
    grants: tuple[tuple[str, str], ...]  # (role, unit code)
    staff: bool = False
    superuser: bool = False


DEMO_LOGINS = [
    DemoLogin("canbo.bp", "Nguyễn Văn An", "Chuyên viên Phòng CNTT", ((Role.CAN_BO, "binh-phuoc-cntt"),)),
    DemoLogin(
        "lanhdao.bp",
        "Trần Thị Bình",
        "Trưởng phòng CNTT",
        ((Role.LANH_DAO, "binh-phuoc-cntt"), (Role.HOI_DONG, "stttt-binh-phuoc")),
    ),
    DemoLogin("vanphong.bp", "Lê Văn Cường", "Chánh Văn phòng Sở", ((Role.VAN_PHONG, "stttt-binh-phuoc"),)),
    DemoLogin("hoidong.bp", "Phạm Thị Dung", "Phó Giám đốc Sở", ((Role.HOI_DONG, "stttt-binh-phuoc"),)),
    DemoLogin("bantdkt.bp", "Hoàng Văn Em", "Chuyên viên Ban TĐKT tỉnh", ((Role.BAN_TDKT, "stttt-binh-phuoc"),)),
    DemoLogin("canbo.bk", "Đỗ Thị Giang", "Chuyên viên Phòng CNTT", ((Role.CAN_BO, "bac-kan-cntt"),)),
    DemoLogin("vanphong.bk", "Vũ Văn Hải", "Chánh Văn phòng Sở", ((Role.VAN_PHONG, "stttt-bac-kan"),)),
    DemoLogin("quantri", "Quản trị hệ thống", "Quản trị", ((Role.QUAN_TRI, "bo-tttt"),), staff=True, superuser=True),
]


def _node(parent: Unit | None, *, code: str, **fields) -> Unit:
    existing = Unit.objects.filter(code=code).first()
    if existing:
        return existing
    if parent is None:
        return Unit.objects.add_root({"code": code, **fields})
    parent.refresh_from_db()  # treebeard needs the parent's current numchild
    return Unit.objects.add_child(parent, {"code": code, **fields})


def _province(bo: Unit, province: str, *, with_departments: bool) -> Unit:
    code = PROVINCE_CODES[province]
    so = _node(
        bo,
        code=f"stttt-{code}",
        name=f"Sở Thông tin và Truyền thông tỉnh {province}",
        short_name=f"Sở TT&TT {province}",
        level=UnitLevel.SO,
        province=province,
    )
    if with_departments:
        for suffix, name, short in DEPARTMENTS:
            _node(so, code=f"{code}-{suffix}", name=name, short_name=short, level=UnitLevel.PHONG, province=province)
    return so


@transaction.atomic
def load() -> list[DemoLogin]:
    bo = _node(None, code="bo-tttt", name="Bộ Thông tin và Truyền thông", short_name="Bộ TT&TT", level=UnitLevel.BO)
    binh_phuoc = _province(bo, "Bình Phước", with_departments=True)
    _province(bo, "Bắc Kạn", with_departments=True)
    for suffix, name, level in [
        ("bu-dang", "Phòng Văn hóa và Thông tin huyện Bù Đăng", UnitLevel.HUYEN),
        ("dong-xoai", "Phòng Văn hóa và Thông tin thành phố Đồng Xoài", UnitLevel.HUYEN),
        ("vnpt", "VNPT Bình Phước", UnitLevel.DOANH_NGHIEP),
        ("buu-dien", "Bưu điện tỉnh Bình Phước", UnitLevel.DOANH_NGHIEP),
    ]:
        _node(binh_phuoc, code=f"binh-phuoc-{suffix}", name=name, level=level, province="Bình Phước")
    cluster_2 = [_province(bo, p, with_departments=False) for p in CLUSTER_2_PROVINCES]
    ubnd_bp = _node(
        None,
        code="ubnd-binh-phuoc",
        name="Ủy ban nhân dân tỉnh Bình Phước",
        short_name="UBND tỉnh Bình Phước",
        level=UnitLevel.KHAC,
        province="Bình Phước",
    )

    _cluster(
        organiser=bo,
        kind=ClusterKind.CUM,
        number=2,
        year=2023,
        name="Cụm thi đua số 2",
        decision="Quyết định phân công Cụm trưởng, Cụm phó năm 2023 của Bộ TT&TT",
        note="07 Sở TT&TT các tỉnh miền núi, biên giới phía Bắc (Chương trình phát động thi đua năm 2023).",
        members=[(u, ClusterRole.TRUONG if u.province == "Lào Cai" else ClusterRole.THANH_VIEN) for u in cluster_2],
    )
    _cluster(
        organiser=bo,
        kind=ClusterKind.CUM,
        number=7,
        year=2023,
        name="Cụm thi đua số 7",
        members=[(binh_phuoc, ClusterRole.THANH_VIEN)],
    )
    _cluster(
        organiser=ubnd_bp,
        kind=ClusterKind.KHOI,
        number=6,
        year=2023,
        name="Khối thi đua số 6",
        members=[(binh_phuoc, ClusterRole.THANH_VIEN)],
    )

    for login in DEMO_LOGINS:
        _person(login)
    _signers(binh_phuoc, Unit.objects.get(code="stttt-bac-kan"), ubnd_bp)
    return DEMO_LOGINS


# Who signs the demo's documents. Bắc Kạn's Giám đốc is the signer of seed 004; Bình Phước's Sở and UBND names are
# illustrative (seed 000 is an unsigned draft), except that the Phó Giám đốc is the demo's council member
# hoidong.bp, who signs the periodic reports "KT. GIÁM ĐỐC".
DEMO_SIGNERS_FROM = datetime.date(2022, 1, 1)


def _signers(binh_phuoc: Unit, bac_kan: Unit, ubnd_bp: Unit) -> None:
    rows = [
        (binh_phuoc, "", "Giám đốc", "Nguyễn Hoài Nam"),
        (binh_phuoc, "KT. Giám đốc", "Phó Giám đốc", "Phạm Thị Dung"),
        (bac_kan, "", "Giám đốc", "Hà Văn Tiến"),
        (ubnd_bp, "TM. Ủy ban nhân dân", "Chủ tịch", "Trần Tuệ Hiền"),
    ]
    for unit, authority, position, name in rows:
        Signer.objects.get_or_create(
            unit=unit, authority=authority, position=position, name=name, defaults={"valid_from": DEMO_SIGNERS_FROM}
        )


def _cluster(
    *, organiser: Unit, kind: str, number: int, year: int, name: str, members, decision: str = "", note: str = ""
) -> Cluster:
    cluster, _ = Cluster.objects.get_or_create(
        organiser=organiser,
        kind=kind,
        number=number,
        year=year,
        defaults={"name": name, "decision": decision, "note": note},
    )
    for unit, role in members:
        ClusterMembership.objects.get_or_create(cluster=cluster, unit=unit, defaults={"role": role})
    return cluster


def _person(login: DemoLogin) -> User:
    user, created = User.objects.get_or_create(
        username=login.username,
        defaults={
            "full_name": login.full_name,
            "position": login.position,
            "is_staff": login.staff,
            "is_superuser": login.superuser,
            "email": f"{login.username}@example.invalid",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    for role, code in login.grants:
        RoleAssignment.objects.get_or_create(user=user, unit=Unit.objects.get(code=code), role=role)
    return user
