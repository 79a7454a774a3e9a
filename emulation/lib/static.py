"""The static files' storage in production: whitenoise's compressed, hashed files
(CompressedManifestStaticFilesStorage), with each file's URL looked up once per process. The manifest does not change
while a process runs (a deploy starts new ones), and the layout's {% static %} tags, worked out afresh on every page,
were a fiftieth of the figures form."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = super().url(name)
        return found
