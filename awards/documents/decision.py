"""Quyết định khen thưởng (the Sở's own forms) and Tờ trình đề nghị khen thưởng (higher forms, sent to Ban Thi đua
– Khen thưởng of the province or to the Bộ), built on the document layer as of the document's date: the texts in
force that day (never a parenthesis about later law), the campaign's plan, the basis of the signer's authority
(the province's decision on the Sở's functions), the council's meeting, the signature block as signed
(quyền hạn, chức vụ, name) and Nơi nhận ending "Lưu: VT, …".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string

from awards.documents.common import (
    AwardWord,
    award_phrase,
    campaign_phrase,
    count_phrase,
    name_units_as_of,
    position_unit,
    render_paper_pdf,
    trich_yeu,
    who,
)
from awards.models import Decision, DecisionKind, Nominee
from campaigns.models import AwardFormKind, LegalDocument, LegalTopic, Unit, UnitLevel
from campaigns.orgchart import ancestors_on, name_on
from campaigns.paper import (
    COUNCIL,
    campaign_citation,
    citation_of,
    header_for,
    issuer_on,
    law_citations,
    province_phrase,
)
from emulation.lib.paper import Citation, Paper, Signature
from emulation.lib.vn import format_date

TEMPLATE = "awards/doc_decision.html"
ARCHIVE = "VT, VP"


@dataclass(frozen=True)
class Awardee:
    name: str
    unit: str
    form: str


@dataclass
class DecisionDoc:
    decision: Decision
    paper: Paper
    is_decision: bool
    authority: str  # the line under the trích yếu of a Quyết định: GIÁM ĐỐC SỞ …
    bases: list[str]  # "Căn cứ …;" lines, the last ending "." (Quyết định) or "," (Tờ trình)
    addressees: list[str]  # Kính gửi of a Tờ trình
    opening: str
    rows: list[Awardee]
    articles: list[tuple[str, str]]  # Điều 2, Điều 3 of a Quyết định
    closing: str


def _authority(authority: str, issuer: str) -> str:
    """("Giám đốc Sở", "Sở Thông tin và Truyền thông") → "Giám đốc Sở Thông tin và Truyền thông": the authority's
    words that name the issuer are read as the issuer."""
    a_words, i_words = authority.split(), issuer.split()
    for k in range(min(len(a_words), len(i_words)), 0, -1):
        if [w.lower() for w in a_words[-k:]] == [w.lower() for w in i_words[:k]] and len(a_words) > k:
            return " ".join(a_words[:-k] + i_words)
    return authority or f"Thủ trưởng {issuer}"


def _addressee(authority: str, owner: Unit, day=None) -> str:
    """Where a Tờ trình goes: the Bộ for a Bộ trưởng's form, else the province's emulation board ("Ban Thi đua –
    Khen thưởng tỉnh Bình Phước"), both as named on the document's `day`."""
    if "bộ" in authority.lower().split():
        ministry = next((a for a in ancestors_on(owner, day) if a.level == UnitLevel.BO), None)
        if ministry:
            return ministry.name
    return f"Ban Thi đua – Khen thưởng {province_phrase(owner, day)}".strip()


def organisation_citations(unit: Unit, day) -> list[Citation]:
    """The basis of the signer's authority: the decision that sets the unit's functions, in force on `day`."""
    documents = LegalDocument.objects.filter(topic=LegalTopic.TO_CHUC, unit=unit).valid_on(day)
    return [citation_of(d) for d in documents.order_by("order", "issued_on", "pk")]


def decision_facts(decision: Decision) -> DecisionDoc:
    decision = Decision.objects.select_related("owner").get(pk=decision.pk)
    nominees: list[Nominee] = list(
        decision.nominees.select_related("award_form", "dossier__unit", "dossier__campaign", "collective_unit")
        .prefetch_related("votes__meeting")
        .order_by("award_form__order", "award_form__name", "dossier__unit__path", "order", "pk")
    )
    day = decision.signed_on
    # After a merger the successor issues; names of units and bodies are those of the decision's date.
    owner = issuer_on(decision.owner, day)
    name_units_as_of(nominees, day)
    is_decision = decision.kind == DecisionKind.QUYET_DINH
    header = header_for(owner, doc_type="Quyết định" if is_decision else "Tờ trình", day=day, number=decision.number)
    campaigns = list({n.dossier.campaign_id: n.dossier.campaign for n in nominees}.values())
    campaign = campaigns[0] if len(campaigns) == 1 else None
    forms = list({n.award_form_id: n.award_form for n in nominees}.values())
    form_names = ", ".join(award_phrase(next(n for n in nominees if n.award_form_id == f.pk)) for f in forms)
    achievement = f"đã có thành tích xuất sắc trong {campaign_phrase(campaign)}"

    citations = law_citations(day, unit=owner) + organisation_citations(owner, day)
    if campaign and (campaign.number or campaign.issued_on):
        citations.append(campaign_citation(campaign))
    bases = [f"Căn cứ {c.text};" for c in citations]
    meetings = sorted({v.meeting.held_on for n in nominees for v in n.votes.all() if v.passed})
    bases += [f"Căn cứ kết quả họp {COUNCIL} {name_on(owner, held)} ngày {format_date(held)};" for held in meetings]
    rows = [Awardee(n.full_name, position_unit(n), award_phrase(n)) for n in nominees]
    signature = Signature(position=decision.signer_position, name=decision.signer, authority=decision.signer_authority)
    paper = Paper(header=header, citations=citations, signatures=[signature], archive=ARCHIVE)
    if is_decision:
        bases.append(f"Xét đề nghị của Thường trực {COUNCIL}.")
        # A danh hiệu is "công nhận", a hình thức "tặng"; a list of both is "khen thưởng".
        kinds = frozenset(f.kind for f in forms)
        verb = {frozenset({AwardFormKind.DANH_HIEU}): "Công nhận", frozenset({AwardFormKind.HINH_THUC}): "Tặng"}.get(
            kinds, "Khen thưởng"
        )
        paper.summary = trich_yeu(f"Về việc khen thưởng {who(nominees)} {achievement}")
        paper.recipients = ["Như Điều 3", "Lãnh đạo Sở"]
        return DecisionDoc(
            decision=decision,
            paper=paper,
            is_decision=True,
            authority=_authority(forms[0].authority if forms else "", header.issuer).upper(),
            bases=bases,
            addressees=[],
            opening=f"{verb} {form_names} cho {count_phrase(nominees)} {achievement}, gồm:",
            rows=rows,
            articles=[
                (
                    "Điều 2.",
                    "Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy định của pháp "
                    "luật về thi đua, khen thưởng.",
                ),
                (
                    "Điều 3.",
                    "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thủ trưởng các đơn vị có liên quan "
                    "và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
                ),
            ],
            closing="",
        )
    addressees = list(dict.fromkeys(_addressee(f.authority, owner, day) for f in forms))
    authorities = ", ".join(dict.fromkeys(f.authority for f in forms if f.authority))
    if bases:
        bases[-1] = bases[-1].rstrip(";") + ","
    paper.summary = trich_yeu(f"Về việc đề nghị tặng {form_names} cho {who(nominees)} {achievement}")
    paper.recipients = ["Như trên", "Lãnh đạo Sở"]
    to = " và ".join(addressees)
    return DecisionDoc(
        decision=decision,
        paper=paper,
        is_decision=False,
        authority="",
        bases=bases,
        addressees=addressees,
        opening=f"{header.issuer} kính đề nghị {to} xem xét, trình {authorities or 'cấp có thẩm quyền'} tặng "
        f"{form_names} cho {count_phrase(nominees)} {achievement}, cụ thể như sau:",
        rows=rows,
        articles=[],
        closing=f"(Có hồ sơ của {who(nominees)} kèm theo). {header.issuer} kính trình {to} xem xét./.",
    )


def _facts(decision: Decision) -> DecisionDoc:
    doc = decision_facts(decision)
    doc.paper.check("quyết định" if doc.is_decision else "tờ trình")
    return doc


def render_decision_html(decision: Decision) -> str:
    doc = _facts(decision)
    return render_to_string(TEMPLATE, {"doc": doc, "paper": doc.paper})


def render_decision_pdf(decision: Decision) -> bytes:
    """The Quyết định khen thưởng, or the Tờ trình đề nghị cấp trên, as PDF."""
    doc = _facts(decision)
    return render_paper_pdf(TEMPLATE, doc, doc.paper)


def render_decision_docx(decision: Decision) -> bytes:
    """The Quyết định khen thưởng, or the Tờ trình đề nghị cấp trên, as DOCX."""
    doc = _facts(decision)
    d = doc.decision
    word = AwardWord(title=f"{d.get_kind_display()} số {d.number}")
    word.letterhead(doc.paper.header)
    word.title(doc.paper)
    if doc.is_decision:
        word.para(doc.authority, bold=True, align="center", indent=False, space_after=12)
    elif len(doc.addressees) == 1:
        word.para(f"Kính gửi: {doc.addressees[0]}.", align="center", indent=False, space_after=12)
    else:
        word.para("Kính gửi:", align="center", indent=False, space_after=0)
        for line in doc.addressees:
            word.para(f"- {line};", align="center", indent=False, space_after=0)
    for basis in doc.bases:
        word.para(basis, italic=doc.is_decision)
    headers = ["TT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị"]
    table_rows = [[str(i), r.name, r.unit, r.form] for i, r in enumerate(doc.rows, start=1)]
    if doc.is_decision:
        word.para("QUYẾT ĐỊNH:", bold=True, align="center", indent=False, space_before=6)
        word.para(doc.opening, lead="Điều 1. ")
        word.table([*headers, "Hình thức khen thưởng"], table_rows, [10, 55, 55, 45], center=(0,))
        closing = word.mark()
        for lead, text in doc.articles:
            word.para(text, lead=f"{lead} ")
    else:
        word.para(doc.opening)
        word.table([*headers, "Hình thức đề nghị"], table_rows, [10, 55, 55, 45], center=(0,))
        closing = word.mark()
        word.para(doc.closing)
    word.keep_from(closing)
    word.closing(doc.paper)
    return word.bytes()
