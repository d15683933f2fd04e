"""The export page's two forms: the Word report (issuer, number, date, signer, recipients,
conclusion), and the data files (workbook or CSV, with contact details only for admins)."""
from __future__ import annotations

from consult.i18n import gettext as _
from consult.i18n import lazy_gettext as _l
from wtforms import BooleanField, RadioField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional, ValidationError

from consult.exports.options import Issuer, ReportOptions, SignerCapacity
from consult.forms import Form, LocalDateField
from consult.models import CommuneSettings, Consultation, Organiser

#: Longest "Nơi nhận" list, in lines.
MAX_RECIPIENTS = 20

#: The signers a report may carry: (issuer, capacity) in the order the form offers them.
SIGNERS = [
    (Issuer.UBND, SignerCapacity.CHAIR),
    (Issuer.UBND, SignerCapacity.VICE_CHAIR),
    (Issuer.MTTQ, SignerCapacity.CHAIR),
    (Issuer.MTTQ, SignerCapacity.VICE_CHAIR),
]

#: What the data form can produce: (value of the button, file extension).
DATA_FORMATS = {"xlsx": "xlsx", "comments_csv": "csv", "answers_csv": "csv"}


def signer_key(issuer: Issuer, capacity: SignerCapacity) -> str:
    return f"{issuer.value}:{capacity.value}"


def signer_name(settings: CommuneSettings, issuer: Issuer, capacity: SignerCapacity) -> str:
    """The name commune settings give for a body's chair or vice chair."""
    return getattr(settings, f"{issuer.value}_{capacity.value}", "") or ""


def _signer_label(settings: CommuneSettings, issuer: Issuer, capacity: SignerCapacity) -> str:
    body = _("UBND xã") if issuer is Issuer.UBND else _("Ủy ban MTTQ xã")
    role = _("Chủ tịch (TM.)") if capacity is SignerCapacity.CHAIR else _("Phó Chủ tịch (KT. Chủ tịch)")
    name = signer_name(settings, issuer, capacity) or _("chưa có tên trong cài đặt")
    return f"{body} — {role}: {name}"


def _subject(consultation: Consultation) -> str:
    """The title as it reads after "đối với": "Dự thảo Nghị quyết …" → "dự thảo Nghị quyết …"."""
    subject = consultation.title
    if subject[:1].isupper() and subject[1:2].islower():
        subject = subject[0].lower() + subject[1:]
    return subject


def default_title(consultation: Consultation) -> str:
    """"Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân đối với dự thảo …"."""
    return _("Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân đối với %(subject)s", subject=_subject(consultation))


def default_conclusion(consultation: Consultation, settings: CommuneSettings, issuer: Issuer) -> str:
    """The customary closing sentence, which staff complete or replace."""
    return _("Trên đây là báo cáo tổng hợp, tiếp thu, giải trình ý kiến Nhân dân đối với %(subject)s của %(body)s./.",
             subject=_subject(consultation), body=settings.body_name(issuer.value) or settings.full_name)


class ReportForm(Form):
    """The Word report's choices, prefilled from commune settings (see report_form)."""

    signer = RadioField(_l("Cơ quan ban hành và người ký"), validators=[InputRequired(_l("Hãy chọn người ký."))])
    signer_other = StringField(
        _l("Tên người ký (nếu khác tên trong cài đặt)"), validators=[Length(max=100)],
    )
    number = StringField(_l("Số văn bản"), validators=[Optional(), Length(max=20)])
    issued_on = LocalDateField(_l("Ngày ban hành"), validators=[InputRequired(_l("Hãy chọn ngày ban hành."))])
    title = TextAreaField(
        _l("Trích yếu (dòng dưới chữ BÁO CÁO)"),
        validators=[DataRequired(_l("Hãy nhập trích yếu của báo cáo.")), Length(max=500)],
    )
    recipients = TextAreaField(
        _l("Nơi nhận (mỗi dòng một nơi)"),
        validators=[DataRequired(_l("Hãy ghi ít nhất một nơi nhận.")), Length(max=2000)],
    )
    conclusion = TextAreaField(_l("Kết luận, kiến nghị"), validators=[Optional(), Length(max=10000)])

    def validate_signer_other(self, field) -> None:
        """A name must come from the form or from commune settings (no Optional(): runs when empty)."""
        issuer, capacity = self.chosen_signer()
        if issuer is not None and not field.data and not signer_name(self.settings, issuer, capacity):
            raise ValidationError(_("Cài đặt xã chưa có tên người ký này; hãy nhập tên người ký."))

    def validate_recipients(self, field) -> None:
        if len(self.recipient_lines()) > MAX_RECIPIENTS:
            raise ValidationError(_("Nơi nhận tối đa %(count)d dòng.", count=MAX_RECIPIENTS))

    def chosen_signer(self) -> tuple[Issuer | None, SignerCapacity | None]:
        for issuer, capacity in SIGNERS:
            if self.signer.data == signer_key(issuer, capacity):
                return issuer, capacity
        return None, None

    def recipient_lines(self) -> list[str]:
        """Lines without the dash and the ending punctuation staff may have typed."""
        lines = (line.strip().lstrip("-–•").strip().rstrip(";.").strip() for line in (self.recipients.data or "").splitlines())
        return [line for line in lines if line]

    def options(self) -> ReportOptions:
        """The validated choices for the document builder."""
        issuer, capacity = self.chosen_signer()
        return ReportOptions(
            issuer=issuer,
            issuer_name=self.settings.body_name(issuer.value),
            number=self.number.data or "",
            place=self.settings.place_name or self.settings.name,
            issued_on=self.issued_on.data,
            title=self.title.data,
            signer_name=self.signer_other.data or signer_name(self.settings, issuer, capacity),
            signer_capacity=capacity,
            recipients=self.recipient_lines(),
            conclusion=self.conclusion.data or "",
        )


def report_form(consultation: Consultation, settings: CommuneSettings, today, formdata=None) -> ReportForm:
    """The report form, bound to a POST or prefilled: the organiser's chair signs, today's date."""
    issuer = Issuer.MTTQ if consultation.organiser is Organiser.MTTQ else Issuer.UBND
    form = ReportForm(
        formdata=formdata,
        signer=signer_key(issuer, SignerCapacity.CHAIR),
        issued_on=today,
        title=default_title(consultation),
        recipients=settings.report_recipients,
        conclusion=default_conclusion(consultation, settings, issuer),
    )
    form.settings = settings
    form.signer.choices = [
        (signer_key(issuer, capacity), _signer_label(settings, issuer, capacity)) for issuer, capacity in SIGNERS
    ]
    return form


class DataForm(Form):
    """Which data file, and (admins only) whether to include residents' contact details and why."""

    format = StringField(validators=[InputRequired(), AnyOf(list(DATA_FORMATS))])
    include_contacts = BooleanField(_l("Kèm thông tin liên hệ (họ tên, điện thoại, thư điện tử)"))
    contact_reason = TextAreaField(
        _l("Lý do cần thông tin liên hệ"), validators=[Length(max=1000)],
    )

    def validate_contact_reason(self, field) -> None:
        """Required once contacts are asked for (no Optional(): runs when empty)."""
        if self.include_contacts.data and not field.data:
            raise ValidationError(_("Hãy ghi lý do cần thông tin liên hệ; lý do được ghi vào nhật ký."))
