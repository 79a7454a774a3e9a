"""Who may read and change which dated rules.

- Quản trị of a unit without a province (the Bộ) and the superuser keep the national rules (province = "") and
  may change any province's too;
- Văn phòng Sở keeps its own province's rules (the province of its Sở, campaigns.paper.province_of, and those of
  the Sở it was merged from, whose rules still apply to their earlier dossiers); a Quản trị of a unit inside a
  province likewise;
- Ban TĐKT and the Hội đồng TĐKT read the national rules and their province's;
- everybody else (a unit's cán bộ and lãnh đạo) has no use for the catalogue pages: 403.

A row of another province is not found (404), as everywhere in the portal; a row one may read but not change
answers 403 to a change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from campaigns.models import Role, Unit
from campaigns.paper import province_of
from campaigns.scope import Scope, scope_for

READERS = (Role.VAN_PHONG, Role.QUAN_TRI, Role.BAN_TDKT, Role.HOI_DONG)


@dataclass(frozen=True)
class RuleAccess:
    scope: Scope
    reads: bool = False
    national: bool = False  # keeps the national rows, and may change every province's
    read_provinces: frozenset[str] = frozenset()
    edit_provinces: frozenset[str] = frozenset()
    current_provinces: tuple[str, ...] = ()

    @property
    def edits(self) -> bool:
        return self.national or bool(self.edit_provinces)

    def reads_province(self, province: str) -> bool:
        return province == "" or self.national or province in self.read_provinces

    def edits_province(self, province: str) -> bool:
        return self.national or (province != "" and province in self.edit_provinces)

    def province_choices(self) -> list[str]:
        """The provinces a new row may be given ("" = national): the user's province of today first, then those
        its Sở was formed from (their rules still apply to their earlier dossiers)."""
        if self.national:
            return ["", *sorted(_provinces_under(""))]
        return [*self.current_provinces, *sorted(self.edit_provinces - set(self.current_provinces))]


def _provinces_under(path: str) -> set[str]:
    """The provinces of the units under a Sở, the predecessors it was merged from included (campaigns.orgchart
    puts an ended predecessor under its successor): "Bình Phước" and "Đồng Nai" for Đồng Nai's Sở since 2025."""
    names = Unit.objects.filter(path__startswith=path).exclude(province="").values_list("province", flat=True)
    return {re.sub(r"^tỉnh\s+", "", name.strip(), flags=re.IGNORECASE) for name in names}


def access_for(user) -> RuleAccess:
    cached = getattr(user, "_rule_access", None)
    if cached is not None:
        return cached
    scope = scope_for(user)
    if scope.everything:
        access = RuleAccess(scope=scope, reads=True, national=True)
    else:
        grants = [g for g in scope.grants if g.role in READERS]
        units = {u.pk: u for u in Unit.objects.filter(pk__in={g.unit_id for g in grants})}
        national, read, edit, current = False, set(), set(), []
        for grant in grants:
            unit = units.get(grant.unit_id)
            province = province_of(unit) if unit is not None else ""
            if grant.role == Role.QUAN_TRI and not province:
                national = True
                continue
            provinces = {province} | _provinces_under(grant.unit_path) if province else set()
            read |= provinces
            if grant.role in (Role.VAN_PHONG, Role.QUAN_TRI):
                edit |= provinces
                current.append(province)
        access = RuleAccess(
            scope=scope,
            reads=bool(grants),
            national=national,
            read_provinces=frozenset(read),
            edit_provinces=frozenset(edit),
            current_provinces=tuple(dict.fromkeys(current)),
        )
    if getattr(user, "is_authenticated", False):
        user._rule_access = access
    return access
