"""The base form: every text field is NFC-normalised and cleaned before validation, and
WTForms' built-in messages speak Vietnamese (WTForms ships no Vietnamese catalogue)."""
from __future__ import annotations

from consult.i18n import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField, TextAreaField

from consult.text import clean_text

#: WTForms' default messages → Vietnamese (translated back by the English catalogue).
_BUILTIN_MESSAGES = {
    "This field is required.": _l("Mục này bắt buộc."),
    "Invalid input.": _l("Giá trị không hợp lệ."),
    "Invalid email address.": _l("Thư điện tử không hợp lệ."),
    "Invalid URL.": _l("Địa chỉ web không hợp lệ."),
    "Not a valid choice.": _l("Lựa chọn không hợp lệ."),
    "Invalid Choice: could not coerce.": _l("Lựa chọn không hợp lệ."),
    "Invalid choice(s): one or more data inputs could not be coerced.": _l("Lựa chọn không hợp lệ."),
    "Not a valid integer value.": _l("Hãy nhập một số nguyên."),
    "Not a valid decimal value.": _l("Hãy nhập một số."),
    "Not a valid float value.": _l("Hãy nhập một số."),
    "Not a valid date value.": _l("Ngày không hợp lệ (dd/mm/yyyy)."),
    "Not a valid datetime value.": _l("Ngày giờ không hợp lệ."),
    "Not a valid time value.": _l("Giờ không hợp lệ."),
    "Field must be between %(min)d and %(max)d characters long.": _l("Độ dài từ %(min)d đến %(max)d ký tự."),
    "Field must be at least %(min)d character long.": _l("Cần ít nhất %(min)d ký tự."),
    "Field must be at least %(min)d characters long.": _l("Cần ít nhất %(min)d ký tự."),
    "Field cannot be longer than %(max)d character.": _l("Không quá %(max)d ký tự."),
    "Field cannot be longer than %(max)d characters.": _l("Không quá %(max)d ký tự."),
    "Number must be at least %(min)s.": _l("Số phải từ %(min)s trở lên."),
    "Number must be at most %(max)s.": _l("Số không được lớn hơn %(max)s."),
    "Number must be between %(min)s and %(max)s.": _l("Số phải từ %(min)s đến %(max)s."),
    "Invalid value, must be one of: %(values)s.": _l("Giá trị phải là một trong: %(values)s."),
    "The CSRF token is missing.": _l("Phiên làm việc đã hết hạn, vui lòng gửi lại."),
    "The CSRF token has expired.": _l("Phiên làm việc đã hết hạn, vui lòng gửi lại."),
    "The CSRF token is invalid.": _l("Phiên làm việc đã hết hạn, vui lòng gửi lại."),
    "The CSRF session token is missing.": _l("Phiên làm việc đã hết hạn, vui lòng gửi lại."),
}


class _Messages:
    """WTForms' translations interface, answering from the table above."""

    def gettext(self, string: str) -> str:
        return str(_BUILTIN_MESSAGES.get(string, string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def _clean_line(value):
    return clean_text(value, multiline=False) if isinstance(value, str) else value


def _clean_block(value):
    return clean_text(value) if isinstance(value, str) else value


class Form(FlaskForm):
    """FlaskForm (CSRF included) whose text inputs are normalised to NFC and trimmed."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field_class = unbound_field.field_class
            # Clean first, then the field's own filters (declared on the field or passed at binding).
            own = [*unbound_field.kwargs.get("filters", ()), *options.get("filters", ())]
            if issubclass(field_class, TextAreaField):
                options["filters"] = [_clean_block, *own]
            elif issubclass(field_class, StringField):
                options["filters"] = [_clean_line, *own]
            return unbound_field.bind(form=form, **options)

        def get_translations(self, form):
            return _Messages()


class WholeNumberField(IntegerField):
    """An integer input whose parse error is in Vietnamese (WTForms ships no Vietnamese)."""

    def process_formdata(self, valuelist):
        if not valuelist or valuelist[0] in ("", None):
            self.data = None
            return
        try:
            self.data = int(str(valuelist[0]).strip())
        except ValueError:
            self.data = None
            raise ValueError(_l("Hãy nhập một số nguyên, ví dụ 12.")) from None


class LocalDateField(DateField):
    """A date typed as yyyy-mm-dd (date pickers) or dd/mm/yyyy (by hand), errors in Vietnamese."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("format", ["%Y-%m-%d", "%d/%m/%Y"])
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 12/04/2026.")) from None
