"""QR images with segno: inline SVG for pages and print, PNG to download.

Error correction is level H (about 30 % of the symbol can be lost and still read).
Posters hang for weeks at cultural houses and markets: sun fades them, rain streaks
them, a corner tears, someone pins a notice over an edge. Our URLs are short (about
40 characters), so H costs only a slightly denser symbol (version 5, 37×37 modules)
that still prints at more than 2.5 mm a module on an A4 poster, well within what a
cheap phone camera reads from arm's length; level Q (25 %) would save one version
and gain nothing that matters on paper.
"""
from __future__ import annotations

import io

import segno
from markupsafe import Markup

ERROR_LEVEL = "h"
#: Four modules of white around the symbol, as the standard asks (the quiet zone).
QUIET_ZONE = 4
#: PNG pixels per module: a 37-module symbol becomes ~1,100 px, sharp at A4 size.
PNG_SCALE = 24


def make_qr(data: str) -> segno.QRCode:
    """A full QR code (never Micro QR, which many phone cameras cannot read) at level H."""
    return segno.make(data, error=ERROR_LEVEL, micro=False, boost_error=False)


def qr_svg(data: str, title: str = "") -> Markup:
    """Inline SVG markup sized by CSS (viewBox only), black on white, no style attributes."""
    markup = make_qr(data).svg_inline(
        scale=1, border=QUIET_ZONE, omitsize=True, dark="#000", light="#fff", title=title or None,
        svgclass="qr", lineclass="qr-line",
    )
    return Markup(markup)  # nosec B704 - markup written by segno, which escapes the title


def qr_svg_document(data: str) -> bytes:
    """A standalone SVG file (for print shops)."""
    buffer = io.BytesIO()
    make_qr(data).save(buffer, kind="svg", scale=10, border=QUIET_ZONE, dark="#000", light="#fff")
    return buffer.getvalue()


def qr_png(data: str) -> bytes:
    """A large PNG for download."""
    buffer = io.BytesIO()
    make_qr(data).save(buffer, kind="png", scale=PNG_SCALE, border=QUIET_ZONE, dark="#000", light="#fff")
    return buffer.getvalue()
