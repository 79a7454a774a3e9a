"""The unit tree through time: organisation changes as events, and units read "as of" a date.

A unit's row (campaigns.models.Unit) holds what it is *now*. When a change takes effect (rename, merger, split,
move under another parent, dissolution) the unit's earlier state is kept as a `UnitVersion` row valid up to the
day before, and the change itself is an `OrgChange` with its legal basis and the predecessor → successor links.
So a 2023 report reads "Sở Thông tin và Truyền thông tỉnh Bình Phước" and a 2026 one "Sở Khoa học và Công nghệ
tỉnh Đồng Nai" from the same data: every document, page and export asks `unit_as_of(unit, day)` (or the bulk
`units_as_of`) for the day it is about, never `unit.name` directly.

The current tree (treebeard's materialised path) is today's structure. A merger moves the predecessors' continuing
children under the successor and puts the ended predecessor itself under the successor too, so "the successor and
everything under it" — the prefix filter every scope check uses — covers the predecessors' records without any
change to campaigns.scope. Parents as of an earlier date come from the versions.

The models live here and are imported into campaigns.models, so they belong to the campaigns app. Writes
(applying changes, the import file) are in campaigns.orgchart_services.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from campaigns.models import Unit, UnitLevel, Validity, ValidityQuerySet, valid_on_q

__all__ = [
    "OrgChange",
    "OrgChangeKind",
    "OrgChangeLink",
    "UnitVersion",
]


class UnitVersion(Validity):
    """What a unit was called and where it stood between two dates, before a change took effect.

    Only past states are stored: a unit that never changed has no version, and its row is its state on every date.
    `valid_to` is the day before the change; `valid_from` the start of that state (None: since the beginning)."""

    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.CASCADE, related_name="versions")
    name = models.CharField("Tên đơn vị", max_length=255)
    short_name = models.CharField("Tên viết tắt", max_length=64, blank=True)
    level = models.CharField("Cấp", max_length=16, choices=UnitLevel.choices)
    province = models.CharField("Tỉnh, thành phố", max_length=64, blank=True)
    symbol = models.CharField("Chữ viết tắt trong ký hiệu văn bản", max_length=32, blank=True)
    parent = models.ForeignKey(
        Unit, verbose_name="Đơn vị cấp trên", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    change = models.ForeignKey(
        "OrgChange",
        verbose_name="Thay đổi kết thúc trạng thái này",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "tên và vị trí cũ của đơn vị"
        verbose_name_plural = "tên và vị trí cũ của đơn vị"
        ordering = ["unit", "valid_to"]
        indexes = [models.Index(fields=["unit", "valid_to"], name="unit_version_unit_to")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=False),
                name="unit_version_has_end",
                violation_error_message="Trạng thái cũ của đơn vị phải có ngày kết thúc.",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_version_ordered",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (đến {self.valid_to:%d/%m/%Y})"


class OrgChangeKind(models.TextChoices):
    DOI_TEN = "doi_ten", "Đổi tên"
    SAP_NHAP = "sap_nhap", "Sáp nhập, hợp nhất"
    CHIA_TACH = "chia_tach", "Chia, tách"
    CHUYEN = "chuyen", "Chuyển sang đơn vị cấp trên khác"
    GIAI_THE = "giai_the", "Giải thể"


class OrgChange(models.Model):
    """One change of the organisation, effective on a date, with the legal text that decided it."""

    kind = models.CharField("Loại thay đổi", max_length=16, choices=OrgChangeKind.choices)
    effective_on = models.DateField("Ngày có hiệu lực")
    basis_doc_type = models.CharField("Loại văn bản căn cứ", max_length=64, blank=True)
    basis_number = models.CharField("Số, ký hiệu", max_length=64, blank=True)
    basis_date = models.DateField("Ngày ban hành", null=True, blank=True)
    basis_issuer = models.CharField("Cơ quan ban hành", max_length=255, blank=True)
    basis_title = models.CharField("Trích yếu", max_length=500, blank=True)
    note = models.TextField("Ghi chú", blank=True)
    source = models.CharField("Tệp nguồn", max_length=255, blank=True, help_text="Tệp danh sách thay đổi đã áp dụng.")
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người áp dụng",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applied_at = models.DateTimeField("Áp dụng lúc", auto_now_add=True)

    class Meta:
        verbose_name = "thay đổi tổ chức"
        verbose_name_plural = "thay đổi tổ chức"
        ordering = ["-effective_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} từ {self.effective_on:%d/%m/%Y}"

    @property
    def basis(self) -> str:
        """ "Quyết định số 1234/QĐ-UBND ngày 28/02/2025 của UBND tỉnh Bình Phước" (as much as is known)."""
        parts = [self.basis_doc_type or "Văn bản"]
        if self.basis_number:
            parts.append(f"số {self.basis_number}")
        if self.basis_date:
            parts.append(f"ngày {self.basis_date:%d/%m/%Y}")
        if self.basis_issuer:
            parts.append(f"của {self.basis_issuer}")
        text = " ".join(parts)
        return f"{text} về {self.basis_title}" if self.basis_title else text


class OrgChangeLink(models.Model):
    """A predecessor → successor edge of a change. Rename and move: the same unit on both sides; dissolution: no
    successor; merger: several predecessors, one successor; split: one predecessor, several successors."""

    change = models.ForeignKey(OrgChange, on_delete=models.CASCADE, related_name="links")
    predecessor = models.ForeignKey(
        Unit, verbose_name="Đơn vị trước", on_delete=models.PROTECT, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Unit,
        verbose_name="Đơn vị kế thừa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessor_links",
    )

    class Meta:
        verbose_name = "liên kết kế thừa"
        verbose_name_plural = "liên kết kế thừa"
        constraints = [
            models.UniqueConstraint(fields=["change", "predecessor", "successor"], name="org_change_link_once"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id or '—'} ({self.change_id})"


# --- Reads "as of" a date ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitAsOf:
    """A unit as it was on a date: the fields a page or a document prints."""

    id: int
    code: str
    name: str
    short_name: str
    level: str
    province: str
    symbol: str
    parent_id: int | None
    current: bool  # True: the unit's own row (no change since that date)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def __str__(self) -> str:
        return self.name


def _current(unit: Unit, parent_id: int | None) -> UnitAsOf:
    return UnitAsOf(
        id=unit.pk,
        code=unit.code,
        name=unit.name,
        short_name=unit.short_name,
        level=unit.level,
        province=unit.province,
        symbol=unit.symbol,
        parent_id=parent_id,
        current=True,
    )


def _from_version(unit: Unit, version: UnitVersion) -> UnitAsOf:
    return UnitAsOf(
        id=unit.pk,
        code=unit.code,
        name=version.name,
        short_name=version.short_name,
        level=version.level,
        province=version.province,
        symbol=version.symbol,
        parent_id=version.parent_id,
        current=False,
    )


def _parent_ids(units: list[Unit]) -> dict[int, int | None]:
    """The current parent of each unit, from the materialised paths (one query for all)."""
    step = Unit.steplen
    parent_paths = {u.pk: u.path[:-step] for u in units if u.depth > 1}
    by_path = dict(Unit.objects.filter(path__in=set(parent_paths.values())).values_list("path", "pk"))
    return {u.pk: by_path.get(parent_paths.get(u.pk, "")) for u in units}


def units_as_of(units: Iterable[Unit], day: datetime.date | None) -> dict[int, UnitAsOf]:
    """Each unit as it was on `day` (today when None), by id: two queries whatever the number of units."""
    units = [u for u in units if u is not None]
    if not units:
        return {}
    parents = _parent_ids(units)
    if day is None:
        return {u.pk: _current(u, parents[u.pk]) for u in units}
    versions = {
        v.unit_id: v
        for v in UnitVersion.objects.filter(valid_on_q(day), unit__in=[u.pk for u in units]).order_by("valid_to")
    }
    return {u.pk: _from_version(u, versions[u.pk]) if u.pk in versions else _current(u, parents[u.pk]) for u in units}


def unit_as_of(unit: Unit, day: datetime.date | None) -> UnitAsOf:
    return units_as_of([unit], day)[unit.pk]


def name_on(unit: Unit, day: datetime.date | None) -> str:
    return unit_as_of(unit, day).name


def ancestors_on(unit: Unit, day: datetime.date | None) -> list[UnitAsOf]:
    """The unit's ancestors as of `day`, root first (the unit itself not included)."""
    return chain_on(unit, day)[1:][::-1]


