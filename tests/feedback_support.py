"""Helpers shared by the suggestion-box tests: sending the form as a browser would, test photos."""
from __future__ import annotations

import io
import re

from PIL import ExifTags, Image

from consult.extensions import db
from consult.models import Feedback
from tests.conftest import post


def form_values(html: str) -> dict[str, str]:
    """The hidden fields a rendered feedback form carries (start time, idempotency key, CSRF)."""
    values = {}
    for name in ("csrf_token", "started", "idempotency_key", "photo_token"):
        match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html)
        if match:
            values[name] = match.group(1)
    return values


def send(client, data: dict, *, files: dict | None = None, headers: dict | None = None, fresh: bool = True):
    """Open the form (unless `fresh` is False), then post it with what a person typed."""
    hidden = form_values(client.get("/feedback").get_data(as_text=True)) if fresh else {}
    payload = {**hidden, **data}
    for name, value in (files or {}).items():
        payload[name] = value
    return post(client, "/feedback", payload, headers=headers or {}, content_type="multipart/form-data")


def typed(category, hamlet, **extra) -> dict:
    """A complete, valid set of typed values."""
    values = {
        "category": str(category.id), "hamlet": str(hamlet.id) if hamlet else "0",
        "title": "Đèn đường ngõ 5 bị hỏng", "body": "Đèn đường ngõ 5 xóm 2 hỏng đã một tuần, tối đi lại nguy hiểm.",
    }
    values.update(extra)
    return values


def only_item() -> Feedback:
    return db.session.execute(db.select(Feedback)).scalar_one()


def code_in(html: str) -> str:
    match = re.search(r"PA-[0-9A-Z]{4}-[0-9A-Z]{4}", html)
    assert match, "no tracking code in the page"
    return match.group(0)


def jpeg_with_gps(size=(64, 32), orientation: int | None = None, color=(200, 30, 30)) -> bytes:
    """A JPEG carrying camera make, owner, GPS position (and optionally an orientation) in EXIF, plus XMP."""
    picture = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Model X"
    exif[ExifTags.Base.Artist] = "Nguyen Van Chup"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (21.0, 1.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (105.0, 48.0, 12.0),
    }
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description creator="Nguyen Van Chup"/></rdf:RDF></x:xmpmeta>'
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif, xmp=xmp, quality=90)
    return out.getvalue()


def image_bytes(fmt: str, size=(40, 30), mode="RGB", **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white" if mode != "RGBA" else (0, 128, 0, 128)).save(out, fmt, **save)
    return out.getvalue()


def upload(data: bytes, filename: str = "anh.jpg", content_type: str = "image/jpeg"):
    return (io.BytesIO(data), filename, content_type)


def _tags(html: str, tag: str):
    return re.findall(rf"<{tag}\b[^>]*>", html)


def checked(html: str, name: str, value=None) -> bool:
    """Whether the page renders the checkbox or radio `name` (with `value`) ticked."""
    return any(
        " checked" in tag and f'name="{name}"' in tag and (value is None or f'value="{value}"' in tag)
        for tag in _tags(html, "input")
    )


def selected(html: str, value) -> bool:
    """Whether an <option value=…> is selected."""
    return any(" selected" in tag and f'value="{value}"' in tag for tag in _tags(html, "option"))
