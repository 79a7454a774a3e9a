"""The document layer's facts from the data: who issues (header names, ký hiệu), who signs, what law is cited.

`emulation.lib.paper` holds the shapes and the rules of Nghị định 30/2020; this module fills them from units,
signers (`Signer`) and legal texts (`LegalDocument`), always as of the document's date. Every app that writes a
document builds its Paper here and adds only its body.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from campaigns.models import Campaign, LegalDocument, LegalTopic, Signer, Unit, UnitLevel
from campaigns.orgchart import UnitAsOf, chain_on, predecessor_on, successor_on
from emulation.lib.paper import Citation, Header, Signature

COUNCIL = "Hội đồng Thi đua – Khen thưởng"
COUNCIL_SYMBOL = "HĐTĐKT"

# The topics a document on emulation and awards cites, in the order cited (NĐ 30/2020: from the highest text).
TDKT_TOPICS = (LegalTopic.LUAT_TDKT, LegalTopic.NGHI_DINH_TDKT, LegalTopic.QUY_CHE_TINH)


def _bare_province(province: str) -> str:
    return re.sub(r"^tỉnh\s+", "", province.strip(), flags=re.IGNORECASE)


def _province_in(chain: list[UnitAsOf]) -> str:
    """The first province along a chain (the unit, then its parents of that day)."""
    return next((_bare_province(node.province) for node in chain if node.province), "")


def province_of(unit: Unit, day: datetime.date | None = None) -> str:
    """ "Bình Phước": the unit's province as of `day` (today when None), or its nearest ancestor's of that day.
    A Sở merged into Đồng Nai's on 01/07/2025 reads "Bình Phước" before and "Đồng Nai" after."""
    if day is None and unit.province:
        return _bare_province(unit.province)
    return _province_in(chain_on(unit, day))


def province_phrase(unit: Unit, day: datetime.date | None = None) -> str:
    """ "tỉnh Bình Phước" (the way a name continues), or "" when the unit has no province."""
    province = province_of(unit, day)
    return f"tỉnh {province}" if province else ""


def _place_in(chain: list[UnitAsOf]) -> str:
    if chain[0].level == UnitLevel.BO:
        return "Hà Nội"
    return _province_in(chain)


def place_of(unit: Unit, day: datetime.date | None = None) -> str:
    """Địa danh of a document of `day`: the issuer's province of that day ("Bình Phước"); the Bộ writes "Hà Nội".
    After a merger the successor's ("Đồng Nai")."""
    return _place_in(chain_on(issuer_on(unit, day), day))


def _without_province(name: str, province: str) -> str:
    """ "Sở Thông tin và Truyền thông tỉnh Bình Phước" → "Sở Thông tin và Truyền thông" (the province is in the
    line above)."""
    if not province:
        return name
    return re.sub(rf"\s+(tỉnh|thành phố)\s+{re.escape(province)}\s*$", "", name, flags=re.IGNORECASE).strip()


def issuer_symbol(name: str) -> str:
    """The initials of a body's name, as ký hiệu write them: Sở Thông tin và Truyền thông → STTTT, Ủy ban nhân
    dân → UBND, Hội đồng Thi đua – Khen thưởng → HĐTĐKT ("và" and punctuation skipped, Đ kept)."""
    letters = []
    name = re.split(r"\s+(?:tỉnh|thành phố)\s+", name, maxsplit=1, flags=re.IGNORECASE)[0]  # the place is not in it
    for word in re.findall(r"\w+", name):
        if word.lower() == "và" or word.isdigit():
            continue
        if len(word) > 1 and word.isupper():  # an abbreviation stays whole: Sở TT&TT → STTTT
            letters.append(word)
            continue
        first = word[0].upper()
        letters.append(first if first == "Đ" else _plain_letter(first))
    return "".join(letters)


