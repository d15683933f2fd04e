"""Page weight on a weak phone link: the bytes the server really sends, gzip-compressed.

Budgets (issue 8): HTML + the CSS needed for first render ≤ 14 KB (one TCP round trip) for
the home page, the demo draft with its form, a QR landing and the suggestion box; ≤ 100 KB
for results; everything including the deferred htmx and our own scripts ≤ 40 KB. No request
may go to another host, and every static file is content-hashed and cached as immutable.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from consult.demo import seed_demo
from consult.extensions import db
from consult.models import Consultation, QrPoint

FIRST_ROUND_TRIP = 14 * 1024
RESULTS_BUDGET = 100 * 1024
TOTAL_BUDGET = 40 * 1024
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
SCRIPT = re.compile(r'<script src="([^"]+)"')
ABSOLUTE = re.compile(r'''(?:https?:)?//[^\s"'<>)]+''')


def _sent(client, path: str):
    """(response, bytes on the wire) for a browser that accepts gzip."""
    response = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200, (path, response.status_code)
    return response, len(response.get_data())


def _weigh(client, path: str) -> dict:
    response, html_bytes = _sent(client, path)
    assert response.headers.get("Content-Encoding") == "gzip", path
    page = client.get(path).get_data(as_text=True)
    css = STYLESHEET.findall(page)
    scripts = SCRIPT.findall(page)
    css_bytes = sum(_sent(client, href)[1] for href in css)
    script_bytes = sum(_sent(client, src)[1] for src in scripts)
    return {"path": path, "page": page, "css": css, "scripts": scripts, "first_render": html_bytes + css_bytes,
            "total": html_bytes + css_bytes + script_bytes}


@pytest.fixture
def demo(app):
    seed_demo()
    db.session.commit()
    draft = db.session.execute(db.select(Consultation).where(Consultation.slug.like("du-thao-nghi-quyet%"))).scalar_one()
    results = db.session.execute(
        db.select(Consultation).where(Consultation.results_published_at.is_not(None))
    ).scalars().first()
    point = db.session.execute(
        db.select(QrPoint).where(QrPoint.consultation_id == draft.id, QrPoint.hamlet_id.is_not(None))
    ).scalars().first()
    return {"draft": draft.slug, "results": results.slug, "qr": point.code}


def test_citizen_pages_fit_the_first_round_trip(client, demo):
    landing = client.get(f"/q/{demo['qr']}")
    assert landing.status_code == 303
    qr_page = urlsplit(landing.headers["Location"])
    paths = ["/", f"/c/{demo['draft']}", f"{qr_page.path}?{qr_page.query}", "/feedback"]
    for path in paths:
        weight = _weigh(client, path)
        assert weight["first_render"] <= FIRST_ROUND_TRIP, (path, weight["first_render"])
        assert weight["total"] <= TOTAL_BUDGET, (path, weight["total"])
        assert all(re.search(r"[?&]v=[0-9a-f]{10}", url) for url in weight["css"] + weight["scripts"]), path
        assert all("defer" in tag for tag in re.findall(r"<script[^>]*>", weight["page"])), path


def test_the_results_page_fits_its_budget(client, demo):
    weight = _weigh(client, f"/c/{demo['results']}/results")
    assert weight["first_render"] <= RESULTS_BUDGET, weight["first_render"]


def test_no_page_or_stylesheet_asks_another_host(client, demo):
    pages = ["/", f"/c/{demo['draft']}", "/feedback", "/feedback/public", f"/c/{demo['results']}/results", "/login"]
    seen_assets: set[str] = set()
    for path in pages:
        page = client.get(path).get_data(as_text=True)
        for url in ABSOLUTE.findall(page):
            assert urlsplit(url if "//" in url[:8] else url).hostname in (None, "localhost"), (path, url)
        seen_assets.update(STYLESHEET.findall(page) + SCRIPT.findall(page))
    for asset in seen_assets:
        body = client.get(asset).get_data(as_text=True)
        if asset.split("?")[0].endswith(".css"):
            assert not ABSOLUTE.findall(body), asset
            assert "@import" not in body and "url(http" not in body, asset


def test_every_linked_asset_is_cached_as_immutable(client, demo):
    page = client.get(f"/c/{demo['draft']}").get_data(as_text=True)
    for asset in STYLESHEET.findall(page) + SCRIPT.findall(page):
        response = client.get(asset)
        assert "immutable" in response.headers["Cache-Control"], asset
        assert "max-age=31536000" in response.headers["Cache-Control"], asset
