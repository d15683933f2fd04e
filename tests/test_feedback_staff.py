"""The staff side: the inbox (filters, counts, overdue, pages, htmx), hamlet scoping,
entry of paper and hotline items, and the category list."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from consult.extensions import db
from consult.feedback.inbox import PAGE_SIZE
from consult.models import AuditEntry, Feedback, FeedbackCategory, FeedbackChannel, Role
from consult.timeutil import local_midnight, local_today, utcnow
from tests.conftest import login_as, post
from tests.factories import make_commune, make_feedback, make_feedback_category
from tests.feedback_support import checked, image_bytes, selected, upload


@pytest.fixture
def categories(app):
    make_commune()
    made = [make_feedback_category("An ninh trật tự"), make_feedback_category("Môi trường")]
    db.session.commit()
    return made


def _ids(html: str) -> set[int]:
    return {int(found) for found in re.findall(r'<tr id="pa-(\d+)"', html)}


@pytest.fixture
def box(categories, hamlets, users):
    """Items in every state, across hamlets; one overdue, one assigned to the moderator."""
    today = local_today()
    moderator = users[Role.MODERATOR]
    items = {
        "new": make_feedback(categories[0], hamlets[0], title="Mới nhận"),
        "late": make_feedback(categories[1], hamlets[1], title="Quá hạn rồi", due_on=today - timedelta(days=2),
                              received_at=utcnow() - timedelta(days=20)),
        "mine": make_feedback(categories[0], hamlets[1], title="Của cán bộ", status="assigned",
                              assignee_id=moderator.id),
        "done": make_feedback(categories[1], hamlets[2], title="Đã xong", status="resolved", resolved_at=utcnow(),
                              public_answer="Xong."),
        "nowhere": make_feedback(categories[0], None, title="Không rõ xóm"),
    }
    db.session.commit()
    return items


def test_the_inbox_shows_open_items_and_counts_per_status(client, users, box):
    login_as(client, users[Role.MODERATOR])
    response = client.get("/staff/feedback/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert _ids(html) == {box[key].id for key in ("new", "late", "mine", "nowhere")}
    assert re.search(r"Chưa xong <b>4</b>", html) and re.search(r"Đã giải quyết <b>1</b>", html)
    assert re.search(r"Quá hạn <b>1</b>", html)
    # Overdue rows are highlighted.
    assert f'<tr id="pa-{box["late"].id}" class="overdue">' in html
    assert f'<tr id="pa-{box["new"].id}">' in html


@pytest.mark.parametrize("query, expected", [
    ({"status": "all"}, {"new", "late", "mine", "done", "nowhere"}),
    ({"status": "resolved"}, {"done"}),
    ({"status": "assigned"}, {"mine"}),
    ({"category": "CAT1"}, {"late"}),
    ({"hamlet": "HAMLET1"}, {"late", "mine"}),
    ({"overdue": "1"}, {"late"}),
    ({"assignee": "me"}, {"mine"}),
    ({"assignee": "none"}, {"new", "late", "nowhere"}),
    ({"status": "bogus", "category": "x", "page": "-3"}, {"new", "late", "mine", "nowhere"}),
])
def test_filters(client, users, box, categories, hamlets, query, expected):
    login_as(client, users[Role.MODERATOR])
    values = {key: value.replace("CAT1", str(categories[1].id)).replace("HAMLET1", str(hamlets[1].id))
              for key, value in query.items()}
    html = client.get("/staff/feedback/", query_string=values).get_data(as_text=True)
    assert _ids(html) == {box[key].id for key in expected}


def test_newest_or_oldest_first(client, users, box):
    login_as(client, users[Role.MODERATOR])
    newest = re.findall(r'<tr id="pa-(\d+)"', client.get("/staff/feedback/").get_data(as_text=True))
    oldest = re.findall(r'<tr id="pa-(\d+)"', client.get("/staff/feedback/?sort=oldest").get_data(as_text=True))
    assert newest[-1] == str(box["late"].id) and oldest[0] == str(box["late"].id)
    assert oldest == list(reversed(newest))


def test_pages(client, users, categories, hamlets):
    for n in range(PAGE_SIZE + 3):
        make_feedback(categories[0], hamlets[0], title=f"Phản ánh {n}")
    db.session.commit()
    login_as(client, users[Role.ADMIN])
    first = client.get("/staff/feedback/").get_data(as_text=True)
    second = client.get("/staff/feedback/?page=2").get_data(as_text=True)
    assert len(_ids(first)) == PAGE_SIZE and len(_ids(second)) == 3
    assert "Trang 1/2" in first and "page=2" in first


def test_with_htmx_the_filters_swap_only_the_results(client, users, box):
    login_as(client, users[Role.MODERATOR])
    response = client.get("/staff/feedback/?status=resolved", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="inbox-results">') and "<html" not in html
    assert _ids(html) == {box["done"].id}
    assert "HX-Request" in response.headers["Vary"]


def test_a_hamlet_officer_sees_only_their_hamlet(client, users, box, hamlets):
    login_as(client, users[Role.HAMLET_OFFICER])  # Xóm 2
    html = client.get("/staff/feedback/?status=all").get_data(as_text=True)
    assert _ids(html) == {box["late"].id, box["mine"].id}
    # Asking for another hamlet shows nothing rather than that hamlet.
    assert _ids(client.get(f"/staff/feedback/?status=all&hamlet={hamlets[0].id}").get_data(as_text=True)) == set()
    assert client.get(f"/staff/feedback/{box['late'].id}").status_code == 200
    assert client.get(f"/staff/feedback/{box['new'].id}").status_code == 403
    assert client.get(f"/staff/feedback/{box['nowhere'].id}").status_code == 403
    assert client.get("/staff/feedback/987654").status_code == 404


def test_the_item_page_shows_the_sender_s_contact_to_staff(client, users, categories, hamlets):
    item = make_feedback(categories[0], hamlets[1], sender_name="Hồ Thị Mai", sender_phone="0388123456",
                         consent=True)
    db.session.commit()
    login_as(client, users[Role.COUNCIL])
    html = client.get(f"/staff/feedback/{item.id}").get_data(as_text=True)
    assert "Hồ Thị Mai" in html and 'href="tel:0388123456"' in html and "chỉ cán bộ xem" in html


# --- entry of paper, hotline, meeting items ---------------------------------------------

def _entry(category, hamlet, **extra) -> dict:
    values = {"channel": "paper", "received_on": (local_today() - timedelta(days=3)).isoformat(),
              "category": str(category.id), "hamlet": str(hamlet.id) if hamlet else "0",
              "title": "Phiếu giấy: cống tắc", "body": "Cống thoát nước đầu xóm bị tắc."}
    values.update(extra)
    return values


def test_staff_enter_a_paper_item_with_its_received_date(client, users, categories, hamlets):
    login_as(client, users[Role.MODERATOR])
    assert client.get("/staff/feedback/new").status_code == 200
    response = post(client, "/staff/feedback/new", _entry(categories[1], hamlets[0], sender_name="Cụ Lê Văn Tư",
                                                          sender_phone="0912000333", consent="y"))
    assert response.status_code == 303
    item = db.session.execute(db.select(Feedback)).scalar_one()
    assert response.headers["Location"].endswith(f"/staff/feedback/{item.id}")
    received_on = local_today() - timedelta(days=3)
    assert item.channel is FeedbackChannel.PAPER and item.entered_by_id == users[Role.MODERATOR].id
    assert local_midnight(received_on) <= item.created_at < local_midnight(received_on + timedelta(days=1))
    assert item.due_on == received_on + timedelta(days=15)
    assert item.sender_name == "Cụ Lê Văn Tư"
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "feedback.enter")).scalar_one()
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Mã theo dõi để báo cho người gửi" in page


@pytest.mark.parametrize("channel", ["hotline", "meeting", "other"])
def test_every_channel_can_be_entered(client, users, categories, hamlets, channel):
    login_as(client, users[Role.ADMIN])
    assert post(client, "/staff/feedback/new", _entry(categories[0], None, channel=channel)).status_code == 303
    assert db.session.execute(db.select(Feedback)).scalar_one().channel is FeedbackChannel(channel)


def test_entry_refuses_bad_input_and_keeps_what_was_typed(client, users, categories, hamlets):
    login_as(client, users[Role.MODERATOR])
    response = post(client, "/staff/feedback/new", _entry(
        categories[1], hamlets[2], channel="web", received_on=(local_today() + timedelta(days=1)).isoformat(),
        body="", sender_phone="0912000333", allow_public="y"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Hãy chọn kênh tiếp nhận." in html and "Ngày nhận không thể sau hôm nay." in html
    assert "Hãy nhập nội dung phản ánh, kiến nghị." in html and "Hãy đánh dấu đồng ý" in html
    assert 'value="Phiếu giấy: cống tắc"' in html and 'value="0912000333"' in html
    assert selected(html, hamlets[2].id) and checked(html, "category", categories[1].id) and checked(html, "allow_public")
    bad_date = post(client, "/staff/feedback/new", _entry(categories[1], hamlets[2], received_on="31/02/2026"))
    assert "Hãy nhập ngày theo dạng ngày/tháng/năm" in bad_date.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count()).select_from(Feedback)).scalar_one() == 0


def test_entry_with_a_photo(client, users, categories, hamlets):
    login_as(client, users[Role.MODERATOR])
    data = _entry(categories[0], hamlets[0])
    data["photo"] = upload(image_bytes("PNG"), "phieu.png", "image/png")
    assert post(client, "/staff/feedback/new", data, content_type="multipart/form-data").status_code == 303
    assert db.session.execute(db.select(Feedback)).scalar_one().photo_name


def test_a_hamlet_officer_enters_for_their_hamlet_only(client, users, categories, hamlets):
    login_as(client, users[Role.HAMLET_OFFICER])  # Xóm 2
    form = client.get("/staff/feedback/new").get_data(as_text=True)
    assert selected(form, hamlets[1].id) and "Xóm 1" not in form and "không rõ" not in form
    assert post(client, "/staff/feedback/new", _entry(categories[0], hamlets[2])).status_code == 403
    no_hamlet = post(client, "/staff/feedback/new", _entry(categories[0], None))
    assert no_hamlet.status_code == 422 and "Hãy chọn thôn, xóm." in no_hamlet.get_data(as_text=True)
    assert post(client, "/staff/feedback/new", _entry(categories[0], hamlets[1])).status_code == 303
    item = db.session.execute(db.select(Feedback)).scalar_one()
    assert item.hamlet_id == hamlets[1].id and item.entered_by_id == users[Role.HAMLET_OFFICER].id


def test_entry_is_not_doubled_by_a_second_click(client, users, categories, hamlets):
    login_as(client, users[Role.MODERATOR])
    data = _entry(categories[0], hamlets[0], idempotency_key="khoa-nhap-phieu-0001")
    first, second = post(client, "/staff/feedback/new", data), post(client, "/staff/feedback/new", data)
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.execute(db.select(db.func.count()).select_from(Feedback)).scalar_one() == 1


# --- categories ---------------------------------------------------------------------

def test_admins_add_rename_reorder_and_deactivate_categories(client, users, categories, hamlets):
    login_as(client, users[Role.ADMIN])
    assert client.get("/staff/feedback/categories").status_code == 200
    added = post(client, "/staff/feedback/categories", {"name": "Đất đai", "due_days": "30", "active": "y"})
    assert added.status_code == 303
    land = db.session.execute(db.select(FeedbackCategory).where(FeedbackCategory.name == "Đất đai")).scalar_one()
    assert land.due_days == 30 and land.active and land.code == "dat-dai"

    make_feedback(land, hamlets[0])
    db.session.commit()
    edited = post(client, f"/staff/feedback/categories/{land.id}",
                  {"name": "Đất đai, xây dựng", "due_days": "", "position": "1"})  # "active" unticked
    assert edited.status_code == 303
    db.session.refresh(land)
    assert (land.name, land.due_days, land.position, land.active) == ("Đất đai, xây dựng", None, 1, False)
    client.get("/staff/feedback/categories")  # shows (and so clears) the flash message
    assert "Đất đai" not in client.get("/feedback").get_data(as_text=True)
    listing = client.get("/staff/feedback/categories").get_data(as_text=True)
    assert "Đất đai, xây dựng" in listing and "Thôi dùng" in listing
    actions = {entry.action for entry in db.session.execute(db.select(AuditEntry)).scalars()}
    assert {"feedback.category_add", "feedback.category_update"} <= actions


def test_category_input_is_checked(client, users, categories):
    login_as(client, users[Role.ADMIN])
    response = post(client, "/staff/feedback/categories", {"name": "Môi trường", "due_days": "abc"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Hãy nhập một số nguyên" in html
    clash = post(client, "/staff/feedback/categories", {"name": "môi trường", "due_days": "400"})
    assert "Từ 1 đến 365 ngày." in clash.get_data(as_text=True)
    clash = post(client, "/staff/feedback/categories", {"name": "môi trường"})
    assert "Đã có lĩnh vực tên" in clash.get_data(as_text=True)


def test_the_standard_categories_can_be_installed_once(client, users, app):
    login_as(client, users[Role.ADMIN])
    post(client, "/staff/feedback/categories/defaults")
    post(client, "/staff/feedback/categories/defaults")
    names = list(db.session.execute(db.select(FeedbackCategory.name).order_by(FeedbackCategory.position)).scalars())
    assert names == ["Đời sống dân sinh", "An ninh trật tự", "Thủ tục hành chính", "Môi trường",
                     "Hạ tầng – giao thông", "Y tế – giáo dục", "Khác"]


def test_installing_the_defaults_never_doubles_a_category_named_the_same(app):
    from consult.feedback.services import install_default_categories

    make_feedback_category("Môi trường", code="mt")
    added = install_default_categories()
    assert "Môi trường" not in [category.name for category in added] and len(added) == 6


def test_categories_are_never_deleted(app):
    rules = [rule for rule in app.url_map.iter_rules() if "categories" in rule.rule]
    assert all("DELETE" not in rule.methods for rule in rules)
    assert not any("delete" in rule.rule or "xoa" in rule.rule for rule in rules)


def test_the_cli_installs_the_standard_categories(app):
    result = app.test_cli_runner().invoke(args=["feedback", "install-categories"])
    assert "Added 7 categories." in result.output
    again = app.test_cli_runner().invoke(args=["feedback", "install-categories"])
    assert "already there" in again.output


@pytest.mark.parametrize("role", list(Role))
def test_the_staff_menu_leads_to_the_box(client, users, role):
    login_as(client, users[role])
    assert 'href="/staff/feedback/"' in client.get("/staff/").get_data(as_text=True)
