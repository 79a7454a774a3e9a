"""Biên bản of a meeting of the Sở's Hội đồng Thi đua – Khen thưởng: time and place, who attended and who did
not (by name, with chức vụ), the chair and the secretary, each nominee's vote as recorded — for a secret ballot
the ballots issued, returned and valid — against the exact threshold of the rule in force ("trên 50 %" for a
"quá bán" rule, "từ 80 % trở lên"), and a conclusion that says what the votes decided.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string

from awards.documents.common import (
    FILL,
    AwardWord,
    DocumentIncomplete,
    award_phrase,
    blocks,
    campaign_phrase,
    name_units_as_of,
    position_unit,
    render_paper_pdf,
    trich_yeu,
)
from awards.models import Meeting, MeetingMember, MemberRole, Vote
from awards.services import vote_rule_for
from campaigns.paper import COUNCIL, council_header
from emulation.lib.paper import Paper, Signature
from emulation.lib.vn import format_date, format_percent

TEMPLATE = "awards/doc_minutes.html"
HUNDRED = Decimal(100)
# A "quá bán" rule is stored as 50,01 % (awards.catalogue.MAJORITY): "more than" the round figure below it.
STRICT_STEP = Decimal("0.01")


def threshold_phrase(percent: Decimal, *, counted_on_total: bool = True) -> str:
    """The rule as the Biên bản states it: "trên 50 % tổng số thành viên Hội đồng" for a quá bán rule (stored as
    50,01 %), "từ 80 % trở lên tổng số thành viên Hội đồng" for an "at least" rule."""
    base = "tổng số thành viên Hội đồng" if counted_on_total else "số phiếu biểu quyết"
    percent = Decimal(percent)
    below = percent - STRICT_STEP
    if below >= 0 and below == below.to_integral_value() and percent != percent.to_integral_value():
        return f"trên {format_percent(below, 2)} {base}"
    return f"từ {format_percent(percent, 2)} trở lên {base}"


def count(value: int | None) -> str:
    """02, 13: counts in a Biên bản carry a leading zero below 10; unknown stays a blank to fill in."""
    return f"{value:02d}" if value is not None else "…"


@dataclass(frozen=True)
class Person:
    name: str
    position: str

    @property
    def text(self) -> str:
        return f"{self.name}, {self.position}" if self.position else self.name


@dataclass(frozen=True)
class VoteRow:
    name: str
    unit: str
    form: str
    votes_for: int
    votes_against: int
    issued: str
    returned: str
    valid: str
    percent: str
    passed: bool

    @property
    def result(self) -> str:
        return "Đạt" if self.passed else "Không đạt"


@dataclass
class FormVotes:
    """The votes on one award form: its method, its threshold and its rows (ranked by đồng ý)."""

    form: str
    secret: bool
    threshold: str
    required: str  # "ít nhất 12/15 thành viên đồng ý"
    rows: list[VoteRow] = field(default_factory=list)

    @property
    def method(self) -> str:
        return "bỏ phiếu kín" if self.secret else "biểu quyết công khai"


@dataclass
class Minutes:
    meeting: Meeting
    paper: Paper
    time: str
    location: str
    chair: Person
    secretary: Person
    present: list[Person]
    absent: list[tuple[Person, bool]]  # (member, voted in writing)
    has_list: bool
    counts: str  # "Hội đồng có 15 thành viên; có mặt 13; vắng mặt 02 …"
    content: str
    groups: list[FormVotes]
    passed: list[VoteRow]
    failed: list[VoteRow]
    conclusion: list[str]
    note: list[str]
    closing: str

    @property
    def absent_lines(self) -> list[str]:
        return [
            f"{person.text} ({'có' if written else 'không có'} phiếu biểu quyết bằng văn bản)"
            for person, written in self.absent
        ]


def _written_phrase(written: int) -> str:
    if not written:
        return ", không có phiếu biểu quyết bằng văn bản."
    return f" ({count(written)} thành viên có phiếu biểu quyết bằng văn bản)."


def _time(meeting: Meeting) -> str:
    day = format_date(meeting.held_on)
    if meeting.started_at:
        return f"Thời gian: bắt đầu lúc {meeting.started_at:%H} giờ {meeting.started_at:%M} phút, ngày {day}."
    return f"Thời gian: ngày {day}."


def _closing(meeting: Meeting) -> str:
    end = ""
    if meeting.ended_at:
        end = f"Cuộc họp kết thúc lúc {meeting.ended_at:%H} giờ {meeting.ended_at:%M} phút cùng ngày. "
    return f"{end}Biên bản đã được đọc lại và thông qua tại cuộc họp./."


def _vote_row(vote: Vote, total: int) -> VoteRow:
    nominee = vote.nominee
    return VoteRow(
        name=nominee.full_name,
        unit=position_unit(nominee),
        form=award_phrase(nominee),
        votes_for=vote.votes_for,
        votes_against=vote.votes_against,
        issued=count(vote.ballots_issued),
        returned=count(vote.ballots_returned),
        valid=count(vote.ballots_valid),
        percent=format_percent(Decimal(vote.votes_for) * HUNDRED / total) if total else "",
        passed=vote.passed,
    )


def minutes_facts(meeting: Meeting) -> Minutes:
    meeting = Meeting.objects.select_related("owner", "campaign").get(pk=meeting.pk)
    members: list[MeetingMember] = list(meeting.members.all())
    votes = list(
        meeting.votes.select_related("nominee__award_form", "nominee__dossier__unit", "nominee__collective_unit")
    )
    # Ranked by form, then by votes: if more pass than the quota allows, the order decides (NĐ 98/2023).
    votes.sort(key=lambda v: (v.nominee.award_form.order, v.nominee.award_form.name, -v.votes_for, v.nominee.pk))
    total = meeting.members_total
    name_units_as_of([v.nominee for v in votes], meeting.held_on)  # the units' names on the meeting's day

    groups: list[FormVotes] = []
    for vote in votes:
        form = vote.nominee.award_form
        if not groups or groups[-1].form != form.name:
            rule = vote_rule_for(form, meeting.held_on)
            on_total = rule.counted_on_total if rule else True
            needed = math.ceil(vote.threshold_percent * total / HUNDRED) if on_total else None
            groups.append(
                FormVotes(
                    form=form.name,
                    secret=vote.secret_ballot,
                    threshold=threshold_phrase(vote.threshold_percent, counted_on_total=on_total),
                    required=f"ít nhất {needed:02d}/{total:02d} thành viên đồng ý" if needed is not None else "",
                )
            )
        groups[-1].rows.append(_vote_row(vote, total))
    rows = [row for group in groups for row in group.rows]
    passed = [r for r in rows if r.passed]
    failed = [r for r in rows if not r.passed]

    def role(which: str, fallback: str) -> Person:
        member = next((m for m in members if m.role == which), None)
        return Person(member.name, member.position) if member else Person(fallback, "")

    chair, secretary = role(MemberRole.CHU_TRI, meeting.chair), role(MemberRole.THU_KY, meeting.secretary)
    council = [m for m in members if m.is_member]
    present = [Person(m.name, m.position) for m in council if m.present]
    absent = [(Person(m.name, m.position), m.written_vote) for m in council if not m.present]
    absent_count = max(total - meeting.members_present, 0)
    written = sum(1 for _, w in absent if w)
    counts = (
        f"Thành phần: Hội đồng có {count(total)} thành viên; có mặt {count(meeting.members_present)} thành viên; "
        f"vắng mặt {count(absent_count)} thành viên" + (_written_phrase(written) if members and absent_count else ".")
    )
    units = sorted({v.nominee.dossier.unit.name for v in votes})
    owner = meeting.owner
    header = council_header(owner, doc_type="Biên bản", day=meeting.held_on, number=meeting.minutes_number)
    paper = Paper(
        header=header,
        summary=trich_yeu(f"Họp {COUNCIL} xét đề nghị khen thưởng trong {campaign_phrase(meeting.campaign)}"),
        signatures=[Signature(position="Thư ký", name=secretary.name), Signature(position="Chủ trì", name=chair.name)],
        recipients=["Thành viên Hội đồng", "Các đơn vị có tập thể, cá nhân được xét"],
        archive=f"VT, {COUNCIL_ARCHIVE}",
    )
    content = (
        f"Hội đồng xem xét hồ sơ đề nghị khen thưởng{' của ' + ', '.join(units) if units else ''} trong "
        f"{campaign_phrase(meeting.campaign)}; thảo luận và biểu quyết đối với từng tập thể, cá nhân. Tỷ lệ phiếu "
        "đồng ý được tính trên tổng số thành viên Hội đồng"
        + (", kể cả phiếu biểu quyết bằng văn bản của thành viên vắng mặt." if written else ".")
    )
    return Minutes(
        meeting=meeting,
        paper=paper,
        time=_time(meeting),
        location=f"Địa điểm: {meeting.location or owner.address or FILL}.",
        chair=chair,
        secretary=secretary,
        present=present,
        absent=absent,
        has_list=bool(members),
        counts=counts,
        content=content,
        groups=groups,
        passed=passed,
        failed=failed,
        conclusion=_conclusion(rows, passed, failed),
        note=blocks(meeting.note),
        closing=_closing(meeting),
    )


COUNCIL_ARCHIVE = "VP"


def _conclusion(rows: list[VoteRow], passed: list[VoteRow], failed: list[VoteRow]) -> list[str]:
    """What the votes decided, and nothing else: nobody passed → the council proposes nobody."""
    if not rows:
        return ["Hội đồng chưa biểu quyết đối với tập thể, cá nhân nào."]
    lines = []
    if passed:
        lines.append(
            f"Có {len(passed):02d}/{len(rows):02d} tập thể, cá nhân đạt tỷ lệ phiếu đồng ý theo quy định. Hội đồng "
            "thống nhất đề nghị cấp có thẩm quyền khen thưởng:"
        )
        lines += [f"- {r.name}, {r.unit}: {r.form};" for r in passed]
    else:
        lines.append(
            "Không có tập thể, cá nhân nào đạt tỷ lệ phiếu đồng ý theo quy định. Hội đồng không đề nghị khen thưởng "
            "tập thể, cá nhân nào tại cuộc họp này."
        )
    if failed and passed:
        lines.append(
            f"Có {len(failed):02d} tập thể, cá nhân không đạt tỷ lệ phiếu đồng ý theo quy định, không đề nghị khen "
            f"thưởng: {', '.join(r.name for r in failed)}."
        )
    elif failed:
        lines.append(f"Không đạt: {', '.join(r.name for r in failed)}.")
    return lines


def _facts(meeting: Meeting) -> Minutes:
    minutes = minutes_facts(meeting)
    missing = minutes.paper.missing()
    for label, person in (("chủ trì", minutes.chair), ("thư ký", minutes.secretary)):
        if person.name.strip() and not person.position.strip():
            missing.append(f"chức vụ của {label} {person.name}")
    if missing:
        raise DocumentIncomplete("biên bản", missing)
    return minutes


def render_minutes_html(meeting: Meeting) -> str:
    minutes = _facts(meeting)
    return render_to_string(TEMPLATE, {"doc": minutes, "paper": minutes.paper})


def render_minutes_pdf(meeting: Meeting) -> bytes:
    """The Biên bản of the council's meeting with each nominee's vote, as PDF."""
    minutes = _facts(meeting)
    return render_paper_pdf(TEMPLATE, minutes, minutes.paper)


OPEN_HEADERS = ["TT", "Tập thể, cá nhân", "Đồng ý", "Không đồng ý", "Tỷ lệ đồng ý / tổng số thành viên", "Kết quả"]
SECRET_HEADERS = [
    "TT",
    "Tập thể, cá nhân",
    "Phiếu phát ra",
    "Phiếu thu về",
    "Phiếu hợp lệ",
    "Đồng ý",
    "Tỷ lệ đồng ý / tổng số thành viên",
    "Kết quả",
]


def vote_cells(group: FormVotes, index: int, row: VoteRow) -> list[str]:
    who = f"{row.name}\n{row.unit}"
    if group.secret:
        return [str(index), who, row.issued, row.returned, row.valid, count(row.votes_for), row.percent, row.result]
    return [str(index), who, count(row.votes_for), count(row.votes_against), row.percent, row.result]


def render_minutes_docx(meeting: Meeting) -> bytes:
    """The Biên bản of the council's meeting with each nominee's vote, as DOCX."""
    doc = _facts(meeting)
    m = doc.meeting
    word = AwardWord(title=f"Biên bản họp {COUNCIL} ngày {format_date(m.held_on)}")
    word.letterhead(doc.paper.header)
    word.title(doc.paper)
    word.para(doc.time, lead="- ")
    word.para(doc.location, lead="- ")
    word.para(f"Chủ trì: {doc.chair.text}.", lead="- ")
    word.para(f"Thư ký: {doc.secretary.text}.", lead="- ")
    word.para(doc.counts, lead="- ")
    if doc.has_list:
        word.para("Thành viên có mặt:", italic=True, indent=True, space_after=0)
        word.person_lines([f"{i}. {p.text};" for i, p in enumerate(doc.present, start=1)])
        if doc.absent:
            word.para("Thành viên vắng mặt:", italic=True, indent=True, space_after=0)
            word.person_lines([f"{i}. {line};" for i, line in enumerate(doc.absent_lines, start=1)])
    word.section("I. NỘI DUNG")
    word.para(doc.content)
    word.texts(doc.note, fill=False)
    word.section("II. KẾT QUẢ BIỂU QUYẾT")
    for number, group in enumerate(doc.groups, start=1):
        word.para(
            f"{number}. {group.form}: {group.method}; đạt khi có {group.threshold}"
            + (f" ({group.required})." if group.required else "."),
            keep_with_next=True,
        )
        headers = SECRET_HEADERS if group.secret else OPEN_HEADERS
        widths = [10, 50, 17, 17, 17, 17, 20, 17] if group.secret else [10, 70, 20, 20, 25, 20]
        center = tuple(range(2, len(headers))) + (0,)
        word.table(
            headers,
            [vote_cells(group, i, r) for i, r in enumerate(group.rows, start=1)],
            widths,
            center=center,
            size=11,
        )
    word.section("III. KẾT LUẬN")
    for line in doc.conclusion:
        word.para(line)
    closing = word.mark()
    word.para(doc.closing)
    word.keep_from(closing)
    word.closing(doc.paper)
    return word.bytes()
