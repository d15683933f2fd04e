"""Forms of the staff consultation pages. Dates are typed in the commune's local time."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from consult.i18n import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField, DateTimeLocalField, Field, HiddenField, RadioField, SelectField, StringField, TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import TextArea

from consult.forms import Form
from consult.models import ConsultationKind, Organiser
from consult.models.consultation import KIND_LABELS
from consult.settings import commune
from consult.staff_consultations.splitter import LABEL_APPENDIX, LABEL_ARTICLE, LABEL_SECTION
from consult.text import slugify
from consult.timeutil import local_zone

#: What datetime-local inputs send, then what staff type where a browser shows a plain text box.
DATETIME_FORMAT = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%H:%M %d/%m/%Y", "%d/%m/%Y"]
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Words the staff URL map uses after /staff/consultations/, so they cannot be slugs.
RESERVED_SLUGS = frozenset({"new", "preview", "slug-suggestion"})
MAX_BODY = 100_000
MAX_PASTE = 400_000


def to_utc(local: datetime | None) -> datetime | None:
    """A naive datetime typed in the commune's time zone → aware UTC."""
    if local is None:
        return None
    return local.replace(tzinfo=local_zone()).astimezone(timezone.utc)


def to_local_naive(moment: datetime | None) -> datetime | None:
    """An aware datetime → naive local time, for a datetime-local input."""
    if moment is None:
        return None
    return moment.astimezone(local_zone()).replace(tzinfo=None, second=0, microsecond=0)


class SlugField(StringField):
    """Whatever is typed becomes a slug: "Dự thảo Quy chế" → "du-thao-quy-che".

    (Done here rather than as a field filter: consult.forms.Form replaces declared filters.)
    """

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, str):
            self.data = slugify(self.data, max_length=100)


def organiser_choices() -> list[tuple[str, str]]:
    """Organisers with the commune's own body names when they are set."""
    settings = commune()
    return [(o.value, settings.body_name(o.value) or o.label) for o in Organiser]


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, str(KIND_LABELS[kind])) for kind in ConsultationKind]


class ConsultationForm(Form):
    """Title, address, texts, organiser, kind and period of a consultation."""

    title = StringField(_l("Tiêu đề"), validators=[
        DataRequired(_l("Hãy nhập tiêu đề.")), Length(max=300, message=_l("Tiêu đề tối đa 300 ký tự.")),
    ])
    slug = SlugField(_l("Địa chỉ trang (đường dẫn)"), validators=[Optional()])
    summary = TextAreaField(_l("Tóm tắt"), validators=[
        Optional(), Length(max=1000, message=_l("Tóm tắt tối đa 1.000 ký tự.")),
    ])
    body_md = TextAreaField(_l("Nội dung giới thiệu"), validators=[
        Optional(), Length(max=MAX_BODY, message=_l("Nội dung quá dài.")),
    ])
    organiser = SelectField(_l("Cơ quan tổ chức lấy ý kiến"), choices=organiser_choices,
                            validators=[DataRequired()])
    kind = RadioField(_l("Hình thức"), choices=kind_choices, validators=[DataRequired(_l("Hãy chọn hình thức."))])
    allow_general_comments = BooleanField(_l("Cho phép góp ý chung cho cả dự thảo (không gắn với điều nào)"))
    opens_at = DateTimeLocalField(_l("Bắt đầu nhận ý kiến"), format=DATETIME_FORMAT, validators=[
        DataRequired(_l("Hãy chọn ngày giờ bắt đầu.")),
    ])
    closes_at = DateTimeLocalField(_l("Hạn cuối nhận ý kiến"), format=DATETIME_FORMAT, validators=[
        DataRequired(_l("Hãy chọn ngày giờ kết thúc.")),
    ])
    #: The last slug suggested from the title (htmx), so a slug typed by hand is never overwritten.
    slug_auto = HiddenField()

    def validate_slug(self, field):
        if field.data and not _SLUG.match(field.data):
            raise ValidationError(_l("Chỉ dùng chữ thường không dấu, số và dấu gạch ngang."))
        if field.data in RESERVED_SLUGS:
            raise ValidationError(_l("Địa chỉ này dành cho hệ thống; hãy chọn địa chỉ khác."))

    def validate_closes_at(self, field):
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("Hạn cuối phải sau thời điểm bắt đầu."))

    def lock(self, *names: str) -> None:
        """Fields shown but not editable now (disabled inputs are not sent): ignore what came in."""
        for name in names:
            field = self[name]
            field.render_kw = {**(field.render_kw or {}), "disabled": True}
            field.validators = [Optional()]
            field.flags.required = False


