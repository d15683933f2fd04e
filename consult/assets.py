"""Static files with a content hash in their URL, cached for a year as immutable.

`asset_url("css/site.css")` → "/static/css/site.css?v=3f2a9c1d0b". The hash is
computed once per process from the file's bytes, so a changed file gets a new URL
and phones never keep a stale stylesheet; an unhashed request is not cached.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, request, url_for

IMMUTABLE = "public, max-age=31536000, immutable"


class Assets:
    """Content hashes of the files under static/."""

    def __init__(self, static_folder: str):
        self.root = Path(static_folder)
        self._hashes: dict[str, str] = {}

    def version(self, filename: str) -> str:
        if filename not in self._hashes:
            data = (self.root / filename).read_bytes()
            self._hashes[filename] = hashlib.sha256(data).hexdigest()[:10]
        return self._hashes[filename]

    def url(self, filename: str) -> str:
        return url_for("static", filename=filename, v=self.version(filename))


def init_assets(app: Flask) -> None:
    """Expose asset_url() to templates and cache hashed static responses forever."""
    assets = Assets(app.static_folder)
    app.extensions["consult_assets"] = assets
    app.jinja_env.globals["asset_url"] = assets.url

    @app.after_request
    def _cache_static(response):
        if request.endpoint == "static" and response.status_code == 200:
            filename = (request.view_args or {}).get("filename", "")
            if request.args.get("v") and request.args["v"] == _safe_version(assets, filename):
                response.headers["Cache-Control"] = IMMUTABLE
            else:
                response.headers["Cache-Control"] = "no-cache"
        return response


def _safe_version(assets: Assets, filename: str) -> str | None:
    try:
        return assets.version(filename)
    except OSError:
        return None
