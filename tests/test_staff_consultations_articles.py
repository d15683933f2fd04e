"""Articles: paste a draft → review → confirm; edit one in place; reorder; add; delete."""
from __future__ import annotations

import re

import pytest

from consult.extensions import db
from consult.models import Article, AuditEntry, Consultation, Role
from tests.conftest import login_as, post
from tests.factories import make_consultation, make_submission
from tests.test_staff_consultations_splitter import DRAFT_RESOLUTION

HX = {"HX-Request": "true"}


@pytest.fixture
def staff(client, users):
    login_as(client, users[Role.MODERATOR])
    return client


def _articles(consultation: Consultation) -> list[Article]:
    db.session.expire_all()
    return list(db.session.execute(
        db.select(Article).where(Article.consultation_id == consultation.id).order_by(Article.position)
    ).scalars())


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.execute(db.select(AuditEntry).where(AuditEntry.action == action)).scalars())


# --- paste, review, confirm ------------------------------------------------------------------

def test_paste_review_then_confirm_replaces_the_articles(staff):
    consultation = make_consultation("dan-du-thao", state="draft", articles=2, body_md="")
    db.session.commit()
    url = "/staff/consultations/dan-du-thao/articles/import"
    page = staff.get(url).get_data(as_text=True)
    assert "Đợt này đang có 2 điều" in page and 'name="text"' in page

    review = post(staff, url, {"text": DRAFT_RESOLUTION, "action": "review"})
    assert review.status_code == 200
    html = review.get_data(as_text=True)
    # The consultation has no introduction yet, so using the preamble is ticked on first review.
    assert "checked" in re.search(r'<input[^>]*name="use_preamble"[^>]*>', html).group(0)
    assert "Kết quả tách: 10 điều/mục" in html
    assert "Phạm vi điều chỉnh" in html and "Hiệu lực thi hành" in html and "Chương II. NỘI DUNG VÀ MỨC HỖ TRỢ" in html
    assert "Phần mở đầu" in html and "Phần cuối (nơi nhận, chữ ký)" in html
    assert "Xác nhận: thay 2 điều hiện có bằng 10 điều/mục này" in html
    assert "Điều 5. Hỗ trợ làm cống" in DRAFT_RESOLUTION and "HỘI ĐỒNG NHÂN DÂN" in html  # the text stays in the box
    assert len(_articles(consultation)) == 2  # reviewing saves nothing

    confirm = post(staff, url, {"text": DRAFT_RESOLUTION, "action": "confirm", "use_preamble": "y", "reviewed": "1"})
    assert confirm.status_code == 303
    assert confirm.headers["Location"].endswith("/staff/consultations/dan-du-thao#articles")
    articles = _articles(consultation)
    assert [a.title for a in articles][:2] == ["Điều 1. Phạm vi điều chỉnh", "Điều 2. Đối tượng áp dụng"]
    assert [a.position for a in articles] == list(range(1, 11))
    assert articles[3].chapter == "Chương II. NỘI DUNG VÀ MỨC HỖ TRỢ"
    assert db.session.get(Consultation, consultation.id).body_md.startswith("HỘI ĐỒNG NHÂN DÂN")
    entry = _audit("article.import")[0]
    assert entry.details["count"] == 10 and len(entry.details["before"]) == 2
    assert entry.details["after"][9] == "Điều 10. Hiệu lực thi hành"


def test_the_preamble_is_offered_but_not_forced_when_the_consultation_has_a_body(staff):
    consultation = make_consultation("co-gioi-thieu", state="draft", articles=0, body_md="Giới thiệu có sẵn.")
    db.session.commit()
    url = "/staff/consultations/co-gioi-thieu/articles/import"
    review = post(staff, url, {"text": DRAFT_RESOLUTION, "action": "review"}).get_data(as_text=True)
    assert "checked" not in re.search(r'<input[^>]*name="use_preamble"[^>]*>', review).group(0)
    assert "Thay nội dung giới thiệu hiện có" in review
    post(staff, url, {"text": DRAFT_RESOLUTION, "action": "confirm", "reviewed": "1"})
    assert db.session.get(Consultation, consultation.id).body_md == "Giới thiệu có sẵn."
    assert len(_articles(consultation)) == 10


def test_an_empty_paste_or_one_without_headings_is_explained(staff):
    make_consultation("trong", state="draft")
    db.session.commit()
    url = "/staff/consultations/trong/articles/import"
    empty = post(staff, url, {"text": "   ", "action": "review"})
    assert empty.status_code == 422
    assert "Hãy dán toàn văn dự thảo vào ô này." in empty.get_data(as_text=True)
    none = post(staff, url, {"text": "Chỉ là một đoạn văn.", "action": "confirm"})
    assert none.status_code == 200
    html = none.get_data(as_text=True)
    assert "Không tìm thấy tiêu đề điều, mục nào" in html and 'value="confirm"' not in html