def predecessors_of(unit: Unit) -> list[Unit]:
    """Every unit that merged or split into this one, directly or through earlier changes (oldest change last)."""
    found: list[Unit] = []
    seen = {unit.pk}
    frontier = [unit.pk]
    while frontier:
        links = (
            OrgChangeLink.objects.filter(successor_id__in=frontier)
            .exclude(predecessor_id__in=seen)
            .select_related("predecessor", "change")
            .order_by("-change__effective_on", "predecessor__name")
        )
        frontier = []
        for link in links:
            if link.predecessor_id in seen:
                continue
            seen.add(link.predecessor_id)
            found.append(link.predecessor)
            frontier.append(link.predecessor_id)
    return found


def successors_of(unit: Unit) -> list[Unit]:
    """The units this one merged or split into (directly); empty while it exists."""
    return [
        link.successor
        for link in OrgChangeLink.objects.filter(predecessor=unit)
        .exclude(successor=unit)
        .exclude(successor__isnull=True)
        .select_related("successor")
    ]


def lineage_ids(unit: Unit) -> list[int]:
    """The unit and all its predecessors: whose histories are one history (awards, ratings)."""
    return [unit.pk, *(u.pk for u in predecessors_of(unit))]


# --- Reads for documents and pages (added for the as-of wiring) -------------------------------------------------


