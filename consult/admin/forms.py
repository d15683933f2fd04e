"""Forms for staff accounts."""
from consult.i18n import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, PasswordField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, Regexp

from consult.forms import Form
from consult.models import Role


def _role_choices():
    return [SelectChoice(role.value, role.label) for role in Role]


class UserForm(Form):
    """Name, role and hamlet of an account (the hamlet only for hamlet officers)."""

    full_name = StringField(_l("Họ và tên"), validators=[Optional(), Length(max=200)])
    role = SelectField(_l("Vai trò"), choices=_role_choices, validators=[DataRequired()])
    hamlet_id = SelectField(_l("Thôn/xóm (chỉ cho cán bộ thôn/xóm)"), coerce=int, validators=[Optional()])


class UserCreateForm(UserForm):
    username = StringField(_l("Tên đăng nhập"), validators=[DataRequired(_l("Hãy nhập tên đăng nhập.")), Length(max=60)])
    password = PasswordField(_l("Mật khẩu ban đầu"), validators=[DataRequired(_l("Hãy nhập mật khẩu.")), Length(max=200)])


class PasswordResetForm(Form):
    new_password = PasswordField(_l("Mật khẩu mới"), validators=[DataRequired(_l("Hãy nhập mật khẩu mới.")), Length(max=200)])


class ConfirmForm(Form):
    """A button that posts (CSRF only)."""


class CommuneSettingsForm(Form):
    """The commune's names, signers and contact line, as printed on pages and reports."""

    name = StringField(_l("Tên xã"), validators=[DataRequired(_l("Hãy nhập tên xã.")), Length(max=200)])
    unit_kind = SelectField(_l("Loại đơn vị"), choices=[SelectChoice(kind) for kind in ("xã", "phường", "đặc khu")])
    province = StringField(_l("Tỉnh, thành phố"), validators=[Optional(), Length(max=200)])
    place_name = StringField(_l("Địa danh ghi ở dòng ngày tháng"), validators=[Optional(), Length(max=200)])
    ubnd_name = StringField(_l("Tên UBND"), validators=[Optional(), Length(max=200)])
    mttq_name = StringField(_l("Tên Ủy ban MTTQ"), validators=[Optional(), Length(max=200)])
    hdnd_name = StringField(_l("Tên HĐND"), validators=[Optional(), Length(max=200)])
    ubnd_chair = StringField(_l("Chủ tịch UBND"), validators=[Optional(), Length(max=200)])
    ubnd_vice_chair = StringField(_l("Phó Chủ tịch UBND"), validators=[Optional(), Length(max=200)])
    mttq_chair = StringField(_l("Chủ tịch Ủy ban MTTQ"), validators=[Optional(), Length(max=200)])
    mttq_vice_chair = StringField(_l("Phó Chủ tịch Ủy ban MTTQ"), validators=[Optional(), Length(max=200)])
    report_recipients = TextAreaField(_l("Nơi nhận mặc định của báo cáo (mỗi dòng một nơi)"), validators=[Optional(), Length(max=2000)])
    address = StringField(_l("Địa chỉ trụ sở"), validators=[Optional(), Length(max=200)])
    hotline = StringField(_l("Đường dây nóng"), validators=[Optional(), Length(max=40)])
    email = StringField(_l("Thư điện tử"), validators=[Optional(), Email(_l("Thư điện tử không hợp lệ.")), Length(max=120)])
    public_host = StringField(_l("Tên miền in trên áp phích"), validators=[Optional(), Length(max=120)])
    feedback_due_days = IntegerField(_l("Số ngày xử lý phản ánh"), validators=[InputRequired(), NumberRange(1, 90, _l("Từ 1 đến 90 ngày."))])
    retention_days = IntegerField(_l("Số ngày lưu thông tin liên hệ"), validators=[InputRequired(), NumberRange(30, 3650, _l("Từ 30 đến 3650 ngày."))])


class HamletForm(Form):
    """One hamlet of the commune."""

    code = StringField(_l("Mã"), validators=[DataRequired(_l("Hãy nhập mã.")), Length(max=12),
                                            Regexp(r"^[A-Za-z0-9-]+$", message=_l("Mã chỉ gồm chữ không dấu, số và gạch ngang."))])
    name = StringField(_l("Tên thôn/xóm"), validators=[DataRequired(_l("Hãy nhập tên.")), Length(max=200)])
    kind = SelectField(_l("Loại"), choices=[SelectChoice(kind) for kind in ("xóm", "thôn", "khối", "tổ dân phố", "bản", "ấp")])
    households = IntegerField(_l("Số hộ"), validators=[InputRequired(_l("Hãy nhập số hộ.")), NumberRange(1, 100_000, _l("Số hộ phải lớn hơn 0."))])
    cultural_house = StringField(_l("Nhà văn hóa"), validators=[Optional(), Length(max=200)])
    position = IntegerField(_l("Thứ tự"), validators=[Optional(), NumberRange(0, 10_000)], default=0)
    active = BooleanField(_l("Đang hoạt động"), default=True)
