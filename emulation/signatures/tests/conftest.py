from __future__ import annotations

from dataclasses import dataclass

import pytest

from emulation.signatures.tests import pki


@dataclass
class Ca:
    root: pki.Identity
    other_root: pki.Identity
    signer: pki.Identity
    signed: bytes
    unsigned: bytes


@pytest.fixture(scope="session")
def ca() -> Ca:
    """A throwaway CA and a Tờ trình signed by a Văn phòng Sở officer it certified; another CA nobody trusts."""
    root = pki.make_root()
    signer = pki.make_signer(root)
    unsigned = pki.plain_pdf()
    return Ca(
        root=root,
        other_root=pki.make_root(cn="CA không rõ nguồn gốc", org="Không rõ"),
        signer=signer,
        signed=pki.sign_pdf(unsigned, signer, root),
        unsigned=unsigned,
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT
