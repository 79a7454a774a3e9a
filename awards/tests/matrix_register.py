"""Permission-matrix rows for the award register and the history pages (merged into tests/test_permissions.py).

The register and its Excel export list only what each person's scope reads (an empty list is still a 200); a
person or unit of province A is 404 for province B.
"""

from tests.matrix import ONLY_A, Row, expect

ROWS = {
    "awards:register": Row(),
    "awards:register_excel": Row(),
    # phòng A's cán bộ: readable by phòng A itself, its head and Sở A's office, board and council.
    "awards:person_history": Row(kwargs=lambda w: {"pk": w.staff.pk}, get=expect(302, 200, **ONLY_A)),
    "awards:unit_history": Row(kwargs=lambda w: {"pk": w.phong_a.pk}, get=expect(302, 200, **ONLY_A)),
}
