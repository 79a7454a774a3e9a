"""What a person may see and change, computed once per request from their role assignments.

Every selector in every app builds its filter from `scope_for(user)`; no view decides access on its own.
Read scope grows upward: a unit's staff see their unit, its head and Văn phòng Sở see the unit's subtree,
Ban TĐKT reads the province (the subtree of the Sở it is attached to) but changes nothing.

Objects a unit prepares and sends — figures (indicators.Submission) and award dossiers (awards.Dossier), with
everything hanging off them (evidence, files, nominees and their Mẫu 07) — are read by state as well as by unit
(`Scope.readable_in_state`). Their states fall into four groups, which the selector of each model names:

- nháp (draft): being prepared by the unit, never sent — Submission "nhap", Dossier "nhap";
- trả lại (returned): sent, then given back to the unit to correct; the unit is editing it again — Submission
  "tra_lai", Dossier "yeu_cau_bo_sung";
- chờ Văn phòng (with the office): sent and being checked, not yet before the council — Dossier "da_gui",
  "dang_tham_dinh" (figures never go before the council, so none of theirs);
- the rest: sent and settled — Submission "da_gui", "da_duyet"; Dossier "hop_le", "da_xet", "da_quyet_dinh",
  "da_trinh".

What each role reads of such objects (a person holding several roles reads the union; ✓ = read, — = 404):

| role, and how it reaches the object's unit              | nháp | trả lại | chờ Văn phòng | the rest |
|---------------------------------------------------------|------|---------|---------------|----------|
| Cán bộ đơn vị — its own unit (reads nothing else)        |  ✓   |   ✓     |      ✓        |    ✓     |
| Lãnh đạo đơn vị — its own unit                           |  ✓   |   ✓     |      ✓        |    ✓     |
| Lãnh đạo đơn vị — units below its own                    |  —   |   —     |      ✓        |    ✓     |
| Văn phòng Sở — its Sở and every unit under it            |  ¹   |   ✓     |      ✓        |    ✓     |
| Văn phòng of the unit running the campaign (Cụm trưởng)  |  —   |   ✓     |      ✓        |    ✓     |
| Thành viên Hội đồng TĐKT — its Sở and units under it     |  —   |   —     |      —        |    ✓     |
| Ban TĐKT — the province (its Sở's subtree)               |  —   |   —     |      ✓        |    ✓     |
| Quản trị — its unit's subtree                            |  ¹   |   ✓     |      ✓        |    ✓     |
| superuser (Django's flag, not a role)                    |  ✓   |   ✓     |      ✓        |    ✓     |

¹ Draft dossiers ✓, draft figures —. The award flow gives Văn phòng Sở a decision on a draft dossier: a unit
  cannot send a dossier that fails an overridable check (past the deadline, a standard, the leaders' share) until
  the office accepts it with a reason (awards.services.check_override), so the office must open the draft.
  Figures have no such step: the office reads them once sent, and sees who has not sent from the states alone.

Why: a draft belongs to the people who write and sign it — the unit's cán bộ and lãnh đạo, who hold a role in
exactly that unit; nobody else has a use for half-typed figures or an unsigned nominee's birth date and rating.
Văn phòng Sở reviews what was sent and keeps seeing what it returned (it wrote the comments); of drafts, only the
dossiers (¹). A council member reads dossiers once they are before the council (hợp lệ and after) and figures
once sent. A lãnh đạo above the unit and Ban TĐKT read what was sent and is not back with the unit. Holding the
council role as well as a unit's lãnh đạo role gives that unit's drafts (own unit), never another unit's. The
superuser is the break-glass account that sees every row in the admin anyway.

Objects without drafts (units, campaigns — whose draft plans only their managers see, see campaigns.selectors —,
meetings, decisions, the register) are read by unit only (`Scope.readable`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connections, router
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
# Roles that read the subtree's dossiers only once they are before the council.
SITS_ON_COUNCIL = frozenset({Role.HOI_DONG})

# How a grant reaches a unit, for objects read by state (the table above): its own unit's drafts (OWN), what
# was sent to the office it runs (REVIEW), what is before the council (COUNCIL), what was sent (READ).
OWN, REVIEW, COUNCIL, READ = "own", "review", "council", "read"

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
    _reach: tuple[tuple[str, frozenset[str]], ...] = ()

    @classmethod
    def build(cls, *, everything: bool, grants: tuple[Grant, ...]) -> Scope:
        read: set[str] = set()
        write: set[str] = set()
        manage: set[str] = set()
        reach: dict[str, set[str]] = {OWN: set(), REVIEW: set(), COUNCIL: set(), READ: set()}
        for grant in grants:
            # "Own unit" is matched exactly, a subtree by prefix: keep own-unit paths with a marker.
            read.add(grant.unit_path if grant.role in READS_SUBTREE else f"={grant.unit_path}")
            if grant.role in WRITES_OWN:
                write.add(f"={grant.unit_path}")
                reach[OWN].add(f"={grant.unit_path}")
            if grant.role in MANAGES_SUBTREE:
                manage.add(grant.unit_path)
                write.add(grant.unit_path)
                reach[REVIEW].add(grant.unit_path)
            elif grant.role in SITS_ON_COUNCIL:
                reach[COUNCIL].add(grant.unit_path)
            elif grant.role in READS_SUBTREE:
                reach[READ].add(grant.unit_path)
        return cls(
            everything=everything,
            grants=grants,
            _read=frozenset(read),
            _write=frozenset(write),
            _manage=frozenset(manage),
            _reach=tuple((name, frozenset(paths)) for name, paths in reach.items() if paths),
        )

    @property
    def manages_any(self) -> bool:
        """Whether the person runs some subtree (a filter on what they manage can match anything at all)."""
        return self.everything or bool(self._manage)

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

    def readable_in_state(
        self,
        unit_path_field: str,
        status_field: str,
        *,
        drafts: Sequence[str],
        returned: Sequence[str] = (),
        with_office: Sequence[str] = (),
        office_reads_drafts: bool = False,
    ) -> Q:
        """Objects that have drafts, read by unit and state as the table in this module's docstring says.
        The caller names its model's states of each group; every other state counts as sent and settled.
        office_reads_drafts: the reviewing office decides something on a draft (dossiers: note ¹)."""
        if self.everything:
            return Q()
        hidden = {
            OWN: (),
            REVIEW: () if office_reads_drafts else (*drafts,),
            READ: (*drafts, *returned),
            COUNCIL: (*drafts, *returned, *with_office),
        }
        q = Q(pk__in=[])
        for name, entries in self._reach:
            units = self._q(entries, unit_path_field)
            q |= units & ~Q(**{f"{status_field}__in": sorted(hidden[name])}) if hidden[name] else units
        return q

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


def _grants_query(user_id: int, day: datetime.date):
    """A person's roles on a day, in units that exist on that day: (role, unit id, unit path, unit name)."""
    return (
        RoleAssignment.objects.valid_on(day)
        .filter(user_id=user_id)
        .filter(Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=day))
        .filter(Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=day))
        .values_list("role", "unit_id", "unit__path", "unit__name")
    )


