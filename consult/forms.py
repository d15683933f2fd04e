"""The base form: every text field is NFC-normalised and cleaned before validation."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

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
