"""Photos: checked by content, re-encoded without any metadata (GPS above all), upright, scaled
down, stored under a random name; refused with a Vietnamese message when they are not photos
or too large, keeping everything else typed; served with a safe type to staff, and publicly
only for published items."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from consult.extensions import db
from consult.feedback import photos
from consult.models import Feedback, Role
from tests.conftest import login_as
from tests.factories import make_commune, make_feedback, make_feedback_category
from tests.feedback_support import image_bytes, jpeg_with_gps, only_item, send, typed, upload


@pytest.fixture
def box(app, hamlets):
    make_commune()
    category = make_feedback_category("Hạ tầng – giao thông")
    db.session.commit()
    return category


def _stored(app, item: Feedback) -> bytes:
    path = Path(app.config["UPLOAD_DIR"]) / "feedback" / item.photo_name
    return path.read_bytes()


def test_gps_and_every_other_metadata_are_gone_from_the_stored_file(app, client, box, hamlets):
    original = jpeg_with_gps()
    assert b"Exif" in original and b"PhoneMaker" in original and b"xmpmeta" in original  # the test photo carries them
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # GPS IFD present

    response = send(client, typed(box, hamlets[0]), files={"photo": upload(original, "IMG_2024.jpg")})
    assert response.status_code == 303
    item = only_item()
    assert item.photo_name.endswith(".jpg") and "IMG_2024" not in item.photo_name
    stored = _stored(app, item)
    for trace in (b"Exif", b"PhoneMaker", b"Model X", b"Nguyen Van Chup", b"xmpmeta", b"http://ns.adobe.com"):
        assert trace not in stored
    picture = Image.open(io.BytesIO(stored))
    assert picture.format == "JPEG"
    assert not picture.getexif() and not picture.getexif().get_ifd(0x8825)
    assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(picture.info)


def test_the_photo_is_turned_upright_before_its_orientation_tag_is_dropped(client, box, hamlets, app):
    sideways = jpeg_with_gps(size=(80, 40), orientation=6)  # "rotate 90° clockwise to view"
    send(client, typed(box, hamlets[0]), files={"photo": upload(sideways)})
    picture = Image.open(io.BytesIO(_stored(app, only_item())))
    assert picture.size == (40, 80)


def test_large_photos_are_scaled_down(app, client, box, hamlets):
    big = image_bytes("JPEG", size=(3200, 1200), quality=60)
    send(client, typed(box, hamlets[0]), files={"photo": upload(big)})
    picture = Image.open(io.BytesIO(_stored(app, only_item())))
    assert picture.size == (1600, 600)


@pytest.mark.parametrize("fmt, mode, extra", [
    ("PNG", "RGBA", {}),
    ("WEBP", "RGB", {}),
])
def test_png_and_webp_are_accepted_and_stored_as_plain_jpeg(app, client, box, hamlets, fmt, mode, extra):
    data = image_bytes(fmt, mode=mode, **extra)
    response = send(client, typed(box, hamlets[0]), files={"photo": upload(data, "anh.bin", "application/octet-stream")})
    assert response.status_code == 303
    assert Image.open(io.BytesIO(_stored(app, only_item()))).format == "JPEG"


def test_png_text_chunks_are_dropped(app, client, box, hamlets):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Pham Thi Rieng")
    send(client, typed(box, hamlets[0]), files={"photo": upload(image_bytes("PNG", pnginfo=info), "a.png", "image/png")})
    assert b"Pham Thi Rieng" not in _stored(app, only_item())


def _refused(client, box, hamlets, data: bytes, filename="anh.jpg", content_type="image/jpeg"):
    response = send(client, typed(box, hamlets[1], sender_name="Võ Thị Hoa", sender_phone="0905123456",
                                  consent="y"),
                    files={"photo": upload(data, filename, content_type)})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    # Everything else typed is still there.
    assert "Đèn đường ngõ 5 bị hỏng" in html and 'value="Võ Thị Hoa"' in html and 'value="0905123456"' in html
    assert db.session.execute(db.select(db.func.count()).select_from(Feedback)).scalar_one() == 0
    return html


def test_an_html_file_named_jpg_is_refused(client, box, hamlets):
    html = _refused(client, box, hamlets, b"<!doctype html><script>alert(1)</script>", "anh.jpg", "image/jpeg")
    assert "không phải ảnh JPEG, PNG hoặc WebP" in html


def test_a_gif_is_refused_even_though_it_is_an_image(client, box, hamlets):
    html = _refused(client, box, hamlets, image_bytes("GIF"), "anh.jpg")
    assert "không phải ảnh JPEG, PNG hoặc WebP" in html


def test_a_file_over_5_mb_is_refused(client, box, hamlets):
    oversize = jpeg_with_gps() + b"\0" * (photos.MAX_BYTES + 1)
    html = _refused(client, box, hamlets, oversize)
    assert "Ảnh lớn quá 5 MB" in html


def test_a_decompression_bomb_is_refused(client, box, hamlets):
    bomb = image_bytes("PNG", size=(12_000, 12_000), mode="1")  # 144 megapixels in a few kilobytes
    assert len(bomb) < 200_000
    html = _refused(client, box, hamlets, bomb, "bom.png", "image/png")
    assert "kích thước quá lớn" in html


def test_pillow_s_own_bomb_guard_is_a_refusal_too(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    monkeypatch.setattr(photos, "MAX_PIXELS", 10**9)
    with pytest.raises(photos.PhotoError) as refused:
        photos.clean_photo(io.BytesIO(image_bytes("PNG", size=(300, 300))))
    assert refused.value.reason == "too_many_pixels"


def test_a_truncated_jpeg_is_refused(client, box, hamlets):
    html = _refused(client, box, hamlets, jpeg_with_gps(size=(400, 300))[:600])
    assert "Không đọc được ảnh này" in html or "không phải ảnh" in html


def test_a_good_photo_is_kept_while_another_field_is_corrected(app, client, box, hamlets):
    first = send(client, typed(box, hamlets[0], title=""), files={"photo": upload(jpeg_with_gps())})
    assert first.status_code == 422
    html = first.get_data(as_text=True)
    assert "Ảnh bạn chọn đã được giữ lại" in html
    from tests.feedback_support import form_values

    hidden = form_values(html)
    assert hidden["photo_token"]
    second = send(client, typed(box, hamlets[0], **hidden), fresh=False)
    assert second.status_code == 303
    assert b"Exif" not in _stored(app, only_item())


def test_a_forged_photo_token_is_ignored_with_a_message(client, box, hamlets):
    response = send(client, typed(box, hamlets[0], photo_token="gia-mao.abc"))
    assert response.status_code == 422
    assert "chọn lại ảnh" in response.get_data(as_text=True)


def _item_with_photo(app, hamlet, **fields) -> Feedback:
    name = photos.store_photo(photos.clean_photo(io.BytesIO(jpeg_with_gps())))
    item = make_feedback(hamlet=hamlet, photo_name=name, **fields)
    db.session.commit()
    return item


def test_staff_get_the_photo_as_a_safe_jpeg(app, client, users, hamlets):
    item = _item_with_photo(app, hamlets[1])
    login_as(client, users[Role.COUNCIL])
    response = client.get(f"/staff/feedback/{item.id}/photo")
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("inline")
    assert "no-store" in response.headers["Cache-Control"]
    assert client.get(f"/staff/feedback/{item.id}/photo").data == _stored(app, item)


def test_a_hamlet_officer_gets_only_their_hamlet_s_photos(app, client, users, hamlets):
    theirs, other = _item_with_photo(app, hamlets[1]), _item_with_photo(app, hamlets[2])
    login_as(client, users[Role.HAMLET_OFFICER])
    assert client.get(f"/staff/feedback/{theirs.id}/photo").status_code == 200
    assert client.get(f"/staff/feedback/{other.id}/photo").status_code == 403


def test_the_public_photo_url_works_only_for_published_items(app, client, hamlets):
    from consult.timeutil import utcnow

    published = _item_with_photo(app, hamlets[0], allow_public=True, status="resolved", resolved_at=utcnow(),
                                 public_answer="Đã sửa xong.")
    private = _item_with_photo(app, hamlets[0], allow_public=False, status="resolved", resolved_at=utcnow(),
                               public_answer="Đã sửa xong.")
    unanswered = _item_with_photo(app, hamlets[0], allow_public=True)
    ok = client.get(f"/feedback/public/{published.id}/photo")
    assert ok.status_code == 200 and ok.mimetype == "image/jpeg"
    assert ok.headers["X-Content-Type-Options"] == "nosniff"
    missing = client.get("/feedback/public/987654/photo")
    for hidden in (private, unanswered):
        response = client.get(f"/feedback/public/{hidden.id}/photo")
        assert response.status_code == 404
        # The same page, but for the address echoed in the language links.
        assert (response.data.replace(f"/feedback/public/{hidden.id}/".encode(), b"URL")
                == missing.data.replace(b"/feedback/public/987654/", b"URL"))