class PasteField(Field):
    """A text area whose text reaches the splitter as pasted: it needs the tabs (Word tables) and
    Word's line breaks that the base form's cleaning would drop; the splitter normalises itself."""

    widget = TextArea()

    def process_formdata(self, valuelist):
        self.data = valuelist[0] if valuelist else ""

    def _value(self):
        return self.data or ""


class ArticleImportForm(Form):
    """The pasted draft; `confirm` replaces the articles, otherwise the split is shown for review."""

    text = PasteField(_l("Toàn văn dự thảo"), validators=[
        DataRequired(_l("Hãy dán toàn văn dự thảo vào ô này.")),
        Length(max=MAX_PASTE, message=_l("Văn bản quá dài (tối đa 400.000 ký tự).")),
    ])
    use_preamble = BooleanField(_l("Dùng phần mở đầu làm nội dung giới thiệu của đợt lấy ý kiến"))


def label_choices() -> list[tuple[str, str]]:
    """The kinds of article heading (the label printed before the number)."""
    return [
        (LABEL_ARTICLE, LABEL_ARTICLE), (LABEL_SECTION, LABEL_SECTION), (LABEL_APPENDIX, LABEL_APPENDIX),
        ("", str(_l("(không ghi: I, II… hoặc 1, 2…)"))),
    ]


class ArticleForm(Form):
    """One article: its label, number, heading, chapter and text."""

    label = SelectField(_l("Loại"), choices=label_choices, validators=[Optional()])
    number = StringField(_l("Số"), validators=[Length(max=20, message=_l("Số tối đa 20 ký tự."))])
    heading = StringField(_l("Tên điều"), validators=[
        Optional(), Length(max=500, message=_l("Tên tối đa 500 ký tự.")),
    ])
    chapter = StringField(_l("Thuộc chương"), validators=[
        Optional(), Length(max=300, message=_l("Tên chương tối đa 300 ký tự.")),
    ])
    body = TextAreaField(_l("Nội dung"), validators=[
        Optional(), Length(max=MAX_BODY, message=_l("Nội dung quá dài.")),
    ])

    def validate_number(self, field):
        if not field.data and self.label.data != LABEL_APPENDIX:
            raise ValidationError(_l("Hãy nhập số của điều (ví dụ 3 hoặc 3a)."))


class AttachmentForm(Form):
    """An official PDF and the text of its link."""

    file = FileField(_l("Tệp PDF"), validators=[FileRequired(_l("Hãy chọn tệp PDF."))])
    title = StringField(_l("Tên hiển thị"), validators=[
        Optional(), Length(max=200, message=_l("Tên tối đa 200 ký tự.")),
    ])


class PublishForm(Form):
    """Open now, until the given close."""

    closes_at = DateTimeLocalField(_l("Hạn cuối nhận ý kiến"), format=DATETIME_FORMAT, validators=[
        DataRequired(_l("Hãy chọn ngày giờ kết thúc.")),
    ])


class ScheduleForm(Form):
    """Publish now, open later."""

    opens_at = DateTimeLocalField(_l("Ngày giờ mở"), format=DATETIME_FORMAT, validators=[
        DataRequired(_l("Hãy chọn ngày giờ mở.")),
    ])
    closes_at = DateTimeLocalField(_l("Hạn cuối nhận ý kiến"), format=DATETIME_FORMAT, validators=[
        DataRequired(_l("Hãy chọn ngày giờ kết thúc.")),
    ])


class CloseEarlyForm(Form):
    """Close before the planned date; the reason goes to the audit log."""

    reason = TextAreaField(_l("Lý do kết thúc sớm"), validators=[
        DataRequired(_l("Hãy ghi lý do kết thúc sớm.")), Length(max=2000, message=_l("Lý do tối đa 2.000 ký tự.")),
    ])


class ReopenForm(Form):
    """Open again, with a new close when the old one has passed."""

    closes_at = DateTimeLocalField(_l("Hạn cuối mới"), format=DATETIME_FORMAT, validators=[Optional()])


class ConfirmForm(Form):
    """A button that posts (CSRF only)."""
