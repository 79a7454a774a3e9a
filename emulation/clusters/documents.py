"""The Biên bản of the cluster meeting (Hội nghị Cụm thi đua): agreed ranking and proposal, as a PDF.

Header: a Cụm is not a body with its own seal; its documents go out under the Cụm itself, written at the Cụm
trưởng's Sở. Seed 001 — the 2023 programme of Cụm thi đua số 2 — is issued in the Cụm's name ("Cụm thi đua số 2 –
Khối thi đua Sở Thông tin và Truyền thông …") with no cơ quan chủ quản, dated at the Cụm trưởng's province ("Lào
Cai, ngày … tháng 02 năm 2023"). So the Biên bản's header reads the Khối above the Cụm ("KHỐI THI ĐUA SỞ THÔNG TIN
VÀ TRUYỀN THÔNG" over "CỤM THI ĐUA SỐ 2"), its ký hiệu is the Cụm's (BB-CTĐ2), its place the Cụm trưởng's
province, and it is signed by the thư ký and by the Cụm trưởng's head chairing the meeting.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string

from campaigns.models import Cluster, ClusterKind, ClusterRole, Unit
from campaigns.orgchart import unit_as_of, units_as_of
from campaigns.paper import issuer_on, law_citations, place_of, signer_for
from emulation.clusters import ranking
from emulation.clusters.models import Proposal, ScoringRound, Standing
from emulation.clusters.selectors import members_of
from emulation.lib.paper import Citation, Header, Paper, Signature
from emulation.lib.paper_docx import Word
from emulation.lib.pdf import render_pdf
from emulation.lib.vn import format_number

# The Khối the Bộ's Cụm belong to; seed 001 names it in full after the Cụm.
KHOI_SO_TTTT = "Khối thi đua Sở Thông tin và Truyền thông"
# The Bộ's rules for that Khối, cited by seed 001.
QD_2341 = Citation(
    doc_type="Quyết định",
    number="2341/QĐ-BTTTT",
    issued_on=datetime.date(2022, 12, 16),
    issuer="Bộ Thông tin và Truyền thông",
    title="về việc ban hành Quy định về việc tổ chức phong trào thi đua và bình xét khen thưởng Khối thi đua Sở "
    "Thông tin và Truyền thông các tỉnh, thành phố trực thuộc Trung ương",
)


def leader_of(cluster: Cluster) -> Unit | None:
    return next((m.unit for m in members_of(cluster=cluster) if m.role == ClusterRole.TRUONG), None)


def cluster_symbol(cluster: Cluster) -> str:
    """CTĐ2 for Cụm thi đua số 2, KTĐ6 for Khối thi đua số 6."""
    return f"{'CTĐ' if cluster.kind == ClusterKind.CUM else 'KTĐ'}{cluster.number}"


def _as_of_day(cluster: Cluster, day: datetime.date | None) -> datetime.date:
    """The day a cluster document names its units on: its own date, else the end of the cluster's year."""
    return day or datetime.date(cluster.year, 12, 31)


def cluster_header(cluster: Cluster, *, doc_type: str, day: datetime.date | None, number: str = "") -> Header:
    leader = leader_of(cluster)
    parent = KHOI_SO_TTTT if cluster.kind == ClusterKind.CUM and cluster.organiser.level == "bo" else ""
    return Header(
        issuer=cluster.name,
        parent_body=parent,
        doc_type=doc_type,
        number=number,
        issuer_symbol=cluster_symbol(cluster),
        place=place_of(leader, _as_of_day(cluster, day)) if leader else "",
        day=day,
    )


def _ministry_on(cluster: Cluster, day: datetime.date) -> str:
    """The Bộ that organises the Khối, as named on `day` (Bộ Thông tin và Truyền thông until its merger)."""
    organiser = cluster.organiser
    if organiser is not None and organiser.level == "bo":
        return unit_as_of(issuer_on(organiser, day), day).name
    return "Bộ Thông tin và Truyền thông"


def minutes_paper(scoring: ScoringRound) -> Paper:
    cluster = scoring.cluster
    day = scoring.meeting_date
    leader = leader_of(cluster)
    chair = signer_for(leader, day) if leader and day else None
    signatures = [Signature(position="Thư ký", name=scoring.meeting_secretary)]
    if chair is not None:
        short = unit_as_of(issuer_on(leader, day), day).display_name  # the leader's name on the meeting's day
        signatures.append(
            Signature(authority="Chủ trì hội nghị", position=f"{chair.position} {short}", name=chair.name)
        )
    else:
        signatures.append(Signature(authority="Chủ trì hội nghị", position="", name=""))
    return Paper(
        header=cluster_header(cluster, doc_type="Biên bản", day=day, number=scoring.meeting_number),
        summary=(
            f"Hội nghị {cluster.name} tổng kết phong trào thi đua, chấm điểm và bình xét khen thưởng năm {cluster.year}"
        ),
        citations=[QD_2341, *law_citations(_as_of_day(cluster, day))],
        signatures=signatures,
        recipients=[
            f"Vụ Thi đua – Khen thưởng, {_ministry_on(cluster, _as_of_day(cluster, day))}",
            f"Các thành viên {cluster.name}",
        ],
        archive="VT",
    )


