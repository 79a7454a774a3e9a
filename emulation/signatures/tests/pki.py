"""A throwaway certification authority for tests and the demo: a root, a signer certificate it issues, and PDFs
signed with pyHanko. Nothing here is trusted anywhere; keys live in memory only.

`python -m emulation.signatures.tests.pki DIR` writes DIR/root.pem, DIR/ky-hop-le.pdf (signed),
DIR/ky-bi-sua.pdf (changed after signing) and DIR/chua-ky.pdf: the demo's files.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import io
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

NOW = dt.datetime.now(dt.UTC)


@dataclass
class Identity:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)


def _name(cn: str, org: str, unit: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
    if unit:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(parts)


def make_root(cn: str = "CA thử nghiệm gốc", org: str = "Tổ chức chứng thực thử nghiệm") -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(cn, org)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=3650))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(cert, key)


def make_signer(
    root: Identity,
    *,
    cn: str = "Nguyễn Văn An",
    org: str = "Sở Thông tin và Truyền thông tỉnh Bình Phước",
    unit: str = "Văn phòng Sở",
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
) -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn, org, unit))
        .issuer_name(root.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - dt.timedelta(days=30))
        .not_valid_after(not_after or NOW + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), critical=False)
        .sign(root.key, hashes.SHA256())
    )
    return Identity(cert, key)


def expired_signer(root: Identity) -> Identity:
    return make_signer(root, not_before=NOW - dt.timedelta(days=400), not_after=NOW - dt.timedelta(days=5))


@cache
def plain_pdf(text: str = "TỜ TRÌNH đề nghị khen thưởng") -> bytes:
    """A small real PDF (WeasyPrint, as the portal renders its documents)."""
    from weasyprint import HTML

    html = f"<html><body style='font-family: serif'><h1>{text}</h1><p>Nội dung văn bản thử nghiệm.</p></body></html>"
    return HTML(string=html).write_pdf()


def sign_pdf(pdf: bytes, signer: Identity, root: Identity, *, field: str = "Chữ ký 1") -> bytes:
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key_der = signer.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    simple = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(signer.der),
        signing_key=keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(root.der)]),
    )

    def sign() -> bytes:
        out = signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False),
            signers.PdfSignatureMetadata(field_name=field),
            signer=simple,
        )
        return out.getvalue()

    # pyHanko's sign_pdf calls asyncio.run(), which refuses to run where an event loop is already running — in a
    # test process after the browser tests (Playwright keeps one in the main thread). A thread of its own has none.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(sign).result()


def change_after_signing(signed: bytes) -> bytes:
    """An incremental update that rewrites the page's text after the signature: what a forger would append."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 700 Td (SUA SAU KHI KY) Tj ET")
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def tamper_bytes(signed: bytes) -> bytes:
    """Flip one byte inside the signed range (the first page's text)."""
    index = signed.index(b"/Type") + 1
    return signed[:index] + b"X" + signed[index + 1 :]


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    root = make_root()
    signer = make_signer(root)
    signed = sign_pdf(plain_pdf(), signer, root)
    (out / "root.pem").write_bytes(root.pem)
    (out / "ky-hop-le.pdf").write_bytes(signed)
    (out / "ky-bi-sua.pdf").write_bytes(change_after_signing(signed))
    (out / "chua-ky.pdf").write_bytes(plain_pdf())
    print(f"Đã ghi {out}/root.pem, ky-hop-le.pdf, ky-bi-sua.pdf, chua-ky.pdf")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
