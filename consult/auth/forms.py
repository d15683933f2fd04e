"""Sign-in form."""
from consult.i18n import lazy_gettext as _l
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from consult.forms import Form


class LoginForm(Form):
    username = StringField(_l("Tên đăng nhập"), validators=[DataRequired(_l("Hãy nhập tên đăng nhập.")), Length(max=60)])
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(_l("Hãy nhập mật khẩu.")), Length(max=200)])
    next = HiddenField()
