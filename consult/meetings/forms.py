"""The tally form: the meeting, then one line of counts per article and one for the whole draft."""
from __future__ import annotations

from dataclasses import dataclass

from consult.i18n import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from consult.forms import Form, LocalDateField, WholeNumberField
from consult.meetings.services import TallyData
from consult.timeutil import local_today

STANCES = ("agree", "disagree", "other")
MAX_ATTENDEES = 100_000


@dataclass(frozen=True)
class LineSpec:
    """One line of the form: its key in field names, its label and the article it counts (None = whole draft)."""

    key: str
    label: str
    article_id: int | None


class TallyForm(Form):
    """The meeting itself; the count lines are added per consultation by `tally_form`."""

    hamlet_id = SelectField(_l("Thôn/xóm"), coerce=int)
    held_on = LocalDateField(_l("Ngày họp"), validators=[InputRequired(_l("Hãy nhập ngày họp."))])
    title = StringField(_l("Hội nghị, nơi họp"), validators=[
        Optional(), Length(max=200, message=_l("Tối đa 200 ký tự.")),
    ])
    attendees = WholeNumberField(_l("Số người dự họp"), validators=[
        InputRequired(_l("Hãy nhập số người dự họp.")),
        NumberRange(min=1, max=MAX_ATTENDEES, message=_l("Số người dự họp phải từ 1 đến 100.000.")),
    ])
    remarks = TextAreaField(_l("Ý kiến chung ghi trong biên bản"), validators=[
        Optional(), Length(max=10_000, message=_l("Tối đa 10.000 ký tự.")),
    ])

    line_specs: list[LineSpec] = []

    def field_of(self, spec: LineSpec, stance: str):
        return self[f"{spec.key}_{stance}"]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.held_on.data and self.held_on.data > local_today():
            self.held_on.errors.append(_l("Ngày họp không được sau hôm nay."))
            valid = False
        attendees = self.attendees.data if not self.attendees.errors else None
        for spec in self.line_specs:
            counts = [self.field_of(spec, stance) for stance in STANCES]
            if any(field.errors for field in counts) or attendees is None:
                continue
            total = sum(field.data or 0 for field in counts)
            if total > attendees:
                counts[0].errors.append(_l(
                    "%(line)s: tổng %(total)s người (tán thành + không tán thành + ý kiến khác) nhiều hơn số người dự họp (%(attendees)s).",
                    line=spec.label, total=total, attendees=attendees,
                ))
                valid = False
        return valid

    def data_for_service(self) -> TallyData:
        """The validated tally; lines left empty are not stored."""
        lines = {}
        for spec in self.line_specs:
            counts = tuple(self.field_of(spec, stance).data for stance in STANCES)
            if any(value is not None for value in counts):
                lines[spec.article_id] = tuple(value or 0 for value in counts)
        return TallyData(
            hamlet_id=self.hamlet_id.data or None, held_on=self.held_on.data, title=self.title.data or "",
            attendees=self.attendees.data, remarks=self.remarks.data or "", lines=lines,
        )

    def fill_from(self, tally) -> TallyForm:
        """Prefill from a stored tally (GET of the edit form)."""
        self.hamlet_id.data = tally.hamlet_id or 0
        self.held_on.data = tally.held_on
        self.title.data = tally.title
        self.attendees.data = tally.attendees
        self.remarks.data = tally.remarks
        by_article = {line.article_id: line for line in tally.lines}
        for spec in self.line_specs:
            line = by_article.get(spec.article_id)
            if line is not None:
                for stance in STANCES:
                    self.field_of(spec, stance).data = getattr(line, stance)
        return self


_STANCE_LABELS = {"agree": _l("Tán thành"), "disagree": _l("Không tán thành"), "other": _l("Ý kiến khác")}


def tally_form(consultation, hamlet_choices, **kwargs) -> TallyForm:
    """A tally form with a line per article of `consultation` and one for the whole draft."""
    specs = [LineSpec(f"a{article.id}", article.title, article.id) for article in consultation.articles]
    specs.append(LineSpec("general", str(_l("Toàn bộ dự thảo")), None))

    class ConsultationTallyForm(TallyForm):
        line_specs = specs

    for spec in specs:
        for stance in STANCES:
            setattr(ConsultationTallyForm, f"{spec.key}_{stance}", WholeNumberField(
                _STANCE_LABELS[stance], validators=[
                    Optional(), NumberRange(min=0, max=MAX_ATTENDEES, message=_l("Nhập một số từ 0 trở lên.")),
                ],
            ))
    form = ConsultationTallyForm(**kwargs)
    form.hamlet_id.choices = hamlet_choices
    return form


class ConfirmForm(Form):
    """A button that posts (CSRF only)."""
