"""Tampered ids in a multi-select and oversized uploads are refused with a clear Vietnamese message."""

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Unit
from emulation.lib.fields import IdsField

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["abc", "-99999999999999999999", "999999"])
def test_a_bad_id_is_refused_in_vietnamese(world, value):
    field = IdsField(queryset=Unit.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean([str(world.phong_a.pk), value])
    message = " ".join(refused.value.messages)
    assert "không" in message and "valid" not in message


@pytest.mark.parametrize(
    ("limit", "shown"), [(10 * 1048576, "giới hạn 10 MB"), (2_621_440, "giới hạn 2,5 MB"), (2048, "giới hạn 2 kB")]
)
def test_the_size_limit_reads_right_whatever_its_size(settings, limit, shown):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from emulation.lib.uploads import validate_document

    settings.UPLOAD_MAX_BYTES = limit
    with pytest.raises(ValidationError) as refused:
        validate_document(SimpleUploadedFile("to.pdf", b"%PDF-1.4" + b"0" * limit))
    assert shown in refused.value.messages[0] and " 0 MB" not in refused.value.messages[0]
