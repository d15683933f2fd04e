"""Staff consultation pages: the list, creating and editing (with and without JavaScript), the hub."""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event

from consult.extensions import db
from consult.models import AuditEntry, Channel, Consultation, ConsultationKind, Organiser, Role
from consult.timeutil import local_zone, utcnow
from tests.conftest import login_as, post
from tests.factories import make_commune, make_consultation, make_submission

NEW = "/staff/consultations/new"


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.execute(db.select(AuditEntry).where(AuditEntry.action == action)).scalars())


def _local(moment: datetime) -> str:
    return moment.astimezone(local_zone()).strftime("%Y-%m-%dT%H:%M")


def _form(**overrides) -> dict:
    opens = utcnow() + timedelta(days=1)
    data = {
        "title": "Dự thảo Nghị quyết về mức hỗ trợ làm đường giao thông nông thôn",
        "slug": "", "summary": "Xin ý kiến Nhân dân về mức hỗ trợ xi măng và cống.",
        "body_md": "Ủy ban nhân dân xã **xin ý kiến** Nhân dân.", "organiser": "hdnd", "kind": "draft",
        "allow_general_comments": "y", "opens_at": _local(opens), "closes_at": _local(opens + timedelta(days=25)),
        "action": "save",
    }
    data.update(overrides)
    return data


@pytest.fixture
def staff(client, users):
    login_as(client, users[Role.MODERATOR])
    return client


def _by_slug(slug: str) -> Consultation:
    return db.session.execute(db.select(Consultation).where(Consultation.slug == slug)).scalar_one()


# --- the list ---------------------------------------------------------------------

def test_index_lists_every_consultation_with_state_and_counts(staff, hamlets):
    draft = make_consultation("ban-nhap", state="draft", title="Bản nháp quy chế")
    open_one = make_consultation("dang-mo", state="open", title="Dự thảo đang mở")
    article = open_one.articles[0]
    make_submission(open_one, hamlet=hamlets[0], comments=[(article, "agree", "Đồng ý", "pending"),
                                                           (None, "other", "Ý kiến chung", "approved")])
    make_submission(open_one, hamlet=hamlets[1], comments=[(article, "disagree", "Chưa hợp lý", "pending")])
    db.session.commit()
    html = staff.get("/staff/consultations/").get_data(as_text=True)
    row = re.search(r'<tr id="c-dang-mo">.*?</tr>', html, re.S).group(0)
    assert "Đang lấy ý kiến" in row
    assert re.findall(r'<td class="num">(?:<strong>)?(\d+)', row) == ["2", "2"]
    assert "Bản nháp" in re.search(r'<tr id="c-ban-nhap">.*?</tr>', html, re.S).group(0)
    assert draft.title in html


def test_the_list_takes_the_same_number_of_queries_for_two_or_twelve_consultations(app, staff):
    def count_queries() -> int:
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert staff.get("/staff/consultations/").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    for _ in range(2):
        make_consultation(state="open")
    db.session.commit()
    few = count_queries()
    for _ in range(10):
        make_consultation(state="closed")
    db.session.commit()
    assert count_queries() == few


# --- create ---------------------------------------------------------------------------

def test_new_form_defaults_to_now_and_twenty_days_in_local_time(staff):
    html = staff.get(NEW).get_data(as_text=True)
    opens = re.search(r'id="opens_at"[^>]*value="([^"]+)"', html).group(1)
    closes = re.search(r'id="closes_at"[^>]*value="([^"]+)"', html).group(1)
    opened = datetime.strptime(opens, "%Y-%m-%dT%H:%M")
    assert abs(opened - utcnow().astimezone(local_zone()).replace(tzinfo=None)) < timedelta(minutes=2)
    assert datetime.strptime(closes, "%Y-%m-%dT%H:%M") - opened == timedelta(days=20)
    assert 'type="datetime-local"' in html


