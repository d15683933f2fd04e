"""Routes: a consultation's official PDFs — upload and delete. (The whole URL map is in routes.py;
the public download is in consult/attachments.)"""
from __future__ import annotations

from flask import abort, flash, redirect, url_for
from consult.i18n import gettext as _
from flask_login import current_user

from consult import audit
from consult.attachments.storage import AttachmentError, read_upload, remove_file, store_pdf
from consult.extensions import db
from consult.models import Attachment
from consult.permissions import Permission, require
from consult.staff_consultations import bp
from consult.staff_consultations.forms import AttachmentForm, ConfirmForm
from consult.staff_consultations.hub import load_or_404, render_hub


@bp.route("/<slug>/attachments", methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def attachment_upload(slug: str):
    """Attach an official PDF (checked by content, at most 10 MB)."""
    consultation = load_or_404(slug)
    form = AttachmentForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            attachment = store_pdf(consultation, read_upload(upload.stream), upload.filename or "",
                                   form.title.data or "", current_user)
        except AttachmentError as error:
            form.file.errors.append(str(error))
        else:
            audit.record("attachment.upload", attachment, consultation_id=consultation.id,
                         filename=attachment.filename, size=attachment.size, sha256=attachment.sha256)
            try:
                db.session.commit()
            except Exception:
                remove_file(attachment.stored_name)  # the row is gone, so is the file
                raise
            flash(_("Đã đính kèm “%(title)s”.", title=attachment.title), "success")
            return redirect(url_for(".show", slug=consultation.slug, _anchor="attachments"), 303)
    return render_hub(consultation, 422, attachment_form=form)


@bp.route("/<slug>/attachments/<int:attachment_id>/delete", methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def attachment_delete(slug: str, attachment_id: int):
    """Remove an attachment and its file."""
    consultation = load_or_404(slug)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.consultation_id != consultation.id:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    stored_name, title = attachment.stored_name, attachment.title
    audit.record("attachment.delete", attachment, consultation_id=consultation.id,
                 filename=attachment.filename, title=attachment.title, sha256=attachment.sha256)
    db.session.delete(attachment)
    db.session.commit()
    remove_file(stored_name)  # only after the commit: a failed commit must leave the file in place
    flash(_("Đã gỡ tệp “%(title)s”.", title=title), "success")
    return redirect(url_for(".show", slug=consultation.slug, _anchor="attachments"), 303)
