"""Moderation forms; each posts from one queue item (or the bulk bar) and carries CSRF."""
from __future__ import annotations

from consult.i18n import lazy_gettext as _l
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from consult.forms import Form
from consult.models import RejectReason, Validity
from consult.models.comment import REJECT_REASON_LABELS
from consult.models.submission import VALIDITY_LABELS

MAX_BODY = 5000


class ActionForm(Form):
    """Approve, undo, restore: nothing but the CSRF token."""


class RejectForm(Form):
    """Reject with one of the reasons residents see on their receipt."""

    reason = SelectField(
        _l("Lý do không đăng"),
        choices=[SelectChoice("", _l("— Chọn lý do —"))]
        + [SelectChoice(reason.value, label) for reason, label in REJECT_REASON_LABELS.items()],
        validators=[DataRequired(_l("Hãy chọn lý do không đăng."))],
    )

    @property
    def reject_reason(self) -> RejectReason:
        return RejectReason(self.reason.data)


class RedactForm(Form):
    """The comment's text with personal data taken out by the moderator."""

    body = TextAreaField(
        _l("Nội dung sau khi sửa"),
        validators=[DataRequired(_l("Nội dung sau khi sửa không được để trống.")),
                    Length(max=MAX_BODY, message=_l("Nội dung tối đa %(max)d ký tự."))],
    )


class BulkApproveForm(Form):
    """The ticked items of the queue."""

    comment_ids = SelectMultipleField(
        coerce=int, validate_choice=False,
        validators=[InputRequired(_l("Hãy chọn ít nhất một ý kiến."))],
    )


class MarkSubmissionForm(Form):
    """Take a whole submission out of every count."""

    validity = RadioField(
        _l("Đánh dấu cả phiếu là"),
        choices=[SelectChoice(validity.value, VALIDITY_LABELS[validity])
                 for validity in (Validity.SPAM, Validity.DUPLICATE)],
        validators=[InputRequired(_l("Hãy chọn thư rác hoặc trùng lặp."))],
    )
    note = StringField(_l("Ghi chú (không bắt buộc)"), validators=[Length(max=300)])