def test_a_messy_word_paste_is_kept_raw_for_the_splitter(staff):
    consultation = make_consultation("word", state="draft", articles=0)
    db.session.commit()
    text = "Điều 1.\x0bPhạm vi\r\n• Một\r\nĐiều 2. Bảng\r\nA\tB\tC\r\n1\t2\t3\r\n"
    post(staff, "/staff/consultations/word/articles/import", {"text": text, "action": "confirm"})
    articles = _articles(consultation)
    assert [a.title for a in articles] == ["Điều 1. Phạm vi", "Điều 2. Bảng"]
    assert articles[0].body == "- Một"
    assert "| A | B | C |" in articles[1].body  # the tabs reached the splitter


def test_import_is_refused_once_residents_commented_on_articles(staff):
    consultation = make_consultation("da-co-y-kien", state="open")
    make_submission(consultation, comments=[(consultation.articles[0], "disagree", "Không đồng ý", "pending")])
    db.session.commit()
    url = "/staff/consultations/da-co-y-kien/articles/import"
    page = staff.get(url).get_data(as_text=True)
    assert "không thể thay toàn bộ các điều" in page and 'name="text"' not in page
    refused = post(staff, url, {"text": DRAFT_RESOLUTION, "action": "confirm"})
    assert refused.status_code == 409
    assert "không thể thay toàn bộ các điều" in refused.get_data(as_text=True)
    assert len(_articles(consultation)) == 3


def test_general_comments_do_not_block_an_import(staff):
    consultation = make_consultation("y-kien-chung", state="open")
    make_submission(consultation, comments=[(None, "agree", "Tán thành chung", "approved")])
    db.session.commit()
    response = post(staff, "/staff/consultations/y-kien-chung/articles/import",
                    {"text": DRAFT_RESOLUTION, "action": "confirm"})
    assert response.status_code == 303
    assert len(_articles(consultation)) == 10


# --- edit one article ----------------------------------------------------------------------------

def test_edit_an_article_on_its_own_page_without_javascript(staff):
    consultation = make_consultation("sua-dieu", state="draft")
    db.session.commit()
    article = consultation.articles[1]
    url = f"/staff/consultations/sua-dieu/articles/{article.id}/edit"
    page = staff.get(url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<html" in html and 'value="Nội dung điều 2"' in html and "hx-post" not in html.split("<main", 1)[1]
    response = post(staff, url, {"label": "Điều", "number": "2", "heading": "Đối tượng áp dụng",
                                 "chapter": "Chương I. QUY ĐỊNH CHUNG", "body": "Hộ gia đình."})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"#article-{article.id}")
    saved = _articles(consultation)[1]
    assert saved.heading == "Đối tượng áp dụng" and saved.body == "Hộ gia đình."
    entry = _audit("article.update")[0]
    assert entry.details["changes"]["heading"] == ["Nội dung điều 2", "Đối tượng áp dụng"]
    assert entry.target_type == "article" and entry.details["consultation_id"] == consultation.id


def test_edit_in_place_with_htmx_swaps_the_item_for_a_form_and_back(staff):
    consultation = make_consultation("tai-cho", state="draft")
    db.session.commit()
    article = consultation.articles[0]
    hub = staff.get("/staff/consultations/tai-cho").get_data(as_text=True)
    assert f'hx-get="/staff/consultations/tai-cho/articles/{article.id}/edit"' in hub
    assert f'hx-target="#article-{article.id}"' in hub

    url = f"/staff/consultations/tai-cho/articles/{article.id}/edit"
    fragment = staff.get(url, headers=HX)
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "HX-Request" in fragment.headers["Vary"]
    assert "<html" not in html
    assert html.lstrip().startswith(f'<li id="article-{article.id}" class="article-item editing">')
    assert f'hx-post="{url}"' in html and 'name="csrf_token"' in html

    bad = post(staff, url, {"label": "Điều", "number": "", "heading": "Giữ chữ này", "body": ""}, headers=HX)
    assert bad.status_code == 422
    bad_html = bad.get_data(as_text=True)
    assert "Hãy nhập số của điều" in bad_html and 'value="Giữ chữ này"' in bad_html and "<html" not in bad_html

    saved = post(staff, url, {"label": "Điều", "number": "1", "heading": "Phạm vi điều chỉnh", "body": "Mới."},
                 headers=HX)
    assert saved.status_code == 200
    item = saved.get_data(as_text=True)
    assert item.lstrip().startswith(f'<li id="article-{article.id}" class="article-item">')
    assert "Điều 1. Phạm vi điều chỉnh" in item and "<html" not in item

    cancel = staff.get(f"/staff/consultations/tai-cho/articles/{article.id}", headers=HX)
    assert cancel.get_data(as_text=True).lstrip().startswith(f'<li id="article-{article.id}"')
    plain = staff.get(f"/staff/consultations/tai-cho/articles/{article.id}")
    assert plain.status_code == 303 and plain.headers["Location"].endswith(f"#article-{article.id}")


