"""The base form: every text field is NFC-normalised and cleaned before validation."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField, TextAreaField

from consult.text import clean_text


def _clean_line(value):
    return clean_text(value, multiline=False) if isinstance(value, str) else value


def _clean_block(value):
    return clean_text(value) if isinstance(value, str) else value


class Form(FlaskForm):
    """FlaskForm (CSRF included) whose text inputs are normalised to NFC and trimmed."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field_class = unbound_field.field_class
            if issubclass(field_class, TextAreaField):
                options["filters"] = [_clean_block, *options.get("filters", ())]
            elif issubclass(field_class, StringField):
                options["filters"] = [_clean_line, *options.get("filters", ())]
            return unbound_field.bind(form=form, **options)


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
