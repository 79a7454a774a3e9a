"""The prerequisites each title asks of a person's history, under the law of each date.

Rows name award forms by code (campaigns.catalogue). Each row's note says where its numbers were checked and
what could not be; an administrator corrects a row in the portal (a new version with its dates) rather than here.

Checked (public texts quoting the articles, December 2026):
- Luật TĐKT 2003 (sửa đổi 2013) Điều 22, 23 and Nghị định 91/2017/NĐ-CP Điều 9 khoản 2, 3 (quoted by Ban Thi đua –
  Khen thưởng Trung ương's answers and a provincial TĐKT portal): Chiến sĩ thi đua cơ sở = Lao động tiên tiến and a
  sáng kiến recognised by the cơ sở (or an applied research topic); Chiến sĩ thi đua cấp tỉnh = among those with
  three consecutive Chiến sĩ thi đua cơ sở, with a sáng kiến or research recognised by the head of the tỉnh.
- Luật TĐKT 2022 (số 06/2022/QH15, from 01/01/2024): Chiến sĩ thi đua cơ sở = Lao động tiên tiến and hoàn thành
  xuất sắc nhiệm vụ OR a sáng kiến recognised by the cơ sở OR an accepted research topic (the initiative is no
  longer compulsory); Chiến sĩ thi đua cấp tỉnh = among those with 03 consecutive Chiến sĩ thi đua cơ sở (Bộ Nội
  vụ's answer of 23/02/2024; not 02 — 02 is the Chiến sĩ thi đua toàn quốc's count of provincial titles), with a
  sáng kiến or research whose effect reaches the tỉnh.
- Bằng khen of the Chủ tịch UBND tỉnh for a person: "đạt một trong các tiêu chuẩn", one of which is 02 consecutive
  years hoàn thành xuất sắc nhiệm vụ with 02 sáng kiến applied at cơ sở level (Nghị định 65/2014 Điều 24, quoted;
  kept by 91/2017). An alternative standard, so the rows are not blocking.
"""

import datetime

from django.db import migrations

D = datetime.date
END_2003_LAW = D(2023, 12, 31)
FROM_2022_LAW = D(2024, 1, 1)

LDTT, CSTDCS, CSTD_TINH = "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "chien-si-thi-dua-cap-tinh"
BANG_KHEN_TINH = "bang-khen-chu-tich-ubnd-tinh-ca-nhan"

LAW_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)"
ND_91 = "Nghị định 91/2017/NĐ-CP"
LAW_2022 = "Luật Thi đua, khen thưởng 2022 (số 06/2022/QH15)"
AFTER_2025 = (
    " Từ 01/07/2025 Nghị định 152/2025/NĐ-CP thay Nghị định 98/2023/NĐ-CP; tiêu chuẩn danh hiệu do Luật quy định nên "
    "dòng này giữ hiệu lực — chưa đối chiếu được Luật sửa đổi (nếu có) sau năm 2025."
)

