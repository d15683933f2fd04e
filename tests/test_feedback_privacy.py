"""No personal data on any public page: every seeded sender name and phone, staff names and
internal notes are looked for on every page a visitor can reach, for every item."""
from __future__ import annotations

import pytest

from consult import codes
from consult.extensions import db
from consult.feedback import workflow
from consult.models import FeedbackChannel, Role
from consult.timeutil import utcnow
from tests.factories import make_commune, make_feedback, make_feedback_category

SENDERS = [
    ("Nguyễn Thị Hạnh", "0912345601"), ("Trần Văn Bảy", "0987654302"), ("Lê Thị Tám", "0356789003"),
    ("Phạm Quốc Khánh", "0779123404"), ("Hoàng Văn Sáu", "0868555505"), ("Vũ Thị Mười", "0932111206"),
]
NOTE = "Ghi chú nội bộ: người này hay gọi điện phàn nàn"


@pytest.fixture
def seeded(app, hamlets, users):
    make_commune()
    category = make_feedback_category("Đời sống dân sinh")
    moderator, officer = users[Role.MODERATOR], users[Role.HAMLET_OFFICER]
    items = []
    for n, (name, phone) in enumerate(SENDERS):
        items.append(make_feedback(
            category, hamlets[n % 3], title=f"Phản ánh công khai số {n}", body=f"Nội dung số {n}.",
            sender_name=name, sender_phone=phone, consent=True, allow_public=n % 2 == 0,
            channel=FeedbackChannel.PAPER if n == 4 else FeedbackChannel.WEB,
            entered_by_id=officer.id if n == 4 else None,
        ))
    for item in items[:4]:
        workflow.assign(item, moderator, moderator)
        workflow.add_note(item, NOTE, moderator)
    for item in items[:3]:
        workflow.resolve(item, f"Xã đã xử lý phản ánh {item.id}.", moderator)
    workflow.reject(items[3], "Không thuộc thẩm quyền.", moderator)
    workflow.merge(items[5], items[0], moderator)  # an answered item's duplicate
    db.session.commit()
    return items


def _public_pages(client, items) -> dict[str, str]:
    urls = ["/", "/feedback", "/feedback/public", "/feedback/track",
            *(f"/feedback/{codes.format_tracking_code(item.tracking_code)}" for item in items)]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.get_data(as_text=True)
    return pages


def test_no_sender_data_staff_name_or_note_on_any_public_page(client, seeded, users):
    pages = _public_pages(client, seeded)
    forbidden = [value for sender in SENDERS for value in sender]
    forbidden += [phone[:4] + " " + phone[4:7] + " " + phone[7:] for _, phone in SENDERS]  # as people write them
    forbidden += [NOTE, users[Role.MODERATOR].display_name, users[Role.HAMLET_OFFICER].display_name]
    for url, html in pages.items():
        for value in forbidden:
            assert value not in html, f"{value!r} leaks on {url}"


def test_published_content_is_public_and_private_content_is_not(client, seeded):
    public = client.get("/feedback/public").get_data(as_text=True)
    assert "Phản ánh công khai số 0" in public and "Phản ánh công khai số 2" in public   # allowed and answered
    assert "Phản ánh công khai số 1" not in public                                        # not allowed
    assert "Phản ánh công khai số 4" not in public                                        # allowed, not answered
    assert f"Xã đã xử lý phản ánh {seeded[0].id}." in public


def test_a_duplicate_s_page_shows_the_shared_answer_but_not_the_other_sender_s_code(client, seeded):
    duplicate, target = seeded[5], seeded[0]
    html = client.get(f"/feedback/{codes.format_tracking_code(duplicate.tracking_code)}").get_data(as_text=True)
    assert f"Xã đã xử lý phản ánh {target.id}." in html
    assert target.tracking_code[2:6] not in html and target.title not in html


def test_purging_contacts_keeps_published_items_public(client, seeded, app):
    from consult.privacy import purge_personal_data

    counts, _photos = purge_personal_data(utcnow())
    db.session.commit()
    assert counts["feedback"] == len(SENDERS)
    db.session.refresh(seeded[0])
    assert seeded[0].sender_name == "" and seeded[0].purged_at is not None
    # Publishing the content was a separate choice from leaving a contact: the answered item stays public.
    assert "Phản ánh công khai số 0" in client.get("/feedback/public").get_data(as_text=True)
