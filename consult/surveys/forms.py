"""The question form: one form for every kind; fields a kind does not use are ignored."""
from __future__ import annotations

from consult.i18n import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from consult.forms import Form, WholeNumberField
from consult.models import QuestionKind
from consult.surveys.services import QuestionDraft

MAX_OPTIONS = 30
MAX_OPTION_LENGTH = 300


def _kind_choices():
    return [(kind.value, kind.label) for kind in QuestionKind]


class QuestionForm(Form):
    """Add or edit a question; options are typed one per line."""

    kind = SelectField(_l("Loại câu hỏi"), choices=_kind_choices, default=QuestionKind.SINGLE.value,
                       validators=[DataRequired(_l("Hãy chọn loại câu hỏi."))])
    prompt = TextAreaField(_l("Câu hỏi"), validators=[
        DataRequired(_l("Hãy nhập câu hỏi.")), Length(max=1000, message=_l("Câu hỏi dài tối đa 1.000 ký tự.")),
    ])
    help_text = TextAreaField(_l("Gợi ý cho người trả lời (không bắt buộc)"), validators=[
        Optional(), Length(max=500, message=_l("Gợi ý dài tối đa 500 ký tự.")),
    ])
    required = BooleanField(_l("Bắt buộc trả lời"))
    options = TextAreaField(_l("Các phương án, mỗi dòng một phương án"))
    allow_other = BooleanField(_l("Thêm ô “Khác: ____” để người dân tự ghi"))
    min_choices = WholeNumberField(_l("Chọn ít nhất"), validators=[
        Optional(), NumberRange(min=1, max=MAX_OPTIONS, message=_l("Nhập một số từ 1 đến 30.")),
    ])
    max_choices = WholeNumberField(_l("Chọn nhiều nhất"), validators=[
        Optional(), NumberRange(min=1, max=MAX_OPTIONS, message=_l("Nhập một số từ 1 đến 30.")),
    ])
    rating_low_label = StringField(_l("Ý nghĩa của điểm 1"), validators=[
        Optional(), Length(max=100, message=_l("Tối đa 100 ký tự.")),
    ])
    rating_high_label = StringField(_l("Ý nghĩa của điểm 5"), validators=[
        Optional(), Length(max=100, message=_l("Tối đa 100 ký tự.")),
    ])

    def scope_ids(self, scope: str) -> QuestionForm:
        """Give every input an id unique on the page (several question forms may be open at once)."""
        for item in self:
            item.id = f"{scope}-{item.name}"
            item.label.field_id = item.id
        return self

    @property
    def option_labels(self) -> list[str]:
        """The typed options: one per non-empty line."""
        return [line.strip() for line in (self.options.data or "").split("\n") if line.strip()]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.kind.data or self.kind.data not in QuestionKind._value2member_map_:
            return False
        kind = QuestionKind(self.kind.data)
        if kind.has_options:
            valid = self._validate_options(kind) and valid
        return valid

    def _validate_options(self, kind: QuestionKind) -> bool:
        labels = self.option_labels
        problems = []
        if len(labels) < 2:
            problems.append(_l("Câu hỏi lựa chọn cần ít nhất 2 phương án, mỗi dòng một phương án."))
        if len(labels) > MAX_OPTIONS:
            problems.append(_l("Tối đa 30 phương án."))
        if any(len(label) > MAX_OPTION_LENGTH for label in labels):
            problems.append(_l("Mỗi phương án dài tối đa 300 ký tự."))
        if len({label.casefold() for label in labels}) != len(labels):
            problems.append(_l("Có phương án bị lặp lại."))
        self.options.errors = list(self.options.errors) + problems
        bounds_ok = kind is not QuestionKind.MULTIPLE or self._validate_bounds(labels)
        return not problems and bounds_ok

    def _validate_bounds(self, labels: list[str]) -> bool:
        if self.min_choices.errors or self.max_choices.errors:
            return False
        picks = len(labels) + (1 if self.allow_other.data else 0)
        low, high = self.min_choices.data, self.max_choices.data
        ok = True
        if low is not None and high is not None and low > high:
            self.min_choices.errors.append(_l("“Chọn ít nhất” không được lớn hơn “Chọn nhiều nhất”."))
            ok = False
        for bound in (self.min_choices, self.max_choices):
            if bound.data is not None and labels and bound.data > picks:
                bound.errors.append(_l("Chỉ có %(count)s lựa chọn.", count=picks))
                ok = False
        return ok

    def draft(self) -> QuestionDraft:
        """The validated input as a draft for the services."""
        return QuestionDraft(
            kind=QuestionKind(self.kind.data), prompt=self.prompt.data, help_text=self.help_text.data or "",
            required=bool(self.required.data), options=self.option_labels, allow_other=bool(self.allow_other.data),
            min_choices=self.min_choices.data, max_choices=self.max_choices.data,
            rating_low_label=self.rating_low_label.data or "", rating_high_label=self.rating_high_label.data or "",
        )

    def fill_from(self, question) -> QuestionForm:
        """Prefill from a stored question (GET of the edit form)."""
        self.kind.data = question.kind.value
        self.prompt.data = question.prompt
        self.help_text.data = question.help_text
        self.required.data = question.required
        self.options.data = "\n".join(option.label for option in question.options)
        self.allow_other.data = question.allow_other
        self.min_choices.data = question.min_choices
        self.max_choices.data = question.max_choices
        self.rating_low_label.data = question.rating_low_label
        self.rating_high_label.data = question.rating_high_label
        return self


class ConfirmForm(Form):
    """A button that posts (CSRF only)."""