# Every page reads the person's grants. The query's SQL depends on the day only, so each process compiles it once a
# day (the ORM's own SQL for `_grants_query`) and binds the person's id: the same query, without the ORM's compiling
# on every request.
_ANYONE = -7_310_000_001  # an id no person has: marks the parameter the person's id is bound to
_grants_sql: dict[tuple[str, datetime.date], tuple[str, tuple, int]] = {}


def _grant_rows(user_id: int, day: datetime.date) -> list[tuple]:
    alias = router.db_for_read(RoleAssignment)
    compiled = _grants_sql.get((alias, day))
    if compiled is None:
        sql, params = _grants_query(_ANYONE, day).query.get_compiler(using=alias).as_sql()
        [at] = [i for i, param in enumerate(params) if isinstance(param, int) and param == _ANYONE]
        if len(_grants_sql) >= 8:  # yesterday's, or a test's travels in time
            _grants_sql.clear()
        compiled = _grants_sql[(alias, day)] = (sql, tuple(params), at)
    sql, params, at = compiled
    bound = list(params)
    bound[at] = user_id
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, bound)
        return cursor.fetchall()


def scope_key(user) -> tuple:
    """What a person's scoped SQL is built from (the key of an `emulation.lib.db.CompiledRead`): who, when created
    (a test database reuses ids), their grants today, and the day."""
    scope = scope_for(user)
    return (
        user.pk,
        user.date_joined,
        scope.everything,
        tuple(sorted((g.role, g.unit_id, g.unit_path) for g in scope.grants)),
        timezone.localdate(),
    )


def scope_for(user, *, on: datetime.date | None = None) -> Scope:
    """The user's scope today (or on a date), cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope()
    day = on or timezone.localdate()
    cache_key = f"_scope_{day.isoformat()}"
    cached = getattr(user, cache_key, None)
    if cached is not None:
        return cached
    grants = tuple(Grant(role=r, unit_id=u, unit_path=p, unit_name=n) for r, u, p, n in _grant_rows(user.pk, day))
    scope = Scope.build(everything=user.is_superuser, grants=grants)
    setattr(user, cache_key, scope)
    return scope
