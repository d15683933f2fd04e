"""Forms of the results panel: publish the results, record the decision date."""
from __future__ import annotations

from consult.i18n import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, TextAreaField
from wtforms.validators import InputRequired, Length

from consult.forms import Form


class LocalDateField(DateField):
    """An <input type=date> whose parse error is in Vietnamese."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(_l("Ngày không hợp lệ; hãy chọn ngày, tháng, năm."))) from error


class PublishForm(Form):
    """Publish results; with comments unanswered, staff confirm and say why."""

    confirm_unanswered = BooleanField(_l("Tôi xác nhận công bố kết quả dù còn ý kiến chưa được trả lời"))
    note = TextAreaField(_l("Lý do công bố khi còn ý kiến chưa trả lời"), validators=[Length(max=2000)])
    next = HiddenField()


class DecisionForm(Form):
    """The date the competent body decided on the draft; results are due 5 working days later."""

    decided_on = LocalDateField(
        _l("Ngày cơ quan có thẩm quyền quyết định"),
        validators=[InputRequired(_l("Hãy chọn ngày quyết định."))],
    )
    next = HiddenField()
