"""One document layer: what Nghị định 30/2020/NĐ-CP (Phụ lục I) requires of every paper the portal writes.

A generated document — plan, report, Tờ trình, Quyết định, Biên bản, Mẫu 07, tóm tắt — is a `Paper`: the header
block (cơ quan chủ quản over cơ quan ban hành, số and ký hiệu, địa danh and date), the type and trích yếu, the
citations, the signature blocks and Nơi nhận ending "Lưu: VT, …". Each document supplies its body; the HTML
partials in templates/documents/ and the DOCX writer (`emulation.lib.paper_docx.Word`) print these parts the same
way. `Paper.check()` refuses a document without a signer's title and name or without Nơi nhận: it is not
produced half-right.

Pure: no models, no request. Building a Paper from units, signers and legal texts is `campaigns.paper`.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone

# Blanks left for the number and the date of a draft, filled in by hand when the document is signed and issued.
BLANK = "     "

# Abbreviations of document types in a số ký hiệu (Nghị định 30/2020, Phụ lục III).
ABBREVIATIONS = {
    "báo cáo": "BC",
    "biên bản": "BB",
    "chỉ thị": "CT",
    "chương trình": "CTr",
    "công điện": "CĐ",
    "giấy mời": "GM",
    "hướng dẫn": "HD",
    "kế hoạch": "KH",
    "nghị quyết": "NQ",
    "quyết định": "QĐ",
    "thông báo": "TB",
    "tờ trình": "TTr",
}

# Texts cited by their name rather than by "số": "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022".
NAMED_TYPES = {"hiến pháp", "luật", "bộ luật", "pháp lệnh"}

# A trích yếu that begins with one of these reads on after the citation; any other is introduced by "về".
_SELF_INTRODUCING = re.compile(
    r"^(về|quy định|hướng dẫn|ban hành|sửa đổi|bổ sung|phê duyệt|thành lập|kiện toàn|giao|công nhận|phát động|"
    r"triển khai|tổ chức|thực hiện|khen thưởng|tặng)\b",
    re.IGNORECASE,
)


class DocumentIncomplete(ValueError):
    """A document that lacks what NĐ 30/2020 requires: the message says what, in Vietnamese."""

    def __init__(self, what: str, missing: list[str]) -> None:
        self.what, self.missing = what, missing
        super().__init__(f"Chưa lập được {what}: thiếu {'; '.join(missing)}.")


def ngay_van_ban(value: datetime.date | None) -> str:
    """ngày 05 tháng 02 năm 2025, ngày 26 tháng 5 năm 2022: day < 10 and months 1–2 take a leading 0."""
    if not value:
        return f"ngày{BLANK}tháng{BLANK}năm{BLANK}"
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def abbreviation(doc_type: str) -> str:
    """Kế hoạch → KH; an abbreviation given as such is kept (KH → KH); unknown → ""."""
    kind = (doc_type or "").strip()
    return ABBREVIATIONS.get(kind.lower(), kind if kind in ABBREVIATIONS.values() else "")


def number_line(number: str, symbol: str) -> str:
    """Số: 05/BC-STTTT (a number below 10 takes a leading 0); without a number, blanks to fill by hand.

    `number` may already hold the ký hiệu ("18/KH-UBND"), as campaigns typed before the layer existed do.
    """
    number = (number or "").strip()
    if number and "/" in number:
        return "Số: " + re.sub(r"^(\d)(?=\D|$)", r"0\1", number)
    if number:
        number = re.sub(r"^(\d)$", r"0\1", number)
        return f"Số: {number}/{symbol}" if symbol else f"Số: {number}"
    return f"Số:{BLANK} /{symbol}" if symbol else f"Số:{BLANK} /…"


def glue_last_words(text: str, count: int = 2) -> str:
    """Join the last words with no-break spaces so a header line never leaves one syllable of a compound alone
    ("… VÀ TRUYỀN / THÔNG"): Vietnamese words are one syllable each, compounds are two."""
    words = text.split()
    if len(words) <= count:
        return "\u00a0".join(words)
    return " ".join(words[:-count]) + " " + "\u00a0".join(words[-count:])


# --- The parts ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """A text cited: "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết …"."""

    doc_type: str
    number: str = ""
    issued_on: datetime.date | None = None
    issuer: str = ""
    title: str = ""

    @property
    def text(self) -> str:
        date = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        title = " ".join(self.title.split()).rstrip(".;,")
        if self.doc_type.strip().lower() in NAMED_TYPES:
            # Luật Thi đua, khen thưởng ngày 15/6/2022 — its name is the title; the number is not cited.
            return f"{self.doc_type} {title}{date}".strip()
        number = f" số {self.number}" if self.number else ""
        issuer = f" của {self.issuer}" if self.issuer else ""
        if title and not _SELF_INTRODUCING.match(title):
            title = f"về {title}"
        return f"{self.doc_type}{number}{date}{issuer}{' ' + title if title else ''}"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Signature:
    """A signature block: quyền hạn (KT. GIÁM ĐỐC …) when the signer signs for someone, chức vụ, name."""

    position: str
    name: str
    authority: str = ""
    note: str = ""  # e.g. "(Ký, ghi rõ họ và tên)" on a form

    @property
    def lines(self) -> list[str]:
        """The upper-case lines above the signature: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] or ["GIÁM ĐỐC"]."""
        lines = [self.authority.strip().upper()] if self.authority.strip() else []
        position = self.position.strip().upper()
        if position and position not in lines:
            lines.append(position)
        return lines

    @property
    def title(self) -> str:
        return "\n".join(self.lines)

    @property
    def is_complete(self) -> bool:
        return bool(self.position.strip() and self.name.strip())


@dataclass(frozen=True)
class Header:
    """The two columns at the top: cơ quan chủ quản and cơ quan ban hành, Số; Quốc hiệu, tiêu ngữ, place and date."""

    issuer: str
    parent_body: str = ""
    doc_type: str = ""
    number: str = ""  # "05", or "18/KH-UBND" typed whole, or "" for a draft
    issuer_symbol: str = ""  # STTTT, UBND, HĐTĐKT
    place: str = ""
    day: datetime.date | None = None
    with_number: bool = True  # a Báo cáo thành tích (a form, not an issued document) carries no Số

    @property
    def symbol(self) -> str:
        """BC-STTTT: the type's abbreviation and the issuer's."""
        return "-".join(part for part in (abbreviation(self.doc_type), self.issuer_symbol) if part)

    @property
    def number_line(self) -> str:
        return number_line(self.number, self.symbol) if self.with_number else ""

    @property
    def place_date(self) -> str:
        date = ngay_van_ban(self.day)
        return f"{self.place}, {date}" if self.place else date[:1].upper() + date[1:]

    @property
    def parent_line(self) -> str:
        return glue_last_words(self.parent_body.upper()) if self.parent_body else ""

    @property
    def issuer_line(self) -> str:
        return glue_last_words(self.issuer.upper())


@dataclass
class Paper:
    """Everything NĐ 30/2020 asks of a document around its body."""

    header: Header
    summary: str = ""  # trích yếu
    citations: list[Citation] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)  # the issuer's is the last (bottom right)
    recipients: list[str] = field(default_factory=list)  # Nơi nhận without "Lưu"
    archive: str = "VT"  # "Lưu: VT, VP."
    needs_recipients: bool = True  # a Báo cáo thành tích or a Biên bản form may go without Nơi nhận

    @property
    def kind(self) -> str:
        return self.header.doc_type.upper()

    @property
    def signer(self) -> Signature | None:
        return self.signatures[-1] if self.signatures else None

    @property
    def recipient_lines(self) -> list[str]:
        """ "- Như trên;" … "- Lưu: VT, VP.": every line ends with ";", the last with "."."""
        lines = [line.strip().lstrip("-").strip().rstrip(".;,") for line in self.recipients if line.strip()]
        lines = [line for line in lines if not line.lower().startswith("lưu")]
        archive = self.archive.strip().rstrip(".;,") or "VT"
        return [f"{line};" for line in lines] + [f"Lưu: {archive}."]

    def missing(self) -> list[str]:
        missing = []
        if not self.header.issuer.strip():
            missing.append("cơ quan ban hành")
        if not self.signatures:
            missing.append("người ký")
        for signature in self.signatures:
            if not signature.position.strip():
                missing.append(f"chức vụ của người ký{' ' + signature.name if signature.name.strip() else ''}")
            if not signature.name.strip():
                missing.append(f"họ tên người ký ({' '.join(signature.lines) or 'chưa có chức vụ'})")
        if self.needs_recipients and not [line for line in self.recipients if line.strip()]:
            missing.append("nơi nhận")
        return missing

    def check(self, what: str = "") -> Paper:
        """The paper itself, or DocumentIncomplete naming what is missing."""
        missing = self.missing()
        if missing:
            raise DocumentIncomplete(what or self.header.doc_type.lower() or "văn bản", missing)
        return self


# --- File names a person can read ---------------------------------------------------------------------------


def ascii_word(text: str) -> str:
    """ "Sở TT&TT Bình Phước" → "SoTTTTBinhPhuoc": no diacritics, no spaces, letters and digits only."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = re.findall(r"[A-Za-z0-9]+", text)
    return "".join(w[:1].upper() + w[1:] for w in words)


def file_stem(*parts: object) -> str:
    """BC-6thang-2023-SoTTTT-BinhPhuoc-v2: parts joined by "-", each already ASCII or made so."""
    words = []
    for part in parts:
        if part is None or part == "":
            continue
        text = str(part)
        words.append(text if re.fullmatch(r"[A-Za-z0-9]+", text) else ascii_word(text))
    return "-".join(word for word in words if word)[:150]