def test_an_article_of_another_consultation_is_404(staff):
    make_consultation("mot", state="draft")
    other = make_consultation("hai", state="draft")
    db.session.commit()
    assert staff.get(f"/staff/consultations/mot/articles/{other.articles[0].id}/edit").status_code == 404


def test_add_an_article_at_the_end(staff):
    consultation = make_consultation("them-dieu", state="draft", articles=2)
    db.session.commit()
    page = staff.get("/staff/consultations/them-dieu/articles/new").get_data(as_text=True)
    assert re.search(r'id="number"[^>]*value="3"', page)
    response = post(staff, "/staff/consultations/them-dieu/articles/new",
                    {"label": "Điều", "number": "3", "heading": "Hiệu lực thi hành", "body": "Từ ngày ký."})
    assert response.status_code == 303
    assert [a.title for a in _articles(consultation)][-1] == "Điều 3. Hiệu lực thi hành"
    assert _audit("article.create")


# --- reorder and delete ---------------------------------------------------------------------------

def test_move_up_and_down_without_javascript(staff):
    consultation = make_consultation("sap-xep", state="draft", articles=3)
    db.session.commit()
    first, second, third = consultation.articles
    response = post(staff, f"/staff/consultations/sap-xep/articles/{third.id}/move", {"direction": "up"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#article-{third.id}")
    assert [a.id for a in _articles(consultation)] == [first.id, third.id, second.id]
    post(staff, f"/staff/consultations/sap-xep/articles/{first.id}/move", {"direction": "down"})
    assert [a.id for a in _articles(consultation)] == [third.id, first.id, second.id]
    # Moving the first one up changes nothing and is not audited.
    post(staff, f"/staff/consultations/sap-xep/articles/{third.id}/move", {"direction": "up"})
    assert [a.position for a in _articles(consultation)] == [1, 2, 3]
    assert [e.details["position"] for e in _audit("article.move")] == [[3, 2], [1, 2]]
    assert post(staff, f"/staff/consultations/sap-xep/articles/{third.id}/move", {"direction": "sideways"}).status_code == 400


def test_move_with_htmx_rerenders_the_list(staff):
    consultation = make_consultation("sap-xep-htmx", state="draft", articles=3)
    db.session.commit()
    third = consultation.articles[2]
    response = post(staff, f"/staff/consultations/sap-xep-htmx/articles/{third.id}/move", {"direction": "up"},
                    headers=HX)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<ol id="article-list"') and "<html" not in html
    assert re.findall(r"<strong>Điều (\d)\.", html) == ["1", "3", "2"]
    # The first item's "up" and the last item's "down" are disabled.
    assert html.count(" disabled>") == 2


def test_delete_an_article_nobody_commented_on(staff):
    consultation = make_consultation("xoa-dieu", state="draft", articles=3)
    db.session.commit()
    second = consultation.articles[1]
    response = post(staff, f"/staff/consultations/xoa-dieu/articles/{second.id}/delete")
    assert response.status_code == 303
    articles = _articles(consultation)
    assert [a.number for a in articles] == ["1", "3"] and [a.position for a in articles] == [1, 2]
    assert _audit("article.delete")[0].details["removed"]["heading"] == "Nội dung điều 2"


def test_delete_with_htmx_and_refusal_when_commented(staff):
    consultation = make_consultation("xoa-htmx", state="open", articles=3)
    commented = consultation.articles[0]
    make_submission(consultation, comments=[(commented, "agree", "Đồng ý", "approved")])
    db.session.commit()
    hub = staff.get("/staff/consultations/xoa-htmx").get_data(as_text=True)
    assert f"/articles/{commented.id}/delete" not in hub  # no delete button for a commented article
    refused = post(staff, f"/staff/consultations/xoa-htmx/articles/{commented.id}/delete")
    assert refused.status_code == 409
    assert "đã có ý kiến của người dân nên không thể xóa" in refused.get_data(as_text=True)
    other = consultation.articles[2]
    response = post(staff, f"/staff/consultations/xoa-htmx/articles/{other.id}/delete", headers=HX)
    assert response.status_code == 200
    assert response.get_data(as_text=True).lstrip().startswith('<ol id="article-list"')
    assert len(_articles(consultation)) == 2


def test_hamlet_officers_and_council_cannot_touch_articles(client, users):
    consultation = make_consultation("chi-doc", state="draft")
    db.session.commit()
    article = consultation.articles[0]
    for role in (Role.HAMLET_OFFICER, Role.COUNCIL):
        login_as(client, users[role])
        assert client.get(f"/staff/consultations/chi-doc/articles/{article.id}/edit").status_code == 403
        assert post(client, f"/staff/consultations/chi-doc/articles/{article.id}/delete").status_code == 403
        assert post(client, "/staff/consultations/chi-doc/articles/import",
                    {"text": DRAFT_RESOLUTION, "action": "confirm"}).status_code == 403
    assert len(_articles(consultation)) == 3
