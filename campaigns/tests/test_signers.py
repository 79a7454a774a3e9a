"""Who signs a Sở's documents is kept on its page by Văn phòng Sở: added from a date, ended — never overwritten."""

from __future__ import annotations

import datetime

from django.urls import reverse

from campaigns import paper
from campaigns.models import Signer


def _page(client, world):
    return reverse("campaigns:unit_detail", kwargs={"pk": world.so_a.pk})


def test_office_adds_a_signer_and_the_report_date_picks_it(client, world):
    client.force_login(world.office)
    page = client.get(_page(client, world)).content.decode()
    assert "Người ký văn bản" in page and "Chưa khai báo người ký" in page
    response = client.post(
        reverse("campaigns:unit_signer_add", kwargs={"pk": world.so_a.pk}),
        {"authority": "KT. Giám đốc", "position": "Phó Giám đốc", "name": "Phạm Thị Dung", "valid_from": "01/01/2024"},
    )
    assert response.status_code == 302
    signature = paper.signer_for(world.so_a, datetime.date(2024, 6, 15))
    assert signature.lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] and signature.name == "Phạm Thị Dung"
    assert paper.signer_for(world.so_a, datetime.date(2023, 6, 15)) is None
    assert "KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC" in client.get(_page(client, world)).content.decode()


def test_a_bad_date_keeps_what_was_typed_with_a_vietnamese_message(client, world):
    client.force_login(world.office)
    response = client.post(
        reverse("campaigns:unit_signer_add", kwargs={"pk": world.so_a.pk}),
        {"authority": "Thay mặt", "position": "Giám đốc", "name": "Nguyễn Văn Ký", "valid_from": "31/02/2024"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Nguyễn Văn Ký"' in page and 'value="31/02/2024"' in page
    assert "KT., TM., Q." in page  # the authority must start with KT./TM./Q.
    assert not Signer.objects.exists()


def test_ending_a_signer_keeps_the_row_for_older_documents(client, world):
    signer = Signer.objects.create(
        unit=world.so_a, position="Giám đốc", name="Người Cũ", valid_from=datetime.date(2020, 1, 1)
    )
    client.force_login(world.office)
    url = reverse("campaigns:unit_signer_end", kwargs={"pk": world.so_a.pk, "signer_pk": signer.pk})
    client.post(url, {"valid_to": "31/12/2019"}, follow=True)  # before its start: refused
    signer.refresh_from_db()
    assert signer.valid_to is None
    client.post(url, {"valid_to": "31/12/2023"})
    signer.refresh_from_db()
    assert signer.valid_to == datetime.date(2023, 12, 31)
    assert paper.signer_for(world.so_a, datetime.date(2023, 12, 1)).name == "Người Cũ"
    assert paper.signer_for(world.so_a, datetime.date(2024, 1, 2)) is None


def test_staff_cannot_add_signers_and_another_province_gets_404(client, world):
    url = reverse("campaigns:unit_signer_add", kwargs={"pk": world.so_a.pk})
    data = {"position": "Giám đốc", "name": "X", "valid_from": "01/01/2024"}
    client.force_login(world.board)
    assert client.post(url, data).status_code == 403
    client.force_login(world.office_b)
    assert client.post(url, data).status_code == 404
    assert not Signer.objects.exists()
