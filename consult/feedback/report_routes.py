"""Routes, staff side: /staff/feedback/report (the monthly report), /report.xlsx,
/categories (list, add, install the defaults), /categories/<id> (edit)."""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from consult.i18n import gettext as _
from flask_login import current_user

from consult import audit
from consult.extensions import db
from consult.feedback import staff_bp as bp
from consult.feedback.categories import CategoryError, add_category, categories_with_usage, update_category
from consult.feedback.months import ReportInputError, next_month, parse_month, previous_month
from consult.feedback.report import monthly_report
from consult.feedback.services import install_default_categories
from consult.feedback.staff_forms import CategoryForm
from consult.feedback.xlsx import report_workbook
from consult.models import FeedbackCategory, Hamlet
from consult.permissions import Permission, hamlet_scope, require
from consult.spreadsheet import XLSX_TYPE
from consult.timeutil import local_today



def _report_or_error():
    """The report of ?month= (limited to an officer's hamlet), or the reason there is none."""
    try:
        month = parse_month(request.args.get("month"))
    except ReportInputError as error:
        return None, str(error)
    scope = hamlet_scope(current_user)
    hamlet = db.session.get(Hamlet, scope) if scope is not None else None
    return monthly_report(month, hamlet=hamlet), ""


@bp.route("/report")
@require(Permission.FEEDBACK_VIEW)
def report():
    """The monthly report: numbers, by category, hamlet and channel, days to resolve, the answers."""
    data, error = _report_or_error()
    context = {"report": data, "error": error, "typed": request.args.get("month", "")[:20]}
    if data is not None:
        context["previous"] = previous_month(data.month)
        context["next"] = next_month(data.month) if next_month(data.month) <= local_today() else None
    return render_template("feedback/staff/report.html", **context), 422 if error else 200


@bp.route("/report.xlsx")
@require(Permission.FEEDBACK_VIEW)
def report_xlsx():
    """The monthly report as a spreadsheet."""
    data, error = _report_or_error()
    if data is None:
        return render_template("feedback/staff/report.html", report=None, error=error,
                               typed=request.args.get("month", "")[:20]), 422
    filename = f"bao-cao-phan-anh-{data.month:%Y-%m}.xlsx"
    return Response(report_workbook(data), mimetype=XLSX_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
    })


@bp.route("/categories", methods=["GET", "POST"])
@require(Permission.SETTINGS_MANAGE)
def categories():
    """The categories residents choose from; add one."""
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            category = add_category(form.name.data, due_days=form.due_days.data, position=form.position.data,
                                    active=form.active.data)
        except CategoryError as error:
            form.name.errors.append(str(error))
        else:
            audit.record("feedback.category_add", category, name=category.name, due_days=category.due_days)
            db.session.commit()
            flash(_("Đã thêm lĩnh vực “%(name)s”.", name=category.name), "success")
            return redirect(url_for("feedback_staff.categories"), 303)
    return render_template(
        "feedback/staff/categories.html", rows=categories_with_usage(), form=form,
    ), 422 if form.errors else 200


@bp.route("/categories/defaults", methods=["POST"])
@require(Permission.SETTINGS_MANAGE)
def categories_install():
    """Add the standard categories that are missing."""
    added = install_default_categories()
    if added:
        audit.record("feedback.categories_install", codes=[category.code for category in added])
    db.session.commit()
    flash(_("Đã thêm %(n)s lĩnh vực mặc định.", n=len(added)), "success")
    return redirect(url_for("feedback_staff.categories"), 303)


@bp.route("/categories/<int:category_id>", methods=["GET", "POST"])
@require(Permission.SETTINGS_MANAGE)
def category_edit(category_id: int):
    """Rename a category, change its days to answer and its order, (de)activate it; never delete."""
    category = db.get_or_404(FeedbackCategory, category_id)
    form = CategoryForm(obj=category if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            changes = update_category(category, name=form.name.data, due_days=form.due_days.data,
                                      position=form.position.data, active=form.active.data)
        except CategoryError as error:
            form.name.errors.append(str(error))
        else:
            audit.record("feedback.category_update", category, changes=changes)
            db.session.commit()
            flash(_("Đã lưu lĩnh vực “%(name)s”.", name=category.name), "success")
            return redirect(url_for("feedback_staff.categories"), 303)
    return render_template("feedback/staff/category_edit.html", category=category, form=form), \
        422 if form.errors else 200
