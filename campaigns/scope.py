"""What a person may see and change, computed once per request from their role assignments.

Every selector in every app builds its filter from `scope_for(user)`; no view decides access on its own.
Read scope grows upward: a unit's staff see their unit, its head and Văn phòng Sở see the unit's subtree,
Ban TĐKT reads the province (the subtree of the Sở it is attached to) but changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from campaigns.models import Role, RoleAssignment, Unit

# Roles that read the whole subtree of their unit; the others read their own unit only.
READS_SUBTREE = frozenset({Role.LANH_DAO, Role.VAN_PHONG, Role.HOI_DONG, Role.BAN_TDKT, Role.QUAN_TRI})
# Roles that enter their own unit's data (figures, dossiers).
WRITES_OWN = frozenset({Role.CAN_BO, Role.LANH_DAO})
# Roles that submit ("sign") for their own unit.
SUBMITS_OWN = frozenset({Role.LANH_DAO})
# Roles that run the subtree: campaigns, review, unit records.
MANAGES_SUBTREE = frozenset({Role.VAN_PHONG, Role.QUAN_TRI})

STEPLEN = Unit.steplen


def ancestor_paths(path: str) -> list[str]:
    """The materialised paths of a node and all its ancestors."""
    return [path[:i] for i in range(STEPLEN, len(path) + 1, STEPLEN)]


def _under_any(paths: set[str], field_name: str) -> Q:
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in sorted(paths):
        q |= Q(**{f"{field_name}__startswith": path})
    return q


def _collapse(paths: set[str]) -> set[str]:
    """Drop paths already covered by a shorter one, so filters stay small."""
    kept: set[str] = set()
    for path in sorted(paths, key=len):
        if not any(path.startswith(other) for other in kept):
            kept.add(path)
    return kept


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int
    unit_path: str
    unit_name: str


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    grants: tuple[Grant, ...] = ()
    _read: frozenset[str] = field(default=frozenset())
    _write: frozenset[str] = field(default=frozenset())
    _manage: frozenset[str] = field(default=frozenset())

    @classmethod
    def build(cls, *, everything: bool, grants: tuple[Grant, ...]) -> Scope:
        read: set[str] = set()
        write: set[str] = set()
        manage: set[str] = set()
        for grant in grants:
            # "Own unit" is matched exactly, a subtree by prefix: keep own-unit paths with a marker.
            read.add(grant.unit_path if grant.role in READS_SUBTREE else f"={grant.unit_path}")
            if grant.role in WRITES_OWN:
                write.add(f"={grant.unit_path}")
            if grant.role in MANAGES_SUBTREE:
                manage.add(grant.unit_path)
                write.add(grant.unit_path)
        return cls(
            everything=everything,
            grants=grants,
            _read=frozenset(read),
            _write=frozenset(write),
            _manage=frozenset(manage),
        )

    # --- filters over any model that reaches a unit ------------------------------------------------------
    def _q(self, entries: frozenset[str], unit_path_field: str) -> Q:
        if self.everything:
            return Q()
        exact = {e[1:] for e in entries if e.startswith("=")}
        prefixes = _collapse({e for e in entries if not e.startswith("=")})
        exact = {p for p in exact if not any(p.startswith(pref) for pref in prefixes)}
        q = _under_any(prefixes, unit_path_field) if prefixes else Q(pk__in=[])
        if exact:
            q |= Q(**{f"{unit_path_field}__in": sorted(exact)})
        return q

    def readable(self, unit_path_field: str = "path") -> Q:
        return self._q(self._read, unit_path_field)

    def writable(self, unit_path_field: str = "path") -> Q:
        return self._q(self._write, unit_path_field)

    def managed(self, unit_path_field: str = "path") -> Q:
        return self._q(self._manage, unit_path_field)

    # --- checks on one unit already fetched ---------------------------------------------------------------
    def _covers(self, entries: frozenset[str], path: str) -> bool:
        if self.everything:
            return True
        return any(path == e[1:] if e.startswith("=") else path.startswith(e) for e in entries)

    def can_read(self, unit: Unit) -> bool:
        return self._covers(self._read, unit.path)

    def can_write(self, unit: Unit) -> bool:
        return self._covers(self._write, unit.path)

    def can_manage(self, unit: Unit) -> bool:
        return self._covers(self._manage, unit.path)

    def holds(self, unit: Unit, *roles: str) -> bool:
        """Does the person hold one of these roles in exactly this unit?"""
        return any(g.unit_id == unit.pk and g.role in roles for g in self.grants)

    # --- what the navigation shows ------------------------------------------------------------------------
    def has_role(self, *roles: str) -> bool:
        return self.everything or any(g.role in roles for g in self.grants)

    @property
    def roles(self) -> list[str]:
        return sorted({g.role for g in self.grants})

    @property
    def unit_paths(self) -> list[str]:
        return sorted({g.unit_path for g in self.grants})


def scope_for(user, *, on: datetime.date | None = None) -> Scope:
    """The user's scope today (or on a date), cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope()
    day = on or timezone.localdate()
    cache_key = f"_scope_{day.isoformat()}"
    cached = getattr(user, cache_key, None)
    if cached is not None:
        return cached
    rows = (
        RoleAssignment.objects.valid_on(day)
        .filter(user=user)
        .filter(Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=day))
        .filter(Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=day))
        .values_list("role", "unit_id", "unit__path", "unit__name")
    )
    grants = tuple(Grant(role=r, unit_id=u, unit_path=p, unit_name=n) for r, u, p, n in rows)
    scope = Scope.build(everything=user.is_superuser, grants=grants)
    setattr(user, cache_key, scope)
    return scope
