"""Photos sent with feedback: checked by their content, re-encoded without metadata, stored privately.

A phone photo carries the place it was taken (EXIF GPS), the phone's make and serial,
sometimes the owner's name (XMP). None of it is kept: the picture is decoded, turned
upright (EXIF orientation), scaled down and written as a brand-new JPEG whose only
content is pixels. The file name and the declared type are ignored; only what Pillow
can open and verify as JPEG, PNG or WebP is accepted.
"""
from __future__ import annotations

import io
import os
import re
import secrets
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from consult.i18n import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer
from PIL import Image, ImageOps, UnidentifiedImageError

#: The largest upload accepted (bytes), before re-encoding.
MAX_BYTES = 5 * 1024 * 1024
#: The long side of the stored picture (px): sharp on any screen, ~200–400 KB as JPEG.
MAX_SIDE = 1600
#: Pictures with more pixels than this are refused before decoding (decompression bombs). PNG and
#: WebP decode in full (24 MP ≈ 96 MB as RGBA); JPEG decodes at 1/2–1/8 scale (draft), so a 48 MP
#: phone photo costs ~3 MP, and Pillow's own guard (~89 MP, a warning we treat as an error) applies.
MAX_PIXELS = 24_000_000
MAX_JPEG_PIXELS = 89_000_000
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
JPEG_QUALITY = 82
CONTENT_TYPE = "image/jpeg"

_NAME = re.compile(r"^[A-Za-z0-9_-]{16,64}\.jpg$")
_STASH_SALT = "feedback-photo-stash"
#: A photo kept while the form is corrected lives this long (seconds).
STASH_MAX_AGE = 24 * 3600

MESSAGES = {
    "too_big": _l("Ảnh lớn quá 5 MB. Vui lòng chọn ảnh nhỏ hơn (hoặc chụp lại ở chất lượng thấp hơn)."),
    "not_image": _l("Tệp đã chọn không phải ảnh JPEG, PNG hoặc WebP. Vui lòng chọn một ảnh khác."),
    "too_many_pixels": _l("Ảnh có kích thước quá lớn nên không xử lý được. Vui lòng chọn một ảnh khác."),
    "broken": _l("Không đọc được ảnh này (tệp có thể bị hỏng). Vui lòng chọn một ảnh khác."),
}


class PhotoError(ValueError):
    """An upload that is not an acceptable photo; str() is the message for the resident."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return str(MESSAGES[self.reason])


@dataclass(frozen=True)
class CleanPhoto:
    """A re-encoded photo: JPEG bytes with no metadata at all."""

    data: bytes
    width: int
    height: int


def clean_photo(stream) -> CleanPhoto:
    """Read an upload, refuse what is not a real photo, and return it re-encoded and stripped."""
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise PhotoError("too_big")
    if not raw:
        raise PhotoError("not_image")
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat the warning as a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            _verify(raw)
            picture = _decode(raw)
        except PhotoError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise PhotoError("too_many_pixels") from error
        except UnidentifiedImageError as error:
            raise PhotoError("not_image") from error
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise PhotoError("broken") from error
    return _encode(picture)


def _verify(raw: bytes) -> None:
    """Open the header only: the real format (not the name) and the pixel count, then verify."""
    with Image.open(io.BytesIO(raw)) as probe:
        if probe.format not in ACCEPTED_FORMATS:
            raise PhotoError("not_image")
        if probe.width * probe.height > (MAX_JPEG_PIXELS if probe.format == "JPEG" else MAX_PIXELS):
            raise PhotoError("too_many_pixels")
        probe.verify()  # checks the file's structure (and PNG checksums) without decoding pixels


def _decode(raw: bytes) -> Image.Image:
    """Decode (JPEG at a reduced scale when large), turn upright, scale down, flatten to RGB."""
    with Image.open(io.BytesIO(raw)) as picture:
        if picture.format == "JPEG":
            picture.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode at 1/2, 1/4 or 1/8 scale: less memory and CPU
        upright = ImageOps.exif_transpose(picture)
        upright.load()
    upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    if upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info):
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return upright.convert("RGB")


def _encode(picture: Image.Image) -> CleanPhoto:
    """Copy the pixels into a fresh image (no info, no EXIF, no ICC, no XMP) and write a JPEG."""
    bare = Image.frombytes("RGB", picture.size, picture.tobytes())
    out = io.BytesIO()
    bare.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return CleanPhoto(out.getvalue(), bare.width, bare.height)


# --- storage --------------------------------------------------------------------

def photo_folder() -> Path:
    """UPLOAD_DIR/feedback/, created on first use."""
    folder = Path(current_app.config["UPLOAD_DIR"]) / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write(folder: Path, photo: CleanPhoto) -> str:
    """Write under a random name, atomically (a reader never sees half a file)."""
    name = f"{secrets.token_urlsafe(18)}.jpg"
    draft = folder / f".{name}.part"
    draft.write_bytes(photo.data)
    os.replace(draft, folder / name)
    return name


def store_photo(photo: CleanPhoto) -> str:
    """Keep a cleaned photo; returns its random file name (stored on the item)."""
    return _write(photo_folder(), photo)


def photo_path(name: str) -> Path | None:
    """The file of a stored photo, or None if the name is not one of ours or the file is gone."""
    if not name or not _NAME.match(name):
        return None
    path = photo_folder() / name
    return path if path.is_file() else None


def delete_photo(name: str) -> None:
    """Remove a stored photo (an insert that was rolled back leaves none behind)."""
    path = photo_path(name)
    if path is not None:
        path.unlink(missing_ok=True)


# --- a photo kept while the resident corrects another field ---------------------

def _stash_folder() -> Path:
    folder = photo_folder() / "pending"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stash_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_STASH_SALT)


def stash_photo(photo: CleanPhoto) -> str:
    """Park a valid photo while the form is re-shown with an error; returns a signed token."""
    sweep_stash()  # abandoned forms leave parked photos behind; a glob of a small folder is cheap
    return _stash_serializer().dumps(_write(_stash_folder(), photo))


def stashed_photo(token: str) -> CleanPhoto | None:
    """The photo behind a token from stash_photo(), if the token is genuine and recent."""
    if not token:
        return None
    try:
        name = _stash_serializer().loads(token, max_age=STASH_MAX_AGE)
    except BadSignature:
        return None
    if not isinstance(name, str) or not _NAME.match(name):
        return None
    path = _stash_folder() / name
    if not path.is_file():
        return None
    with Image.open(path) as picture:
        size = picture.size
    return CleanPhoto(path.read_bytes(), *size)


def sweep_stash(max_age: float = STASH_MAX_AGE) -> int:
    """Delete parked photos older than their tokens can be; returns how many went."""
    cutoff = time.time() - max_age
    removed = 0
    for path in _stash_folder().glob("*.jpg"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
