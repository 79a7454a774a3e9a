"""Permission-matrix row for the cross-campaign dossier queue (merged into tests/test_permissions.py): every signed-in
person opens it and sees the dossiers they may read (awards/tests/test_dossier_queue.py checks which)."""

from tests.matrix import Row

ROWS = {"awards:dossier_list": Row()}