@dataclass(frozen=True)
class MinutesRow:
    rank: int
    name: str
    total: str
    first_group: str
    penalty: str
    note: str


def minutes_context(scoring: ScoringRound) -> dict:
    """The Biên bản's paper (refused when incomplete) and body, for the PDF and the DOCX alike."""
    paper = minutes_paper(scoring).check("biên bản hội nghị cụm")
    standings = list(Standing.objects.filter(round=scoring).select_related("unit").order_by("rank", "unit__name"))
    proposed = list(Proposal.objects.filter(round=scoring).select_related("award_form", "unit").order_by("rank"))
    # The members as named on the meeting's day (or at the end of the cluster's year): one read for all.
    named = units_as_of(
        [*(s.unit for s in standings), *(p.unit for p in proposed)], _as_of_day(scoring.cluster, scoring.meeting_date)
    )
    notes = ranking.tie_notes(
        (s.unit_id, named[s.unit_id].display_name, s.total, s.first_group, s.penalty) for s in standings
    )
    rows = [
        MinutesRow(
            rank=s.rank,
            name=named[s.unit_id].display_name,
            total=format_number(s.total),
            first_group=format_number(s.first_group),
            penalty=format_number(s.penalty),
            note=notes.get(s.unit_id, ""),
        )
        for s in standings
    ]
    proposals: dict[str, list[str]] = {}
    for p in proposed:
        proposals.setdefault(p.award_form.name, []).append(f"{named[p.unit_id].name} (xếp thứ {p.rank})")
    cluster = scoring.cluster
    present = [line.strip() for line in scoring.meeting_present.splitlines() if line.strip()]
    return {
        "paper": paper,
        "scoring": scoring,
        "cluster": cluster,
        "members": members_of(cluster=cluster),
        "present": present,
        "rows": rows,
        "proposals": [f"{form}: {', '.join(units)}" for form, units in proposals.items()],
        "rule": ranking.RULE,
        "table": scoring.table,
        "opening": (
            f"Hôm nay, ngày {scoring.meeting_date:%d/%m/%Y}, tại {scoring.meeting_place}, {cluster.name} tổ chức "
            f"Hội nghị tổng kết phong trào thi đua, chấm điểm và bình xét khen thưởng năm {cluster.year}."
        ),
        "count": f"Số thành viên của cụm: {len(members_of(cluster=cluster))}; số thành viên dự họp: {len(present)}.",
        "result": (
            "Hội nghị đã xem xét kết quả tự chấm điểm của các thành viên và kết quả chấm chéo của Cụm trưởng, Cụm "
            f"phó theo {scoring.table.name}, và thống nhất kết quả xếp hạng như sau:"
        ),
        "proposal_lead": "Hội nghị thống nhất đề nghị Bộ trưởng Bộ Thông tin và Truyền thông khen thưởng:",
        "end": "Hội nghị kết thúc vào cùng ngày. Biên bản được các thành viên dự họp thông qua./.",
    }


def render_minutes_html(scoring: ScoringRound) -> str:
    return render_to_string("clusters/minutes_pdf.html", minutes_context(scoring))


def render_minutes_pdf(scoring: ScoringRound) -> bytes:
    return render_pdf(render_minutes_html(scoring))


TABLE_HEADERS = ["Hạng", "Đơn vị", "Tổng điểm", "Điểm nhóm I", "Điểm trừ", "Ghi chú"]


def render_minutes_docx(scoring: ScoringRound) -> bytes:
    context = minutes_context(scoring)
    paper = context["paper"]
    word = Word(title=f"Biên bản hội nghị {scoring.cluster.name} năm {scoring.cluster.year}")
    word.letterhead(paper.header)
    word.title(paper)
    for citation in paper.citations:
        word.para(f"Căn cứ {citation.text};", italic=True)
    word.para(context["opening"])
    word.section("I. THÀNH PHẦN THAM DỰ")
    word.texts([f"- {line}" for line in context["present"]])
    word.para(context["count"])
    word.section("II. NỘI DUNG VÀ KẾT QUẢ")
    word.para(context["result"])
    word.table(
        TABLE_HEADERS,
        [[str(r.rank), r.name, r.total, r.first_group, r.penalty, r.note] for r in context["rows"]],
        [14, 50, 20, 20, 16, 45],
        center=(0, 2, 3, 4),
    )
    word.para(f"Quy tắc xếp hạng: {context['rule']}")
    if context["proposals"]:
        word.para(context["proposal_lead"])
        last = len(context["proposals"]) - 1
        for index, line in enumerate(context["proposals"]):
            word.para(f"- {line}{'.' if index == last else ';'}")
    word.para(context["end"])
    word.closing(paper)
    return word.bytes()
