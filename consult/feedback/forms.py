"""Forms for putting an item in the box: the resident's form and staff entry of paper/hotline items."""
from __future__ import annotations

from datetime import date, timedelta

from consult.i18n import gettext as _
from consult.i18n import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from consult.feedback.photos import CleanPhoto, PhotoError, clean_photo, stash_photo, stashed_photo
from consult.forms import Form, LocalDateField
from consult.models import FeedbackCategory, FeedbackChannel, Hamlet
from consult.text import is_mobile_phone, normalise_phone
from consult.timeutil import local_today

TITLE_MAX = 200
BODY_MAX = 5000
#: The hamlet select's value for "no hamlet / not known".
NO_HAMLET = "0"
#: Channels staff type items in for (the web has its own form).
ENTRY_CHANNELS = tuple(channel for channel in FeedbackChannel if channel is not FeedbackChannel.WEB)
#: How far back a paper item may be dated.
MAX_BACKDATE_DAYS = 366


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class _ItemForm(Form):
    """The fields an item is made of, whoever types them."""

    category = RadioField(_l("Lĩnh vực"), coerce=_int_or_none, validate_choice=False)
    hamlet = SelectField(_l("Thôn, xóm liên quan"), validate_choice=False)
    title = StringField(_l("Tiêu đề"), validators=[
        DataRequired(_l("Hãy nhập tiêu đề.")),
        Length(max=TITLE_MAX, message=_l("Tiêu đề tối đa %(max)d ký tự.")),
    ])
    body = TextAreaField(_l("Nội dung phản ánh, kiến nghị"), validators=[
        DataRequired(_l("Hãy nhập nội dung phản ánh, kiến nghị.")),
        Length(max=BODY_MAX, message=_l("Nội dung tối đa %(max)d ký tự.")),
    ])
    photo = FileField(_l("Ảnh kèm theo (không bắt buộc)"))
    #: A valid photo parked while another field is corrected (signed; see photos.stash_photo).
    photo_token = HiddenField()
    sender_name = StringField(_l("Họ và tên"), validators=[
        Optional(), Length(max=100, message=_l("Họ và tên tối đa %(max)d ký tự."))])
    sender_phone = StringField(_l("Số điện thoại"), validators=[Optional()])
    consent = BooleanField()
    allow_public = BooleanField(_l("Cho phép công khai nội dung (không kèm thông tin cá nhân)"))
    idempotency_key = HiddenField()

    def __init__(self, *args, categories: list[FeedbackCategory], hamlets: list[Hamlet],
                 allow_unknown_hamlet: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {category.id: category for category in categories}
        self.hamlets = {hamlet.id: hamlet for hamlet in hamlets}
        self.allow_unknown_hamlet = allow_unknown_hamlet
        self.category.choices = [(category.id, category.name) for category in categories]
        self.hamlet.choices = (
            [("", _("— Chọn thôn, xóm —"))] + [(str(hamlet.id), hamlet.name) for hamlet in hamlets]
            + ([(NO_HAMLET, _("Không thuộc thôn, xóm nào / không rõ"))] if allow_unknown_hamlet else [])
        )
        #: The cleaned photo, once validate() has checked the upload (or the parked one).
        self.cleaned_photo: CleanPhoto | None = None

    def validate_category(self, field):
        if field.data not in self.categories:
            raise ValidationError(_("Hãy chọn lĩnh vực."))

    def validate_hamlet(self, field):
        if field.data == NO_HAMLET and self.allow_unknown_hamlet:
            return
        if _int_or_none(field.data) not in self.hamlets:
            raise ValidationError(_("Hãy chọn thôn, xóm (hoặc “không rõ”).") if self.allow_unknown_hamlet
                                  else _("Hãy chọn thôn, xóm."))

    def validate_sender_phone(self, field):
        if field.data:
            if not is_mobile_phone(field.data):
                raise ValidationError(_("Số điện thoại di động chưa đúng, ví dụ 0912 345 678."))
            field.data = normalise_phone(field.data)

    def validate_consent(self, field):
        if (self.sender_name.data or self.sender_phone.data) and not field.data:
            raise ValidationError(_("Hãy đánh dấu đồng ý để xã lưu họ tên, số điện thoại; "
                                    "hoặc để trống hai ô đó nếu không muốn để lại."))

    def validate_photo(self, field):
        upload = field.data
        if upload is not None and getattr(upload, "filename", ""):
            try:
                self.cleaned_photo = clean_photo(upload.stream)
            except PhotoError as error:
                self.photo_token.data = ""  # a new choice replaces a parked photo, even a bad one
                raise ValidationError(str(error)) from error
        elif self.photo_token.data:
            self.cleaned_photo = stashed_photo(self.photo_token.data)
            if self.cleaned_photo is None:
                self.photo_token.data = ""
                raise ValidationError(_("Ảnh đã chọn lúc trước không còn giữ được; vui lòng chọn lại ảnh."))

    def keep_photo(self) -> None:
        """After a failed validation, park a good new photo so the resident need not pick it again."""
        upload = self.photo.data
        if self.cleaned_photo is not None and upload is not None and getattr(upload, "filename", ""):
            self.photo_token.data = stash_photo(self.cleaned_photo)

    @property
    def chosen_category(self) -> FeedbackCategory:
        return self.categories[self.category.data]

    @property
    def chosen_hamlet(self) -> Hamlet | None:
        return self.hamlets.get(_int_or_none(self.hamlet.data))


class FeedbackForm(_ItemForm):
    """The resident's form, with its quiet anti-spam fields."""

    consent = BooleanField(_l("Tôi đồng ý để xã lưu họ tên và số điện thoại trên để liên hệ trả lời phản ánh này."))
    #: Honeypot: hidden from people (CSS and aria-hidden), filled by bots.
    website = StringField(_l("Trang web (để trống ô này)"))
    #: Signed moment the form was shown (antispam.start_token).
    started = HiddenField()


class EntryForm(_ItemForm):
    """Staff typing in an item that came on paper, by phone, at a meeting."""

    channel = SelectField(_l("Kênh tiếp nhận"), choices=lambda: [(channel.value, channel.label) for channel in ENTRY_CHANNELS],
                          default=FeedbackChannel.PAPER.value, validate_choice=False)
    # InputRequired, not DataRequired: the latter would replace "not a valid date" with "choose a date".
    received_on = LocalDateField(_l("Ngày nhận"), validators=[InputRequired(_l("Hãy chọn ngày nhận."))])
    consent = BooleanField(_l("Người gửi đồng ý để xã lưu họ tên, số điện thoại (trên phiếu hoặc khi gọi điện)."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.received_on.data is None and not self.is_submitted():
            self.received_on.data = local_today()

    def validate_channel(self, field):
        if field.data not in {channel.value for channel in ENTRY_CHANNELS}:
            raise ValidationError(_("Hãy chọn kênh tiếp nhận."))

    def validate_received_on(self, field):
        today = local_today()
        if field.data and field.data > today:
            raise ValidationError(_("Ngày nhận không thể sau hôm nay."))
        if field.data and field.data < today - timedelta(days=MAX_BACKDATE_DAYS):
            raise ValidationError(_("Ngày nhận quá xa (hơn một năm trước)."))

    @property
    def received_date(self) -> date:
        return self.received_on.data

