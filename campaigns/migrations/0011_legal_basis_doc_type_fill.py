"""Fill LegalBasis.doc_type on the rows written before it existed, where the type can be read from the row.

A plan used to print "Thực hiện số 18/KH-UBND …": the type of the cited text was nowhere. It can be read from
(in this order) a verb that already holds it ("Thực hiện Quyết định"), a trích yếu that begins with it
("Quyết định (văn bản gốc để trống số, ngày) về việc …", a note of the demo loader, which is then dropped), or the
ký hiệu: "18/KH-UBND" → Kế hoạch, "26/2020/QĐ-UBND" → Quyết định, "04-NQ/TU" → Nghị quyết. A row whose type cannot
be read keeps a blank type, to be completed on the plan's "Căn cứ ban hành" form. The verb is left as it is: the
plan prints the type once even when the verb ends with it.

Frozen here (not imported from campaigns.documents) so that the migration does not change when that code does.
"""

import re

from django.db import migrations

TYPES = [
    "Thông tư liên tịch",
    "Kế hoạch",
    "Quyết định",
    "Chỉ thị",
    "Nghị quyết",
    "Nghị định",
    "Thông tư",
    "Hướng dẫn",
    "Thông báo",
    "Chương trình",
    "Kết luận",
    "Công văn",
    "Công điện",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Quy chế",
    "Quy định",
    "Đề án",
    "Báo cáo",
    "Tờ trình",
]

BY_CODE = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "CTr": "Chương trình",
    "KL": "Kết luận",
    "CĐ": "Công điện",
    "PL": "Pháp lệnh",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "ĐA": "Đề án",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
}


def type_from_number(number):
    number = (number or "").strip()
    party = re.match(r"^[\d.…]*-([A-Za-zĐđ]+)/", number)  # 04-NQ/TU, 05-CT/TW
    if party:
        return BY_CODE.get(party.group(1), "")
    if "/" in number:  # 18/KH-UBND, 26/2020/QĐ-UBND, …/QĐ-BTTTT
        code = number.rsplit("/", 1)[1].split("-", 1)[0]
        return BY_CODE.get(code, "")
    return ""


def _starts_with_type(text):
    for kind in TYPES:
        if re.match(rf"^{re.escape(kind)}(\s|\(|$)", text or "", re.IGNORECASE):
            return kind
    return ""


def forward(apps, schema_editor):
    LegalBasis = apps.get_model("campaigns", "LegalBasis")
    for row in LegalBasis.objects.filter(doc_type=""):
        verb = " ".join((row.verb or "").split())
        in_verb = next((kind for kind in TYPES if verb.lower().endswith(kind.lower())), "")
        in_title = _starts_with_type(row.title.strip())
        kind = in_verb or in_title or type_from_number(row.doc_number)
        if not kind:
            continue
        row.doc_type = kind
        if in_title and not in_verb:
            # "Quyết định (văn bản gốc để trống số, ngày) về việc …" → "về việc …"
            rest = row.title.strip()[len(in_title) :].strip()
            rest = re.sub(r"^\([^)]*\)\s*", "", rest)
            row.title = rest or row.title
        row.save(update_fields=["doc_type", "title"])


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0010_legal_basis_doc_type")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
