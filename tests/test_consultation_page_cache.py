"""The resident's page is rendered once per version and filled per visit: never stale, never shared."""
from __future__ import annotations

from consult.cache import invalidate_consultation
from consult.consultations import page_cache
from consult.extensions import db
from consult.models import Article, CommentStatus, Role
from tests.conftest import login_as
from tests.factories import make_commune, make_consultation, make_hamlet, make_point, make_submission
from tests.resident import hidden_fields


def _page(client, slug="du-thao") -> str:
    response = client.get(f"/c/{slug}")
    assert response.status_code == 200
    assert "\ue000" not in response.get_data(as_text=True)  # every marker was filled
    return response.get_data(as_text=True)


def test_each_visitor_gets_their_own_tokens_from_one_rendering(app, hamlets):
    make_commune()
    make_consultation("du-thao")
    db.session.commit()
    first, second = app.test_client(), app.test_client()
    one, two = hidden_fields(_page(first)), hidden_fields(_page(second))
    assert one["csrf_token"] != two["csrf_token"] and one["idem"] != two["idem"]
    assert one["started"] and two["started"]
    assert "qr" not in one
    assert 'selected>' not in _page(first).split('id="hamlet"')[1].split("</select>")[0]


def test_a_qr_visit_and_a_remembered_hamlet_are_filled_in(app, client, hamlets):
    make_commune()
    consultation = make_consultation("du-thao")
    point = make_point(consultation, hamlets[2], code="K3QR7Z")
    db.session.commit()
    _page(client)  # cache the plain page first
    html = client.get("/c/du-thao?qr=k3qr7z").get_data(as_text=True)
    assert hidden_fields(html)["qr"] == point.code
    assert f'<option value="{hamlets[2].id}" selected>' in html
    assert html.count(" selected>") == 2  # the hamlet, and the default respondent group


def test_editing_an_article_shows_at_once(app, client, hamlets):
    make_commune()
    consultation = make_consultation("du-thao")
    db.session.commit()
    assert "Khoản 1 của điều 2." in _page(client)
    article = db.session.execute(db.select(Article).where(Article.position == 2)).scalar_one()
    article.body = "Khoản 1 đã được sửa lại."
    db.session.commit()
    html = _page(client)
    assert "Khoản 1 đã được sửa lại." in html and "Khoản 1 của điều 2." not in html


def test_renaming_a_hamlet_shows_at_once(app, client, hamlets):
    make_commune()
    make_consultation("du-thao")
    db.session.commit()
    assert ">Xóm 3</option>" in _page(client)
    hamlets[2].name = "Xóm Bắc Sơn"
    db.session.commit()
    assert ">Xóm Bắc Sơn</option>" in _page(client)


def test_moderation_shows_at_once(app, client, hamlets):
    make_commune()
    consultation = make_consultation("du-thao")
    submission = make_submission(consultation, hamlet=hamlets[0],
                                 comments=[(None, "other", "Ý kiến mới được duyệt.", "pending")])
    db.session.commit()
    assert "Ý kiến mới được duyệt." not in _page(client)
    submission.comments[0].status = CommentStatus.APPROVED
    invalidate_consultation(consultation.id)
    db.session.commit()
    assert "Ý kiến mới được duyệt." in _page(client)


def test_text_cannot_forge_a_marker(app, client, hamlets):
    make_commune()
    consultation = make_consultation("du-thao")
    forged = page_cache.CSRF.replace(page_cache.CSRF[1:17], "0123456789abcdef")
    make_submission(consultation, hamlet=hamlets[0], comments=[(None, "other", f"thử {forged} nhé", "approved")])
    db.session.commit()
    html = client.get("/c/du-thao").get_data(as_text=True)
    token = hidden_fields(html)["csrf_token"]
    assert html.count(token) == 1
    assert forged in html  # shown as typed, not replaced


def test_signed_in_staff_get_a_fresh_rendering(app, client, users, hamlets):
    make_commune()
    make_consultation("du-thao")
    db.session.commit()
    login_as(client, users[Role.MODERATOR])
    html = client.get("/c/du-thao").get_data(as_text=True)
    assert "hx-headers:inherited" in html  # the staff header, never served from the residents' copy
    anonymous = app.test_client()
    assert "hx-headers:inherited" not in anonymous.get("/c/du-thao").get_data(as_text=True)


def test_a_new_hamlet_appears_in_the_form(app, client, hamlets):
    make_commune()
    make_consultation("du-thao")
    db.session.commit()
    _page(client)
    make_hamlet(code="X09", name="Xóm Mới")
    db.session.commit()
    assert ">Xóm Mới</option>" in _page(client)
