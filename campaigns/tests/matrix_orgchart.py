"""Permission-matrix rows for the organisation-change import (merged into tests/test_permissions.py by `_app_rows`).

Only Quản trị uploads, previews and applies a list of organisation changes; everyone else gets 403. A POST without
a file (or with a token that is not a preview's) is refused with a message (400) and changes nothing.
"""

from campaigns.models import Unit
from campaigns.orgchart import OrgChange
from tests.matrix import Row, expect


def _tree(world):
    return OrgChange.objects.count(), list(Unit.objects.order_by("pk").values_list("name", "path", "valid_to"))


ROWS = {
    "campaigns:org_change_import": Row(
        get=expect(302, 403, admin=200),
        post=expect(302, 403, admin=400),
        unchanged=_tree,
        may_change=(),
    ),
}