def chain_on(unit: Unit, day: datetime.date | None) -> list[UnitAsOf]:
    """The unit and its ancestors as of `day`, the unit first: what a document header reads (parent body, province).

    Two queries in the usual case (today's ancestors, then the versions valid on the day); a parent of that day
    outside today's chain (the unit has moved since) costs one or two more."""
    step = Unit.steplen
    prefixes = [unit.path[: i * step] for i in range(1, unit.depth)] if unit.depth and unit.depth > 1 else []
    by_path: dict[str, Unit] = {unit.path: unit}
    if prefixes:
        by_path.update({u.path: u for u in Unit.objects.filter(path__in=prefixes)})
    by_id = {u.pk: u for u in by_path.values()}
    versions: dict[int, UnitVersion] = {}
    if day is not None:
        versions = {
            v.unit_id: v for v in UnitVersion.objects.filter(valid_on_q(day), unit__in=list(by_id)).order_by("valid_to")
        }

    def parent_now(node: Unit) -> int | None:
        if not node.depth or node.depth <= 1:
            return None
        path = node.path[:-step]
        if path not in by_path:
            parent = Unit.objects.filter(path=path).first()
            if parent is None:
                return None
            by_path[path], by_id[parent.pk] = parent, parent
        return by_path[path].pk

    chain: list[UnitAsOf] = []
    node: Unit | None = unit
    seen: set[int] = set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        version = versions.get(node.pk)
        here = _from_version(node, version) if version else _current(node, parent_now(node))
        chain.append(here)
        if here.parent_id is None:
            break
        if here.parent_id not in by_id:  # the parent of that day is elsewhere in today's tree
            parent = Unit.objects.filter(pk=here.parent_id).first()
            if parent is None:
                break
            by_id[parent.pk], by_path[parent.path] = parent, parent
            if day is not None:
                version = UnitVersion.objects.filter(valid_on_q(day), unit=parent).order_by("valid_to").first()
                if version is not None:
                    versions[parent.pk] = version
        node = by_id[here.parent_id]
    return chain