def test_organiser_labels_come_from_the_commune_settings(staff):
    make_commune()
    db.session.commit()
    html = staff.get(NEW).get_data(as_text=True)
    assert "Hội đồng nhân dân xã Diễn Châu" in html and "Ủy ban MTTQ Việt Nam xã Diễn Châu" in html


def test_create_without_javascript_makes_a_draft_and_audits_it(staff):
    data = _form()
    response = post(staff, NEW, data)
    assert response.status_code == 303
    consultation = _by_slug("du-thao-nghi-quyet-ve-muc-ho-tro-lam-duong-giao-thong-nong-thon")
    assert response.headers["Location"].endswith(f"/staff/consultations/{consultation.slug}")
    assert consultation.published_at is None and consultation.organiser is Organiser.HDND
    assert consultation.kind is ConsultationKind.DRAFT and consultation.allow_general_comments
    # Typed in Vietnam time, stored in UTC.
    assert _local(consultation.opens_at) == data["opens_at"]
    assert consultation.opens_at.utcoffset() == timedelta(0)
    entry = _audit("consultation.create")[0]
    assert entry.target_id == consultation.id and entry.details["after"]["title"] == consultation.title
    hub = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã tạo bản nháp" in hub


def test_bad_input_is_explained_in_vietnamese_and_everything_typed_is_kept(staff):
    data = _form(title="", summary="Tóm tắt <giữ nguyên>", closes_at=_form()["opens_at"])
    response = post(staff, NEW, data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Hãy nhập tiêu đề." in html
    assert "Hạn cuối phải sau thời điểm bắt đầu." in html
    assert "Tóm tắt &lt;giữ nguyên&gt;" in html
    assert "Ủy ban nhân dân xã **xin ý kiến** Nhân dân." in html
    assert db.session.execute(db.select(Consultation)).first() is None


def test_dates_typed_as_text_in_vietnamese_order_are_understood(staff):
    """Some old phones show a plain text box instead of a date picker."""
    response = post(staff, NEW, _form(opens_at="22/11/2030 08:30", closes_at="15/12/2030"))
    assert response.status_code == 303
    consultation = db.session.execute(db.select(Consultation)).scalar_one()
    assert _local(consultation.opens_at) == "2030-11-22T08:30"
    assert _local(consultation.closes_at) == "2030-12-15T00:00"


def test_a_survey_without_articles_has_no_article_section(staff):
    make_consultation("khao-sat", state="draft", articles=0, kind=ConsultationKind.SURVEY)
    db.session.commit()
    assert 'id="articles"' not in staff.get("/staff/consultations/khao-sat").get_data(as_text=True)


def test_decomposed_accents_in_the_title_are_stored_as_nfc(staff):
    title = unicodedata.normalize("NFD", "Dự thảo Quy chế")
    assert post(staff, NEW, _form(title=title)).status_code == 303
    consultation = _by_slug("du-thao-quy-che")
    assert consultation.title == unicodedata.normalize("NFC", title)


# --- Markdown preview ------------------------------------------------------------------

def test_preview_without_javascript_rerenders_the_form_with_the_preview_and_saves_nothing(staff):
    body = "## Căn cứ\n\n- Luật **Thực hiện dân chủ**\n\n<script>alert(1)</script>"
    response = post(staff, NEW, _form(body_md=body, action="preview"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h2>Căn cứ</h2>" in html and "<strong>Thực hiện dân chủ</strong>" in html
    assert "<script>alert(1)</script>" not in html           # sanitised in the preview
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html   # and kept, escaped, in the textarea
    assert "bản xem trước" in html
    # The slug is prefilled from the title so staff can see and change it.
    assert 'value="du-thao-nghi-quyet-ve-muc-ho-tro-lam-duong-giao-thong-nong-thon"' in html
    assert db.session.execute(db.select(Consultation)).first() is None


def test_live_preview_is_an_htmx_fragment_of_sanitised_html(staff):
    body = "**Đậm** [xem](javascript:alert(1)) <img src=x onerror=alert(1)> <a hx-get='/x'>a</a>"
    response = post(staff, "/staff/consultations/preview", {"body_md": body}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<strong>Đậm</strong>" in html
    assert "<html" not in html
    assert "<img" not in html and 'href="javascript' not in html and "<a hx-get" not in html


def test_the_form_wires_the_live_preview_and_the_slug_suggestion(staff):
    html = staff.get(NEW).get_data(as_text=True)
    assert 'hx-post="/staff/consultations/preview"' in html and 'hx-target="#body-preview"' in html
    assert 'hx-get="/staff/consultations/slug-suggestion"' in html
    assert 'name="action" value="preview"' in html  # the same without JavaScript


# --- slugs ------------------------------------------------------------------------------

def test_slug_suggestion_follows_the_title_until_staff_type_their_own(staff):
    response = staff.get("/staff/consultations/slug-suggestion",
                         query_string={"title": "Quy chế Nhà văn hóa xóm", "slug": "", "slug_auto": ""},
                         headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert 'id="slug-field"' in html and 'value="quy-che-nha-van-hoa-xom"' in html and "<html" not in html
    again = staff.get("/staff/consultations/slug-suggestion", query_string={
        "title": "Quy chế Nhà văn hóa xóm Đông", "slug": "quy-che-nha-van-hoa-xom", "slug_auto": "quy-che-nha-van-hoa-xom",
    }).get_data(as_text=True)
    assert 'value="quy-che-nha-van-hoa-xom-dong"' in again
    typed = staff.get("/staff/consultations/slug-suggestion", query_string={
        "title": "Quy chế khác", "slug": "nha-van-hoa", "slug_auto": "quy-che-nha-van-hoa-xom",
    }).get_data(as_text=True)
    assert 'value="nha-van-hoa"' in typed


def test_typed_slugs_are_slugified_and_must_be_unique(staff):
    make_consultation("quy-che-xom", state="draft")
    db.session.commit()
    taken = post(staff, NEW, _form(slug="Quy chế xóm"))
    assert taken.status_code == 422
    assert "Địa chỉ này đã dùng cho một đợt khác" in taken.get_data(as_text=True)
    reserved = post(staff, NEW, _form(slug="new"))
    assert reserved.status_code == 422
    # Left empty, a taken slug gets a number.
    post(staff, NEW, _form(title="Quy chế xóm"))
    assert _by_slug("quy-che-xom-2").title == "Quy chế xóm"


def test_the_slug_is_locked_once_published(staff):
    consultation = make_consultation("duong-xom-3", state="open")
    db.session.commit()
    page = staff.get("/staff/consultations/duong-xom-3/edit").get_data(as_text=True)
    slug_input = re.search(r'<input[^>]*id="slug"[^>]*>', page).group(0)
    assert "disabled" in slug_input
    assert "đã in trên áp phích" in page
    # A hand-made POST that changes it is refused with the explanation…
    data = _form(title="Tên mới", slug="duong-moi", opens_at=_local(consultation.opens_at),
                 closes_at=_local(consultation.closes_at))
    refused = post(staff, "/staff/consultations/duong-xom-3/edit", data)
    assert refused.status_code == 422
    assert "đã in trên áp phích" in refused.get_data(as_text=True)
    assert _by_slug("duong-xom-3").title != "Tên mới"
    # …while the disabled field (not sent) keeps it, and the rest saves.
    data.pop("slug")
    data.pop("opens_at")  # also frozen once open
    assert post(staff, "/staff/consultations/duong-xom-3/edit", data).status_code == 303
    assert _by_slug("duong-xom-3").title == "Tên mới"


def test_a_draft_may_change_its_slug(staff):
    consultation = make_consultation("nhap-cu", state="draft")
    db.session.commit()
    data = _form(title=consultation.title, slug="nhap-moi", opens_at=_local(consultation.opens_at),
                 closes_at=_local(consultation.closes_at))
    assert post(staff, "/staff/consultations/nhap-cu/edit", data).status_code == 303
    assert _by_slug("nhap-moi").id == consultation.id


# --- the 20-day rule ----------------------------------------------------------------------

def test_a_short_period_is_warned_about_not_refused(staff):
    opens = utcnow() + timedelta(days=1)
    data = _form(opens_at=_local(opens), closes_at=_local(opens + timedelta(days=10)))
    preview = post(staff, NEW, {**data, "action": "preview"}).get_data(as_text=True)
    assert "chỉ 10 ngày, ít hơn 20 ngày" in preview
    response = post(staff, NEW, data)
    assert response.status_code == 303
    hub = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert "chỉ 10 ngày, ít hơn 20 ngày" in hub  # the flash and the standing notice
    assert "Luật Thực hiện dân chủ ở cơ sở" in hub


def test_twenty_days_raise_no_warning(staff):
    response = post(staff, NEW, _form())
    hub = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert "ít hơn 20 ngày" not in hub


# --- edit -------------------------------------------------------------------------------------

def test_edit_is_audited_with_before_and_after_of_changed_fields_only(staff):
    consultation = make_consultation("sua-doi", state="draft", title="Tên cũ")
    db.session.commit()
    page = staff.get("/staff/consultations/sua-doi/edit").get_data(as_text=True)
    assert 'value="Tên cũ"' in page
    data = _form(title="Tên mới", slug="sua-doi", summary=consultation.summary, body_md=consultation.body_md,
                 organiser="ubnd", opens_at=_local(consultation.opens_at), closes_at=_local(consultation.closes_at))
    assert post(staff, "/staff/consultations/sua-doi/edit", data).status_code == 303
    entry = _audit("consultation.update")[0]
    assert entry.details["changes"] == {"title": ["Tên cũ", "Tên mới"]}
    # Untouched dates keep their exact stored moment (the form has minutes only).
    assert _by_slug("sua-doi").opens_at == consultation.opens_at


def test_an_open_consultation_cannot_move_its_start_or_end_in_the_past(staff):
    consultation = make_consultation("dang-mo", state="open")
    db.session.commit()
    page = staff.get("/staff/consultations/dang-mo/edit").get_data(as_text=True)
    assert "disabled" in re.search(r'<input[^>]*id="opens_at"[^>]*>', page).group(0)
    base = _form(title=consultation.title, slug="dang-mo", organiser="ubnd", opens_at=_local(consultation.opens_at))
    past = post(staff, "/staff/consultations/dang-mo/edit", {**base, "closes_at": _local(utcnow() - timedelta(hours=2))})
    assert past.status_code == 422
    assert "Kết thúc sớm" in past.get_data(as_text=True)
    longer = consultation.closes_at + timedelta(days=5)
    assert post(staff, "/staff/consultations/dang-mo/edit", {**base, "closes_at": _local(longer)}).status_code == 303
    assert _local(_by_slug("dang-mo").closes_at) == _local(longer)


def test_missing_consultation_is_404(staff):
    assert staff.get("/staff/consultations/khong-co/edit").status_code == 404
    assert staff.get("/staff/consultations/khong-co").status_code == 404


# --- the hub ------------------------------------------------------------------------------------

def test_hub_shows_state_dates_articles_files_pending_comments_and_the_public_link(staff, hamlets):
    consultation = make_consultation("hub-mo", state="open", articles=3)
    article = consultation.articles[2]
    make_submission(consultation, hamlet=hamlets[2], channel=Channel.PAPER,
                    comments=[(article, "disagree", "Mức <b>hỗ trợ</b> thấp quá", "pending"),
                              (None, "agree", "Đã duyệt rồi", "approved")])
    db.session.commit()
    html = staff.get("/staff/consultations/hub-mo").get_data(as_text=True)
    assert "Đang lấy ý kiến" in html
    assert 'href="/c/hub-mo"' in html
    assert "Điều 3. Nội dung điều 3" in html
    assert "Mức &lt;b&gt;hỗ trợ&lt;/b&gt; thấp quá" in html  # citizen text escaped
    assert "Đã duyệt rồi" not in html                       # only pending ones
    pending_row = re.search(r'<tr id="comment-\d+">.*?</tr>', html, re.S).group(0)
    assert "Xóm 3" in pending_row and "Phiếu giấy" in pending_row and "Không tán thành" in pending_row
    assert "Ý kiến đang chờ duyệt" in html and "(1)" in html


def test_a_hamlet_officer_sees_only_their_hamlets_pending_comments(client, users, hamlets):
    consultation = make_consultation("theo-xom", state="open")
    make_submission(consultation, hamlet=hamlets[1], comments=[(None, "other", "Ý kiến của Xóm 2", "pending")])
    make_submission(consultation, hamlet=hamlets[2], comments=[(None, "other", "Ý kiến của Xóm 3", "pending")])
    db.session.commit()
    login_as(client, users[Role.HAMLET_OFFICER])
    html = client.get("/staff/consultations/theo-xom").get_data(as_text=True)
    assert "Ý kiến của Xóm 2" in html and "Ý kiến của Xóm 3" not in html
    login_as(client, users[Role.MODERATOR])
    html = client.get("/staff/consultations/theo-xom").get_data(as_text=True)
    assert "Ý kiến của Xóm 2" in html and "Ý kiến của Xóm 3" in html


def test_council_sees_the_hub_read_only_without_action_buttons(client, users):
    make_consultation("chi-xem", state="open")
    db.session.commit()
    login_as(client, users[Role.COUNCIL])
    response = client.get("/staff/consultations/chi-xem")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Điều 1. Nội dung điều 1" in html
    assert "<form" not in html.split('<main', 1)[1].replace('action="/logout"', "")
    for hidden in ("/edit", "/close", "/publish", "/articles/import", "/attachments", "hx-post", "Sửa thông tin"):
        assert hidden not in html.split('<main', 1)[1], hidden
    assert client.get("/staff/consultations/chi-xem/edit").status_code == 403
    assert post(client, "/staff/consultations/chi-xem/close", {"reason": "Hội đồng muốn dừng lại"}).status_code == 403


def test_panels_from_other_features_are_included_with_their_values(staff, monkeypatch):
    make_consultation("co-panel", state="open")
    db.session.commit()
    monkeypatch.setattr("consult.staff_consultations.hub.panels_for",
                        lambda consultation: [("staff_consultations/_preview.html", {"preview": "PANEL-OK"})])
    assert "PANEL-OK" in staff.get("/staff/consultations/co-panel").get_data(as_text=True)


def test_other_features_pages_are_linked_when_installed_and_allowed(client, users, monkeypatch):
    from consult.staff_consultations import hub

    make_consultation("co-lien-ket", state="open")
    db.session.commit()
    # Stand-ins with a slug argument: one council may open (VIEW), one it may not (EDIT), one not installed.
    monkeypatch.setattr(hub, "FEATURE_LINKS", [
        ("staff_consultations.show", "Trang được phép", False),
        ("staff_consultations.edit", "Trang không được phép", False),
        ("khong.co", "Trang chưa cài", False),
        ("staff_consultations.index", "Chỉ cho khảo sát", True),
    ])
    login_as(client, users[Role.COUNCIL])
    html = client.get("/staff/consultations/co-lien-ket").get_data(as_text=True)
    assert "Trang được phép" in html
    assert "Trang không được phép" not in html and "Trang chưa cài" not in html
    assert "Chỉ cho khảo sát" not in html  # a draft-only consultation has no questions
