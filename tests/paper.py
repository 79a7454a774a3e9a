"""What every generated document must carry (Nghị định 30/2020, Phụ lục I), checked on its text.

    text = pdf_text(render_x_pdf(...), "bao-cao-6-thang")      # pdftotext; each page also saved as PNG
    assert_paper(text, parent="UBND TỈNH BÌNH PHƯỚC", issuer="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                 number="Số: 05/BC-STTTT", citation="Nghị định số 98/2023/NĐ-CP", signer=("GIÁM ĐỐC", "Nguyễn …"))

The PNGs go to artifacts/documents/ (the CI's artifacts): a person reads them page by page.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import IN_CI

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "documents"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is missing in CI (.ci/run installs poppler-utils)")
        pytest.skip(f"{name} is not installed (Debian poppler-utils)")
    return path


def flat(text: str) -> str:
    """Whitespace (line breaks of the layout, no-break spaces) as single spaces."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def pdf_text(data: bytes, name: str = "", *, png: bool = True, raw: bool = False) -> str:
    """The PDF's text (pdftotext -layout, or -raw: in the order it was written, so the header's two columns do
    not interleave); with a name, its pages are also written as PNG to the artifacts."""
    assert data.startswith(b"%PDF"), "not a PDF"
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "document.pdf"
        path.write_bytes(data)
        text = subprocess.run(
            [_tool("pdftotext"), "-raw" if raw else "-layout", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        if name and png:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            for old in ARTIFACTS.glob(f"{name}-*.png"):
                old.unlink()
            subprocess.run([_tool("pdftoppm"), "-png", "-r", "60", str(path), str(ARTIFACTS / name)], check=True)
    return text


def docx_text(data: bytes) -> str:
    """The DOCX's paragraphs, tables included, one per line (python-docx)."""
    from docx import Document

    document = Document(io.BytesIO(data))
    lines: list[str] = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for row in block.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)
            else:
                lines.append(block.text)

    walk(document)
    return "\n".join(lines)


def assert_paper(
    text: str,
    *,
    issuer: str,
    number: str | None,
    signer: tuple[str, str] | None,
    parent: str = "",
    citation: str = "",
    recipients: bool = True,
) -> None:
    """The header's two lines, "Số: n/KH-…" with a real ký hiệu, a citation with its type, the signature block
    with title and name, and Nơi nhận ending "Lưu: VT"."""
    page = flat(text)
    if parent:
        assert parent in page, f"cơ quan chủ quản {parent!r} missing"
    assert issuer in page, f"cơ quan ban hành {issuer!r} missing"
    if parent:
        assert page.index(parent) < page.index(issuer), "the parent body must stand above the issuer"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Độc lập - Tự do - Hạnh phúc" in page
    if number is not None:
        assert number in page, f"{number!r} missing"
        assert not re.search(r"Số:\s*/…", page), "a ký hiệu without its issuer"
    if citation:
        assert citation in page, f"citation {citation!r} missing"
        # "Thực hiện số hóa" is Vietnamese; "Thực hiện số 18/KH-UBND" is a citation without its type.
        assert not re.search(r"(Căn cứ|Thực hiện) số [\d…]", page), "a citation without its document type"
    if signer:
        title, name = signer
        assert title in page, f"signature title {title!r} missing"
        assert name and name in page, f"signer's name {name!r} missing"
        assert page.rindex(name) > page.rindex(title), "the name stands under the title"
    if recipients:
        assert "Nơi nhận:" in page
        assert re.search(r"Lưu: VT\b", page), "Nơi nhận must end with Lưu: VT"
