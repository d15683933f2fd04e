"""Forms of the responses pages."""
from __future__ import annotations

from consult.i18n import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from consult.forms import Form
from consult.models import Disposition
from consult.models.comment import DISPOSITION_LABELS

MAX_BODY = 10_000


class _DispositionMixin:
    """Disposition and explanation; "không tiếp thu" must say why."""

    disposition = RadioField(
        _l("Hình thức xử lý"),
        choices=[SelectChoice(disposition.value, label) for disposition, label in DISPOSITION_LABELS.items()],
        validators=[InputRequired(_l("Hãy chọn hình thức xử lý."))],
    )
    body = TextAreaField(
        _l("Nội dung trả lời, giải trình"),
        validators=[Length(max=MAX_BODY, message=_l("Nội dung tối đa %(max)d ký tự."))],
    )

    def validate_body(self, field):
        if self.disposition.data == Disposition.NOT_ACCEPTED and not (field.data or "").strip():
            raise ValidationError(_l("Không tiếp thu thì phải giải trình lý do: hãy nhập nội dung giải trình."))

    @property
    def chosen_disposition(self) -> Disposition:
        return Disposition(self.disposition.data)


class ResponseForm(_DispositionMixin, Form):
    """Answer the ticked comments of one section together."""

    article = HiddenField()
    comment_ids = SelectMultipleField(
        coerce=int, validate_choice=False,
        validators=[InputRequired(_l("Hãy chọn ít nhất một ý kiến để trả lời."))],
    )


class ResponseEditForm(_DispositionMixin, Form):
    """Change a response, and add more comments of the same section to it."""

    add_comment_ids = SelectMultipleField(_l("Thêm ý kiến chưa trả lời"), coerce=int, validate_choice=False)


class DetachForm(Form):
    """Take one comment off a response: nothing but the CSRF token."""