def successor_on(unit: Unit, day: datetime.date | None) -> Unit:
    """Who speaks for `unit` on `day`: the unit itself while it exists; once it has ended by a merger or a split,
    its successor (followed through later changes). No query while the unit has not ended by that day."""
    day = day or timezone.localdate()
    seen: set[int] = set()
    while unit.valid_to is not None and unit.valid_to < day and unit.pk not in seen:
        seen.add(unit.pk)
        link = (
            OrgChangeLink.objects.filter(predecessor=unit, change__effective_on__lte=day, successor__isnull=False)
            .exclude(successor=unit)
            .select_related("successor")
            .order_by("-change__effective_on", "pk")
            .first()
        )
        if link is None:
            break
        unit = link.successor
    return unit


def predecessor_on(unit: Unit, day: datetime.date | None) -> Unit:
    """Who spoke for `unit` on `day` before it existed: a Sở created by a merger on 01/07/2025 that now owns a 2023
    campaign (open campaigns pass to the successor) — the 2023 report is its predecessor's, which existed then.
    The predecessors existing on that day, reached through changes after it; among several, one of the unit's own
    level first. The unit itself when it existed on the day (no query) or none is found."""
    if day is None or unit.valid_from is None or unit.valid_from <= day:
        return unit
    seen, frontier, found = {unit.pk}, [unit.pk], []
    while frontier and not found:
        links = list(
            OrgChangeLink.objects.filter(successor_id__in=frontier, change__effective_on__gt=day)
            .exclude(predecessor_id__in=seen)
            .select_related("predecessor")
            .order_by("-change__effective_on", "predecessor__name")
        )
        frontier = []
        for link in links:
            if link.predecessor_id in seen:
                continue
            seen.add(link.predecessor_id)
            if link.predecessor.is_valid_on(day):
                found.append(link.predecessor)
            else:
                frontier.append(link.predecessor_id)
    if not found:
        return unit
    return next((u for u in found if u.level == unit.level), found[0])


def dated_copy(unit: Unit, as_of: UnitAsOf) -> Unit:
    """An unsaved copy of `unit` carrying its name, short name, level, province and symbol of that day, for code
    that reads `unit.name` (report texts, exports). Paths and ids stay today's, so scope filters are unchanged.
    Never saved: the copy refuses `save()`."""
    import copy

    clone = copy.copy(unit)
    clone.name, clone.short_name, clone.level = as_of.name, as_of.short_name, as_of.level
    clone.province, clone.symbol = as_of.province, as_of.symbol

    def refuse(*args, **kwargs):
        raise RuntimeError("Bản sao tên đơn vị theo ngày chỉ để đọc.")

    clone.save = refuse
    return clone


def dated_units(units: Iterable[Unit], day: datetime.date | None) -> dict[int, Unit]:
    """`dated_copy` for many units at once (two queries), by id."""
    units = [u for u in units if u is not None]
    as_of = units_as_of(units, day)
    return {u.pk: dated_copy(u, as_of[u.pk]) for u in units}


def predecessor_links(unit: Unit) -> list[OrgChangeLink]:
    """The links by which other units merged or split into this one, directly or through earlier changes, newest
    change first (one query per generation): the "Đơn vị tiền thân" of a unit's page."""
    found: list[OrgChangeLink] = []
    seen = {unit.pk}
    frontier = [unit.pk]
    while frontier:
        links = list(
            OrgChangeLink.objects.filter(successor_id__in=frontier)
            .exclude(predecessor_id__in=seen)
            .select_related("change", "predecessor", "successor")
            .order_by("-change__effective_on", "predecessor__name")
        )
        frontier = []
        for link in links:
            if link.predecessor_id in seen:
                continue
            seen.add(link.predecessor_id)
            found.append(link)
            frontier.append(link.predecessor_id)
    return found


