"""Accessibility: axe-core in headless Chromium on every public page and the main staff pages
(no serious or critical violation), and keyboard-only use of the comment form.

axe-core comes from the npm registry into tests/assets/node_modules (`make test` installs it);
it is a test asset, never shipped to users. The page's own CSP is bypassed only to inject it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from consult.demo import seed_demo
from consult.extensions import db
from consult.models import Consultation, Feedback, FeedbackStatus, QrPoint, Submission

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "assets" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


@pytest.fixture
def demo(app):
    """The demo commune; ids and codes read now, so no transaction stays open (SQLite)."""
    seed_demo()
    db.session.commit()
    consultations = {c.kind.value + ("-done" if c.results_published_at else ""): c.slug
                     for c in db.session.execute(db.select(Consultation)).scalars()}
    draft = db.session.execute(db.select(Consultation).where(Consultation.slug.like("du-thao-nghi-quyet%"))).scalar_one()
    found = {
        "draft": draft.slug,
        "survey": consultations["survey"],
        "results": next(slug for key, slug in consultations.items() if key.endswith("-done")),
        "qr": db.session.execute(db.select(QrPoint.code).where(QrPoint.consultation_id == draft.id)).scalars().first(),
        "receipt": db.session.execute(
            db.select(Submission.receipt_code).where(Submission.consultation_id == draft.id)).scalars().first(),
        "tracking": db.session.execute(
            db.select(Feedback.tracking_code).where(Feedback.status == FeedbackStatus.RESOLVED,
                                                    Feedback.allow_public.is_(True))).scalars().first(),
    }
    db.session.commit()
    return found


@pytest.fixture
def axe_page(browser):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `make test` (npm ci in tests/assets)")
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _violations(page, url: str) -> list[dict]:
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [violation for violation in result if violation["impact"] in SERIOUS]


def _sign_in(page, base: str) -> None:
    page.goto(base + "/login")
    page.fill("#username", "admin")
    page.fill("#password", "demo-admin-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/staff/")


def test_public_pages_have_no_serious_violations(live_server, axe_page, demo):
    from consult import codes

    base = live_server.url
    paths = [
        "/", f"/c/{demo['draft']}", f"/c/{demo['survey']}", f"/q/{demo['qr']}", f"/c/{demo['results']}/results",
        f"/r/{codes.format_receipt_code(demo['receipt'])}", "/r", "/feedback", "/feedback/track", "/feedback/public",
        f"/feedback/{codes.format_tracking_code(demo['tracking'])}", "/login", "/khong-co-trang-nay",
    ]
    found = {path: _violations(axe_page, base + path) for path in paths}
    assert {path: found[path] for path in paths if found[path]} == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_main_staff_pages_have_no_serious_violations(live_server, axe_page, demo):
    base = live_server.url
    _sign_in(axe_page, base)
    paths = [
        "/staff/", "/staff/consultations/", f"/staff/consultations/{demo['draft']}",
        f"/staff/consultations/{demo['draft']}/edit", f"/staff/consultations/{demo['draft']}/responses",
        f"/staff/consultations/{demo['draft']}/qr", f"/staff/entry/{demo['draft']}", "/staff/moderation",
        "/staff/feedback/", "/staff/feedback/report", "/staff/users", "/staff/audit", "/staff/settings",
    ]
    found = {path: _violations(axe_page, base + path) for path in paths}
    assert {path: found[path] for path in paths if found[path]} == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_every_chart_has_its_table(live_server, phone, demo):
    phone.goto(f"{live_server.url}/c/{demo['results']}/results")
    charts = phone.locator("svg[role=img]")
    assert charts.count() > 0
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.get_attribute("aria-labelledby") or chart.locator("title").count()
        # The data table sits beside the chart, in the same figure or section.
        assert chart.locator("xpath=ancestor::*[self::figure or self::section][1]//table").count() >= 1


def test_the_comment_form_works_with_the_keyboard_alone(live_server, phone, demo):
    """Tab, arrows, space and Enter only; focus is always visible."""
    phone.goto(f"{live_server.url}/c/{demo['draft']}#dieu-3")
    summary = phone.locator("#dieu-3 > summary")
    summary.focus()
    if phone.locator("#dieu-3").get_attribute("open") is None:
        phone.keyboard.press("Enter")
    outline = phone.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }""")
    assert outline, "the focused element shows no focus ring"
    # Tab into the stance choices of Điều 3, pick the second with an arrow key, then the text.
    for _ in range(30):
        phone.keyboard.press("Tab")
        name = phone.evaluate("document.activeElement.name || ''")
        if name.endswith("-stance") and phone.evaluate("document.activeElement.closest('#dieu-3') !== null"):
            break
    else:
        pytest.fail("Tab never reached the stance choices of Điều 3")
    phone.keyboard.press("ArrowDown")
    assert phone.evaluate("document.activeElement.value") == "disagree"
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.tagName") == "TEXTAREA"
    phone.keyboard.type("Đề nghị giảm mức đóng góp cho hộ nghèo.")
    # On to the respondent part: hamlet (first hamlet with the arrow key), then consent.
    phone.locator("#hamlet").focus()
    phone.keyboard.press("ArrowDown")
    phone.locator("#consent").focus()
    phone.keyboard.press("Space")
    assert phone.locator("#consent").is_checked()
    phone.locator("form button[type=submit]").focus()
    phone.keyboard.press("Enter")
    phone.get_by_text("Mã phiếu").first.wait_for()
    assert "Không tán thành" in phone.content()
