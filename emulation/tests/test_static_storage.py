"""The production static storage (emulation.lib.static) answers each file's hashed URL as whitenoise's does, looked up
once per process."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

from emulation.lib.static import StaticStorage


def test_the_hashed_urls_are_whitenoises_and_looked_up_once(collected_static, monkeypatch):
    ours = StaticStorage(location=str(collected_static), base_url="/static/")
    theirs = CompressedManifestStaticFilesStorage(location=str(collected_static), base_url="/static/")
    for name in ("css/portal.css", "vendor/bootstrap/bootstrap.min.css", "js/portal.js", "js/submission.js"):
        url = ours.url(name)
        assert url == theirs.url(name)
        assert url != f"/static/{name}" and url.startswith("/static/")  # the hashed name, from the manifest
    looked_up = []
    monkeypatch.setattr(
        CompressedManifestStaticFilesStorage, "url", lambda self, name, force=False: looked_up.append(name) or name
    )
    ours.url("css/portal.css")
    assert looked_up == []  # answered from what this process already looked up
    assert ours.url("img/favicon.svg") == "img/favicon.svg" and looked_up == ["img/favicon.svg"]