def has_history(unit: Unit) -> bool:
    """Whether any change touched the unit: an earlier state kept, or a link naming it (one query)."""
    return (
        OrgChange.objects.filter(Q(links__predecessor=unit) | Q(links__successor=unit) | Q(versions__unit=unit))
        .distinct()
        .exists()
    )


def changes_of(unit: Unit) -> list[OrgChangeLink]:
    """The change links that name this unit on either side, newest first (one query): its history of changes."""
    return list(
        OrgChangeLink.objects.filter(Q(predecessor=unit) | Q(successor=unit))
        .select_related("change", "predecessor", "successor")
        .order_by("-change__effective_on", "pk")
    )


def units_on_days(
    pairs: Iterable[tuple[Unit, datetime.date | None]], *, with_parents: bool = True
) -> dict[tuple[int, datetime.date | None], UnitAsOf]:
    """Each (unit, day) as it was on that day, by (unit id, day): a list whose rows have dates of their own (an award
    history: each record's unit as named on its decision's date). Two queries whatever the number of pairs; one
    with `with_parents=False` (names only: a current state's parent_id is then None)."""
    pairs = [(u, d) for u, d in pairs if u is not None]
    if not pairs:
        return {}
    units = {u.pk: u for u, _ in pairs}
    parents = _parent_ids(list(units.values())) if with_parents else dict.fromkeys(units)
    versions: dict[int, list[UnitVersion]] = {}
    if any(d is not None for _, d in pairs):
        for version in UnitVersion.objects.filter(unit__in=list(units)).order_by("valid_to"):
            versions.setdefault(version.unit_id, []).append(version)
    found: dict[tuple[int, datetime.date | None], UnitAsOf] = {}
    for unit, day in pairs:
        version = None
        if day is not None:
            version = next((v for v in versions.get(unit.pk, []) if v.is_valid_on(day)), None)
        found[(unit.pk, day)] = _from_version(unit, version) if version else _current(unit, parents[unit.pk])
    return found


def name_as_of(objects: Iterable, *, unit: str = "unit", day, attr: str = "unit_then") -> list:
    """Set `obj.<attr>` to the object's unit as of the object's own date (`day(obj)`), for a page listing dated
    objects (records, decisions, campaigns): one query for the whole list (names only: no parent_id). Returns the
    objects as a list."""
    import operator

    objects = list(objects)
    read = operator.attrgetter(unit)  # "owner", or a path: "cluster.organiser"
    pairs = [(read(o), day(o)) for o in objects]
    found = units_on_days(pairs, with_parents=False)
    for obj, (u, d) in zip(objects, pairs, strict=True):
        setattr(obj, attr, found.get((u.pk, d)) if u is not None else None)
    return objects


class DatedNames:
    """Names of units on many days for a streamed export: every past state read once (one query — the table holds
    a row per unit per change, a few hundred at most), then `name(unit, day)` answers from memory."""

    def __init__(self, unit_ids: Iterable[int] | None = None) -> None:
        versions = UnitVersion.objects.order_by("valid_to")
        if unit_ids is not None:
            versions = versions.filter(unit__in=list(unit_ids))
        self._versions: dict[int, list[UnitVersion]] = {}
        for version in versions:
            self._versions.setdefault(version.unit_id, []).append(version)

    def _version(self, unit: Unit, day: datetime.date | None) -> UnitVersion | None:
        if day is None:
            return None
        return next((v for v in self._versions.get(unit.pk, []) if v.is_valid_on(day)), None)

    def name(self, unit: Unit, day: datetime.date | None) -> str:
        version = self._version(unit, day)
        return version.name if version else unit.name

    def display_name(self, unit: Unit, day: datetime.date | None) -> str:
        version = self._version(unit, day)
        return (version.short_name or version.name) if version else unit.display_name