ROWS = [
    # --- Luật 2003 / Nghị định 91/2017: until 31/12/2023 ---
    dict(
        award_code=CSTDCS,
        valid_to=END_2003_LAW,
        order=10,
        requires_code=LDTT,
        requires_years=1,
        legal_basis=f"Điều 23 {LAW_2003}; khoản 3 Điều 9 {ND_91}",
        note="Đối chiếu: khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP (trích trong trả lời của Ban Thi đua – Khen thưởng "
        "Trung ương): “Đạt tiêu chuẩn danh hiệu Lao động tiên tiến hoặc Chiến sĩ tiên tiến”. Cùng năm xét: hai danh "
        "hiệu được xét cùng đợt cuối năm.",
    ),
    dict(
        award_code=CSTDCS,
        valid_to=END_2003_LAW,
        order=20,
        requires_initiative=True,
        requires_years=0,
        initiative_level="co_so",
        accepts_research=True,
        legal_basis=f"Điều 23 {LAW_2003}; khoản 3 Điều 9 {ND_91}",
        note="Đối chiếu: “Có sáng kiến … được cơ sở công nhận hoặc có đề tài nghiên cứu khoa học đã nghiệm thu được "
        "áp dụng”. Không bắt buộc hoàn thành xuất sắc nhiệm vụ (trả lời của Ban TĐKT Trung ương). CHƯA ĐỐI CHIẾU được "
        "sáng kiến phải được công nhận trong chính năm xét hay được dùng lại: cổng nhận sáng kiến công nhận đến năm "
        "xét; Văn phòng Sở kiểm tra việc dùng lại.",
    ),
    dict(
        award_code=CSTD_TINH,
        valid_to=END_2003_LAW,
        order=10,
        requires_code=CSTDCS,
        requires_years=3,
        legal_basis=f"Điều 22 {LAW_2003}; khoản 2 Điều 9 {ND_91}",
        note="Đối chiếu: “trong số những cá nhân có ba lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở”. CHƯA ĐỐI "
        "CHIẾU được ba năm kết thúc ở năm xét hay năm trước: cổng tính ba năm liền đến năm xét (danh hiệu cơ sở của "
        "năm xét đang đề nghị cùng đợt cũng được tính).",
    ),
    dict(
        award_code=CSTD_TINH,
        valid_to=END_2003_LAW,
        order=20,
        requires_initiative=True,
        requires_years=3,
        initiative_level="tinh",
        accepts_research=True,
        legal_basis=f"Điều 22 {LAW_2003}; khoản 2 Điều 9 {ND_91}",
        note="Đối chiếu: sáng kiến, đề tài làm căn cứ “do người đứng đầu bộ, ban, ngành, tỉnh … xem xét, công nhận” "
        "(nên ghi cấp tỉnh). CHƯA ĐỐI CHIẾU được khoảng thời gian của sáng kiến: cổng tính trong ba năm xét.",
    ),
    dict(
        award_code=BANG_KHEN_TINH,
        valid_to=END_2003_LAW,
        order=10,
        blocking=False,
        requires_rating="xuat_sac",
        requires_years=2,
        legal_basis=f"{ND_91} (Bằng khen cấp bộ, ngành, tỉnh — một trong các tiêu chuẩn)",
        note="Đối chiếu qua Nghị định 65/2014/NĐ-CP Điều 24 (trích): “đạt một trong các tiêu chuẩn … 02 năm liên tục "
        "hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 02 sáng kiến được công nhận và áp dụng hiệu quả tại phạm "
        "vi cấp cơ sở”. CHƯA ĐỐI CHIẾU được số điều của Nghị định 91/2017. Chỉ nhắc, không chặn: có thể đề nghị theo "
        "tiêu chuẩn khác (thành tích xuất sắc trong phong trào thi đua).",
    ),
    dict(
        award_code=BANG_KHEN_TINH,
        valid_to=END_2003_LAW,
        order=20,
        blocking=False,
        requires_initiative=True,
        requires_years=2,
        initiative_count=2,
        initiative_level="co_so",
        legal_basis=f"{ND_91} (Bằng khen cấp bộ, ngành, tỉnh — một trong các tiêu chuẩn)",
        note="Như dòng trên: 02 sáng kiến trong 02 năm. Chỉ nhắc, không chặn.",
    ),
    # --- Luật 2022 (Nghị định 98/2023, then 152/2025): from 01/01/2024 ---
    dict(
        award_code=CSTDCS,
        valid_from=FROM_2022_LAW,
        order=10,
        requires_code=LDTT,
        requires_years=1,
        legal_basis=f"khoản 1 Điều 23 {LAW_2022}",
        note="Đối chiếu: “Đạt tiêu chuẩn danh hiệu lao động tiên tiến hoặc chiến sĩ tiên tiến” (bài giới thiệu Luật "
        "2022 của các báo Đảng, Chính phủ). Số điều 23 theo các bài trích; một bài ghi Điều 21 — kiểm tra với bản "
        "gốc." + AFTER_2025,
    ),
    dict(
        award_code=CSTDCS,
        valid_from=FROM_2022_LAW,
        order=20,
        requires_initiative=True,
        requires_years=0,
        initiative_level="co_so",
        accepts_research=True,
        alternative_rating="xuat_sac",
        legal_basis=f"khoản 2 Điều 23 {LAW_2022}",
        note="Đối chiếu: “Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được cơ sở công nhận hoặc có đề tài khoa "
        "học, đề án khoa học, công trình khoa học và công nghệ đã được nghiệm thu” — sáng kiến không còn bắt buộc. "
        "Xếp loại thay thế là xếp loại năm xét đã được Văn phòng Sở duyệt." + AFTER_2025,
    ),
    dict(
        award_code=CSTD_TINH,
        valid_from=FROM_2022_LAW,
        order=10,
        requires_code=CSTDCS,
        requires_years=3,
        legal_basis=f"điểm a khoản 1 Điều 22 {LAW_2022}",
        note="Đối chiếu: “trong số những cá nhân có 03 lần liên tục được tặng danh hiệu Chiến sĩ thi đua cơ sở” "
        "(trả lời của Bộ Nội vụ ngày 23/02/2024, ghi Điều 21; các bài khác ghi Điều 22). Không phải 02 lần: 02 lần "
        "là điều kiện Chiến sĩ thi đua toàn quốc (02 lần chiến sĩ thi đua cấp tỉnh). CHƯA ĐỐI CHIẾU được ba năm kết "
        "thúc ở năm xét hay năm trước." + AFTER_2025,
    ),
    dict(
        award_code=CSTD_TINH,
        valid_from=FROM_2022_LAW,
        order=20,
        requires_initiative=True,
        requires_years=3,
        initiative_level="tinh",
        accepts_research=True,
        legal_basis=f"điểm b khoản 1 Điều 22 {LAW_2022}",
        note="Đối chiếu: “Có sáng kiến đã được áp dụng hiệu quả và có khả năng nhân rộng trong Bộ, ban, ngành, tỉnh "
        "hoặc có đề tài khoa học … có phạm vi ảnh hưởng trong Bộ, ban, ngành, tỉnh”, do người đứng đầu tỉnh công "
        "nhận. CHƯA ĐỐI CHIẾU được khoảng thời gian của sáng kiến: cổng tính trong ba năm xét." + AFTER_2025,
    ),
    dict(
        award_code=BANG_KHEN_TINH,
        valid_from=FROM_2022_LAW,
        order=10,
        blocking=False,
        requires_rating="xuat_sac",
        requires_years=2,
        legal_basis=f"{LAW_2022} (Bằng khen cấp bộ, ban, ngành, tỉnh — một trong các tiêu chuẩn)",
        note="CHƯA ĐỐI CHIẾU được điều, khoản của Luật 2022 / Nghị định 98/2023: số 02 năm và 02 sáng kiến giữ theo "
        "quy định trước (Nghị định 65/2014, 91/2017). Chỉ nhắc, không chặn." + AFTER_2025,
    ),
    dict(
        award_code=BANG_KHEN_TINH,
        valid_from=FROM_2022_LAW,
        order=20,
        blocking=False,
        requires_initiative=True,
        requires_years=2,
        initiative_count=2,
        initiative_level="co_so",
        legal_basis=f"{LAW_2022} (Bằng khen cấp bộ, ban, ngành, tỉnh — một trong các tiêu chuẩn)",
        note="Như dòng trên: CHƯA ĐỐI CHIẾU được. Chỉ nhắc, không chặn." + AFTER_2025,
    ),
]


def forward(apps, schema_editor):
    Prerequisite = apps.get_model("campaigns", "Prerequisite")
    for row in ROWS:
        key = dict(
            award_code=row["award_code"],
            valid_from=row.get("valid_from"),
            order=row["order"],
            province=row.get("province", ""),
        )
        if not Prerequisite.objects.filter(**key).exists():
            Prerequisite.objects.create(**row)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0012_people_registers")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
