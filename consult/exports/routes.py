"""Routes: /staff/consultations/<slug>/export — the export page, the Word report and the data files.

Downloads are POSTs: each writes an audit entry (who exported what; with contact details, also
why), and no GET changes state. Council members and moderators may export everything but
residents' contact details, which only an admin may add, giving a reason.
"""
from __future__ import annotations

import tempfile

from flask import Response, abort, render_template, request, send_file, stream_with_context
from flask_login import current_user

from consult import audit
from consult.exports import bp, data, report_data
from consult.exports.forms import DATA_FORMATS, DataForm, report_form
from consult.exports.report import report_docx
from consult.extensions import db
from consult.i18n import in_vietnamese
from consult.models import Consultation, Submission, Validity
from consult.permissions import Permission, has_permission, require
from consult.responses.services import progress
from consult.results.services import pending_count
from consult.settings import commune
from consult.spreadsheet import XLSX_TYPE
from consult.timeutil import local_today
from sqlalchemy import func, select

BASE = "/staff/consultations/<slug>/export"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _consultation(slug: str) -> Consultation:
    return db.first_or_404(db.select(Consultation).where(Consultation.slug == slug))


def _summary(consultation: Consultation) -> dict:
    """What the page says before staff export: counted submissions, comments answered and waiting."""
    counts = progress(consultation)
    pending = pending_count(consultation)
    submissions = db.session.execute(
        select(func.count()).select_from(Submission)
        .where(Submission.consultation_id == consultation.id, Submission.validity == Validity.VALID)
    ).scalar_one()
    return {"submissions": submissions, "approved": counts["approved"], "answered": counts["answered"],
            "unanswered": counts["unanswered"], "pending": pending}


def _page(consultation: Consultation, report=None, data_form=None, status: int = 200):
    settings = commune()
    return render_template(
        "exports/form.html", consultation=consultation, summary=_summary(consultation),
        report_form=report or report_form(consultation, settings, local_today()),
        data_form=data_form or DataForm(formdata=None),
        may_include_contacts=has_permission(current_user, Permission.EXPORT_CONTACTS),
    ), status


def _filename(prefix: str, consultation: Consultation, extension: str) -> str:
    return f"{prefix}-{consultation.slug}.{extension}"


@bp.route(BASE)
@require(Permission.EXPORT)
def form(slug: str):
    """The export page: the report's choices and the data files."""
    return _page(_consultation(slug))


@bp.post(f"{BASE}/report")
@require(Permission.EXPORT)
def report(slug: str):
    """The Word report "Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân", ready to sign."""
    consultation = _consultation(slug)
    form = report_form(consultation, commune(), local_today(), formdata=request.form)
    if not form.validate():
        return _page(consultation, report=form, status=422)
    options = form.options()
    with in_vietnamese():  # an administrative document, whatever language the screen speaks
        body = report_docx(report_data.gather(consultation), options)
    audit.record("consultation.export", consultation, format="docx", issuer=options.issuer.value,
                 number=options.number, signer=options.signer_name)
    db.session.commit()
    return Response(body, mimetype=DOCX_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{_filename("bao-cao", consultation, "docx")}"',
    })


@bp.post(f"{BASE}/data")
@require(Permission.EXPORT)
def data_file(slug: str):
    """The workbook or a CSV; contact columns only for an admin who asked and said why."""
    consultation = _consultation(slug)
    form = DataForm(formdata=request.form)
    if not form.validate():
        return _page(consultation, data_form=form, status=422)
    contacts = bool(form.include_contacts.data)
    if contacts and not has_permission(current_user, Permission.EXPORT_CONTACTS):
        abort(403)
    kind = form.format.data
    audit.record("consultation.export", consultation, reason=form.contact_reason.data if contacts else "",
                 format=kind, include_contacts=contacts)
    db.session.commit()
    extension = DATA_FORMATS[kind]
    if kind == "xlsx":
        return _workbook(consultation, contacts)
    rows = data.comments_csv if kind == "comments_csv" else data.answers_csv
    prefix = "y-kien" if kind == "comments_csv" else "cau-tra-loi"
    return Response(stream_with_context(rows(consultation, include_contacts=contacts)), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{_filename(prefix, consultation, extension)}"',
    })


def _workbook(consultation: Consultation, contacts: bool):
    """The workbook is written to a temporary file (bounded memory) and sent from there."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - send_file closes it once sent
    try:
        data.write_workbook(consultation, out, include_contacts=contacts)
        out.seek(0)
    except BaseException:
        out.close()
        raise
    return send_file(out, mimetype=XLSX_TYPE, as_attachment=True,
                     download_name=_filename("du-lieu", consultation, "xlsx"))