def _plain_letter(letter: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", letter)[0]


def _issuer_names_in(chain: list[UnitAsOf]) -> tuple[str, str]:
    here = chain[0]
    province = _province_in(chain)
    if here.level == UnitLevel.SO and province:
        return f"UBND tỉnh {province}", _without_province(here.name, province)
    if here.level in (UnitLevel.BO, UnitLevel.KHAC) or len(chain) < 2:
        return "", here.name
    return chain[1].name, here.name


def issuer_names(unit: Unit, day: datetime.date | None = None) -> tuple[str, str]:
    """(cơ quan chủ quản, cơ quan ban hành) as the header prints them (upper case is the template's), with the names
    of `day`: "UBND tỉnh Bình Phước" / "Sở Thông tin và Truyền thông" in 2023, "UBND tỉnh Đồng Nai" / "Sở Khoa học
    và Công nghệ" in 2026. A unit that had ended by that day speaks through its successor (issuer_on)."""
    return _issuer_names_in(chain_on(issuer_on(unit, day), day))


@dataclass(frozen=True)
class IssuerOn:
    """A unit as a document of one day names it: its state that day, the header's two lines, province and place."""

    unit: UnitAsOf
    parent_body: str
    issuer: str
    province: str
    place: str


def issuer_facts(unit: Unit, day: datetime.date | None) -> IssuerOn:
    """Everything a header reads about its issuer on `day`, in one read of the chain (two queries)."""
    chain = chain_on(issuer_on(unit, day), day)
    parent, issuer = _issuer_names_in(chain)
    return IssuerOn(chain[0], parent, issuer, _province_in(chain), _place_in(chain))


def issuer_on(unit: Unit, day: datetime.date | None) -> Unit:
    """The unit that issues a document of `day` in `unit`'s name: itself; its successor once it has merged; its
    predecessor of that day when the unit did not exist yet (a 2023 report of a campaign that passed to the Sở
    created by the 2025 merger is the old Sở's)."""
    return predecessor_on(successor_on(unit, day), day)


def header_for(
    unit: Unit,
    *,
    doc_type: str,
    day: datetime.date | None,
    number: str = "",
    with_number: bool = True,
    names_on: datetime.date | None = None,
) -> Header:
    """The header block of a document the unit issues on `day`: names, parent body, symbol and place of that day.
    `names_on`: the day the names are read on when the header prints no date of its own (a Báo cáo thành tích)."""
    as_of = names_on or day
    chain = chain_on(issuer_on(unit, as_of), as_of)
    parent, issuer = _issuer_names_in(chain)
    return Header(
        issuer=issuer,
        parent_body=parent,
        doc_type=doc_type,
        number=number,
        issuer_symbol=chain[0].symbol or issuer_symbol(issuer),
        place=_place_in(chain),
        day=day,
        with_number=with_number,
    )


def council_header(unit: Unit, *, doc_type: str, day: datetime.date | None, number: str = "") -> Header:
    """A document of the unit's Hội đồng Thi đua – Khen thưởng (its Biên bản): the unit over the council."""
    chain = chain_on(issuer_on(unit, day), day)
    _, issuer = _issuer_names_in(chain)
    return Header(
        issuer=COUNCIL,
        parent_body=issuer,
        doc_type=doc_type,
        number=number,
        issuer_symbol=COUNCIL_SYMBOL,
        place=_place_in(chain),
        day=day,
    )


def signature_of(signer: Signer | None) -> Signature | None:
    if signer is None:
        return None
    return Signature(position=signer.position, name=signer.name, authority=signer.authority)


def signer_for(unit: Unit, day: datetime.date) -> Signature | None:
    """The unit's signer on `day` (the latest valid one), or None when none is configured. After a merger the
    successor's signer signs."""
    signer = Signer.objects.filter(unit=issuer_on(unit, day)).valid_on(day).order_by("-valid_from", "-pk").first()
    return signature_of(signer)


def report_signer(campaign: Campaign, unit: Unit, day: datetime.date) -> Signature | None:
    """Who signs a scheduled report: the campaign's report signer when the report is the campaign owner's,
    otherwise (or when the campaign has none) the issuing unit's signer on that day."""
    if campaign.report_signer_id and unit.pk == campaign.owner_id and campaign.report_signer.is_valid_on(day):
        return signature_of(campaign.report_signer)
    return signer_for(unit, day)


def citation_of(document: LegalDocument) -> Citation:
    return Citation(
        doc_type=document.doc_type,
        number=document.number,
        issued_on=document.issued_on,
        issuer=document.issuer,
        title=document.title,
    )


def law_citations(day: datetime.date, *, unit: Unit | None = None, topics=TDKT_TOPICS) -> list[Citation]:
    """The texts on emulation and awards in force on `day` — national ones, and the unit's province's own —
    in citation order: the law, then the decree, then the province's rules. Only those in force: a document
    never cites a text that had expired or was not yet in force on its date."""
    province = province_of(issuer_on(unit, day), day) if unit is not None else ""
    documents = [
        d
        for d in LegalDocument.objects.filter(topic__in=topics).valid_on(day)
        if not d.province or (province and d.province == province)
    ]
    rank = {topic: index for index, topic in enumerate(topics)}
    documents.sort(key=lambda d: (rank.get(d.topic, len(rank)), d.order, d.issued_on or datetime.date.min, d.pk))
    return [citation_of(d) for d in documents]


def campaign_citation(campaign: Campaign) -> Citation:
    """The campaign's plan as a citation: "Kế hoạch số 18/KH-UBND ngày 26/01/2023 của UBND tỉnh Bình Phước về
    phát động phong trào thi đua …"."""
    title = " ".join(campaign.title.split()).rstrip(".")
    if title and title[0].isupper() and not title.startswith(("UBND", "Sở", "Bộ")):
        title = title[0].lower() + title[1:]
    return Citation(
        doc_type=campaign.document_type or "Kế hoạch",
        number=campaign.number,
        issued_on=campaign.issued_on,
        issuer=campaign.issuer,
        title=title,
    )
