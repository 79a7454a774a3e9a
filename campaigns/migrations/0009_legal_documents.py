"""The texts on emulation and awards that generated documents cite, with the dates each is in force.

A document cites only the texts in force on its date (campaigns.paper.law_citations). Numbers, dates and titles
were checked against the texts' own citations (see each row's note); where something could not be verified the
note says so, and an administrator corrects it in the portal.
"""

import datetime

from django.db import migrations

D = datetime.date
END_2003_LAW = D(2023, 12, 31)  # Luật 06/2022/QH15 and Nghị định 98/2023 apply from 01/01/2024
END_98 = D(2025, 6, 30)  # Nghị định 152/2025 applies from 01/07/2025

ROWS = [
    # topic, doc_type, number, issued_on, issuer, title, province, valid_from, valid_to, order, note
    (
        "luat_tdkt", "Luật", "", D(2003, 11, 26), "Quốc hội", "Thi đua, khen thưởng", "", None, END_2003_LAW, 1,
        "Luật Thi đua, khen thưởng ngày 26/11/2003; hết hiệu lực khi Luật số 06/2022/QH15 có hiệu lực (01/01/2024). "
        "Ngày ban hành đối chiếu theo phần căn cứ của các quyết định cấp tỉnh đăng công khai.",
    ),
    (
        "luat_tdkt", "Luật", "", D(2005, 6, 14), "Quốc hội", "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
        "", None, END_2003_LAW, 2, "Luật sửa đổi ngày 14/6/2005 (đối chiếu như trên).",
    ),
    (
        "luat_tdkt", "Luật", "", D(2013, 11, 16), "Quốc hội", "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
        "", None, END_2003_LAW, 3, "Luật sửa đổi ngày 16/11/2013 (đối chiếu như trên).",
    ),
    (
        "luat_tdkt", "Luật", "06/2022/QH15", D(2022, 6, 15), "Quốc hội", "Thi đua, khen thưởng", "", D(2024, 1, 1),
        None, 1, "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022, có hiệu lực từ 01/01/2024 (DOMAIN.md).",
    ),
    (
        "nghi_dinh_tdkt", "Nghị định", "91/2017/NĐ-CP", D(2017, 7, 31), "Chính phủ",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng", "", None, END_2003_LAW, 1,
        "Số, ngày và trích yếu đối chiếu theo phần căn cứ của Quyết định 31/2020/QĐ-UBND tỉnh Phú Yên. Thay bằng "
        "Nghị định 98/2023/NĐ-CP từ 01/01/2024.",
    ),
    (
        "nghi_dinh_tdkt", "Nghị định", "98/2023/NĐ-CP", D(2023, 12, 31), "Chính phủ",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng", "", D(2024, 1, 1), END_98, 1,
        "Có hiệu lực từ 01/01/2024; thay bằng Nghị định 152/2025/NĐ-CP từ 01/07/2025 (DOMAIN.md).",
    ),
    (
        "nghi_dinh_tdkt", "Nghị định", "152/2025/NĐ-CP", D(2025, 6, 14), "Chính phủ",
        "quy định chi tiết và hướng dẫn thi hành Luật Thi đua, khen thưởng", "", D(2025, 7, 1), None, 1,
        "Số và ngày 14/6/2025 theo trích dẫn trong nhiều văn bản công khai; hiệu lực từ 01/07/2025 (DOMAIN.md). "
        "CHƯA ĐỐI CHIẾU trích yếu với bản gốc: kiểm tra và sửa trong danh mục nếu khác.",
    ),
    (
        "quy_che_tinh", "Quyết định", "26/2020/QĐ-UBND", D(2020, 10, 8), "UBND tỉnh Bình Phước",
        "ban hành Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh Bình Phước", "Bình Phước",
        D(2020, 10, 8), None, 1,
        "Số và ngày theo văn bản mẫu 003 (Kế hoạch của Sở TT&TT Bình Phước). Ngày có hiệu lực lấy bằng ngày ban hành "
        "vì CHƯA ĐỐI CHIẾU được; ngày hết hiệu lực (sau sáp nhập tỉnh 01/07/2025) chưa rõ.",
    ),
]


def forward(apps, schema_editor):
    LegalDocument = apps.get_model("campaigns", "LegalDocument")
    for topic, doc_type, number, issued_on, issuer, title, province, valid_from, valid_to, order, note in ROWS:
        exists = LegalDocument.objects.filter(doc_type=doc_type, issued_on=issued_on, issuer=issuer, title=title)
        if not exists.exists():
            LegalDocument.objects.create(
                topic=topic,
                doc_type=doc_type,
                number=number,
                issued_on=issued_on,
                issuer=issuer,
                title=title,
                province=province,
                valid_from=valid_from,
                valid_to=valid_to,
                order=order,
                note=note,
            )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0008_document_layer")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
