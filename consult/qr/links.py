"""The addresses a QR point prints: the full URL in the symbol and the short one typed under it.

Posters outlive requests, so when the commune has set its public host that host is
printed; otherwise (a fresh install, a test) the host the page was requested on.
"""
from __future__ import annotations

from flask import request, url_for

from consult.qr import bp
from consult.settings import commune


def public_host() -> str:
    """The commune's public host without scheme or trailing slash ("" when not set)."""
    host = (commune().public_host or "").strip()
    for prefix in ("https://", "http://"):
        if host.lower().startswith(prefix):
            host = host[len(prefix):]
    return host.rstrip("/")


@bp.app_template_global("qr_url")
def qr_url(code: str) -> str:
    """What the QR symbol encodes: https://<public host>/q/<CODE>."""
    host = public_host()
    if host:
        return f"https://{host}/q/{code}"
    return url_for("qr.scan", code=code, _external=True)


@bp.app_template_global("qr_short_url")
def qr_short_url(code: str) -> str:
    """The same address as people type it, without the scheme: gopy.dienchau.gov.vn/q/7K3MQ2."""
    host = public_host() or request.host
    return f"{host}/q/{code}"


def consultation_url(slug: str) -> str:
    """The public address of a consultation, on the commune's public host when set."""
    host = public_host()
    if host:
        return f"https://{host}/c/{slug}"
    return url_for("consultations.show", slug=slug, _external=True)
