"""Forms for QR points."""
from __future__ import annotations

from consult.i18n import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from consult.forms import Form
from consult.models import QrPlace

#: Places staff add by hand; hamlet cultural houses come from "create for all hamlets".
CUSTOM_PLACES = (QrPlace.OFFICE, QrPlace.MEETING, QrPlace.OTHER, QrPlace.HAMLET)


class PointForm(Form):
    """A point at a place of the staff's choosing (the commune office, a named meeting…)."""

    place = SelectField(_l("Loại địa điểm"), choices=lambda: [(p.value, p.label) for p in CUSTOM_PLACES],
                        default=QrPlace.OFFICE.value, validators=[DataRequired(_l("Hãy chọn loại địa điểm."))])
    label = StringField(_l("Tên nơi đặt mã"), validators=[
        DataRequired(_l("Hãy nhập tên nơi đặt mã, ví dụ “Bộ phận một cửa, Trụ sở UBND xã”.")),
        Length(max=200, message=_l("Tối đa 200 ký tự.")),
    ])
    hamlet_id = SelectField(_l("Thôn/xóm được chọn sẵn trên phiếu (không bắt buộc)"), coerce=int, default=0)


class ConfirmForm(Form):
    """A button that posts (CSRF only)."""
