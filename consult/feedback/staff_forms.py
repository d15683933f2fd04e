"""Forms of the staff side: one per action on an item, and the category editor."""
from __future__ import annotations

from consult.i18n import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from consult.feedback.forms import BODY_MAX, TITLE_MAX
from consult.forms import LocalDateField, WholeNumberField
from consult.forms import Form

_TEXT_MAX = Length(max=BODY_MAX, message=_l("Tối đa %(max)d ký tự."))


class AssignForm(Form):
    """Give the item to someone."""

    assignee = SelectField(_l("Giao cho"), coerce=int, validate_choice=False,
                           validators=[DataRequired(_l("Hãy chọn người xử lý."))])


class StartForm(Form):
    """A button that posts (CSRF only)."""


class ResolveForm(Form):
    """Answer and close."""

    answer = TextAreaField(_l("Trả lời của xã (công khai cho người gửi)"), validators=[
        DataRequired(_l("Cần nhập nội dung trả lời trước khi kết thúc phản ánh.")), _TEXT_MAX])


class RejectForm(Form):
    """Close without handling, with the reason the sender reads."""

    reason = TextAreaField(_l("Lý do không xử lý (người gửi đọc được)"), validators=[
        DataRequired(_l("Cần nêu lý do không xử lý; người gửi sẽ đọc được lý do này.")), _TEXT_MAX])


class ReopenForm(Form):
    """Open a closed item again."""

    reason = TextAreaField(_l("Lý do mở lại (nội bộ)"), validators=[DataRequired(_l("Cần nêu lý do mở lại.")), _TEXT_MAX])


class NoteForm(Form):
    """An internal note."""

    body = TextAreaField(_l("Ghi chú nội bộ (không bao giờ công khai)"), validators=[
        DataRequired(_l("Hãy nhập nội dung ghi chú.")), _TEXT_MAX])


class DueForm(Form):
    """A new due date."""

    due_on = LocalDateField(_l("Hạn trả lời mới"), validators=[InputRequired(_l("Hãy chọn hạn trả lời mới."))])
    reason = StringField(_l("Lý do (nội bộ, không bắt buộc)"), validators=[Optional(), Length(max=300)])


class MergeForm(Form):
    """The main item a duplicate is merged into."""

    target = StringField(_l("Gộp vào phản ánh số (hoặc mã PA-…)"), validators=[
        DataRequired(_l("Hãy nhập số hoặc mã của phản ánh chính.")), Length(max=30)])


class EditForm(Form):
    """Corrected or redacted title and text; withdrawing public display."""

    title = StringField(_l("Tiêu đề"), validators=[
        DataRequired(_l("Hãy nhập tiêu đề.")), Length(max=TITLE_MAX, message=_l("Tối đa %(max)d ký tự."))])
    body = TextAreaField(_l("Nội dung"), validators=[DataRequired(_l("Hãy nhập nội dung.")), _TEXT_MAX])
    withdraw_public = BooleanField(_l("Không đăng công khai phản ánh này (dù người gửi cho phép)"))


class CategoryForm(Form):
    """A category of the box."""

    name = StringField(_l("Tên lĩnh vực"), validators=[
        DataRequired(_l("Hãy nhập tên lĩnh vực.")), Length(max=200, message=_l("Tối đa %(max)d ký tự."))])
    due_days = WholeNumberField(_l("Số ngày trả lời (để trống: theo mặc định của xã)"), validators=[
        Optional(), NumberRange(min=1, max=365, message=_l("Từ 1 đến 365 ngày."))])
    position = WholeNumberField(_l("Thứ tự hiển thị"), validators=[
        Optional(), NumberRange(min=0, max=10000, message=_l("Từ 0 đến 10000."))])
    active = BooleanField(_l("Đang dùng (hiện trên mẫu góp ý)"), default=True)


#: The action forms of an item page, by action name.
ACTION_FORMS = {
    "assign": AssignForm, "start": StartForm, "resolve": ResolveForm, "reject": RejectForm,
    "reopen": ReopenForm, "note": NoteForm, "due": DueForm, "merge": MergeForm, "edit": EditForm,
}
