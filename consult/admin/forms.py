"""Forms for staff accounts."""
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from consult.forms import Form
from consult.models import Role


def _role_choices():
    return [(role.value, role.label) for role in Role]


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
