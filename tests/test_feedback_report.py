"""The monthly report: its numbers against a direct computation over seeded data, overdue
across month ends, the page (with bad month input), the XLSX download, the public summary."""
from __future__ import annotations

import io
import random
import re
import statistics
from collections import Counter
from datetime import date, datetime, time, timedelta, timezone

import pytest
from openpyxl import load_workbook

from consult.extensions import db
from consult.feedback.months import ReportInputError, next_month, parse_month, previous_month
from consult.feedback.report import monthly_report, month_totals
from consult.feedback.report_data import Counts
from consult.models import Feedback, FeedbackChannel, FeedbackStatus, Role
from consult.timeutil import local_midnight, local_today, local_zone, to_local, utcnow
from tests.conftest import login_as
from tests.factories import make_commune, make_feedback, make_feedback_category

CLOSED = (FeedbackStatus.RESOLVED, FeedbackStatus.REJECTED)


def _at(day: date, hour: int = 9) -> datetime:
    """A local wall-clock moment as aware UTC."""
    return datetime.combine(day, time(hour), tzinfo=local_zone()).astimezone(timezone.utc)


@pytest.fixture
def category(app):
    make_commune()
    made = make_feedback_category("Hạ tầng – giao thông")
    db.session.commit()
    return made


# --- overdue across month ends -----------------------------------------------------------

def test_overdue_is_judged_at_each_month_s_end(category, hamlets, users):
    item = make_feedback(category, hamlets[0], received_at=_at(date(2026, 1, 20)), due_on=date(2026, 2, 4))
    db.session.commit()
    later = _at(date(2026, 3, 15))
    january = monthly_report(date(2026, 1, 1), now=later).totals
    february = monthly_report(date(2026, 2, 1), now=later).totals
    assert january == Counts(received=1, resolved=0, rejected=0, open=1, overdue=0)  # not yet due on 31/01
    assert february == Counts(received=0, resolved=0, rejected=0, open=1, overdue=1)  # past due on 28/02

    item.status, item.resolved_at, item.public_answer = FeedbackStatus.RESOLVED, _at(date(2026, 2, 10)), "Đã sửa."
    db.session.commit()
    assert monthly_report(date(2026, 2, 1), now=later).totals == Counts(0, 1, 0, 0, 0)
    # January's end is unchanged by what happened later: it was open then, and not yet due.
    assert monthly_report(date(2026, 1, 1), now=later).totals == Counts(1, 0, 0, 1, 0)
    resolved = monthly_report(date(2026, 2, 1), now=later).resolved_items
    assert [(entry.days, entry.on_time) for entry in resolved] == [(21, False)]


def test_due_on_the_last_day_is_overdue_at_the_month_s_end(category):
    make_feedback(category, received_at=_at(date(2026, 1, 16)), due_on=date(2026, 1, 31))
    make_feedback(category, received_at=_at(date(2026, 1, 17)), due_on=date(2026, 2, 1))
    db.session.commit()
    totals = monthly_report(date(2026, 1, 1), now=_at(date(2026, 5, 1))).totals
    assert (totals.open, totals.overdue) == (2, 1)


def test_in_the_running_month_the_cut_off_is_now(category):
    today = date(2026, 3, 15)
    make_feedback(category, received_at=_at(date(2026, 3, 1)), due_on=date(2026, 3, 14))  # due yesterday
    make_feedback(category, received_at=_at(date(2026, 3, 2)), due_on=date(2026, 3, 15))  # due today
    make_feedback(category, received_at=_at(date(2026, 3, 20)), due_on=date(2026, 4, 4))  # not yet received
    db.session.commit()
    report = monthly_report(date(2026, 3, 1), now=_at(today, 10))
    assert not report.complete
    assert report.totals == Counts(received=2, resolved=0, rejected=0, open=2, overdue=1)


# --- the numbers equal a direct computation ---------------------------------------------

@pytest.fixture
def seeded(app, hamlets):
    """Sixty items over four months in every state, channel, hamlet (or none) and category."""
    make_commune()
    rng = random.Random(20260401)
    categories = [make_feedback_category(name) for name in ("Đời sống dân sinh", "Môi trường", "An ninh trật tự")]
    now = _at(date(2026, 4, 10), 15)
    items = []
    for n in range(60):
        received = _at(date(2025, 12, 1) + timedelta(days=rng.randrange(125)), rng.randrange(6, 22))
        if received >= now:
            received = now - timedelta(hours=rng.randrange(1, 48))
        status = rng.choice(list(FeedbackStatus))
        closed_at = None
        if status in CLOSED:
            closed_at = min(received + timedelta(days=rng.randrange(0, 40), hours=rng.randrange(0, 8)), now)
        items.append(make_feedback(
            rng.choice(categories), rng.choice([*hamlets, None]), status=status.value, received_at=received,
            resolved_at=closed_at, due_on=to_local(received).date() + timedelta(days=rng.choice((7, 15, 30))),
            channel=rng.choice(list(FeedbackChannel)), public_answer="Trả lời." if status is FeedbackStatus.RESOLVED else "",
            title=f"Phản ánh {n}",
        ))
    db.session.commit()
    return {"items": items, "now": now, "categories": categories}


def _direct(items: list[Feedback], month: date, now: datetime, key=lambda item: None) -> dict:
    """The definitions, applied one item at a time in Python."""
    start, end = local_midnight(month), local_midnight(next_month(month))
    cut_off = min(end, now)
    cut_off_day = to_local(cut_off).date()
    counts: dict = {}

    def bump(item, field):
        counts.setdefault(key(item), Counter())[field] += 1

    for item in items:
        if start <= item.created_at < cut_off:
            bump(item, "received")
        if item.status in CLOSED and start <= item.resolved_at < cut_off:
            bump(item, item.status.value)
        if item.created_at < cut_off and (item.status not in CLOSED or item.resolved_at >= cut_off):
            bump(item, "open")
            if item.due_on < cut_off_day:
                bump(item, "overdue")
    return {group: Counts(c["received"], c["resolved"], c["rejected"], c["open"], c["overdue"])
            for group, c in counts.items()}


@pytest.mark.parametrize("month", [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1),
                                   date(2026, 4, 1)])
def test_the_report_equals_a_direct_computation(seeded, month):
    items, now = seeded["items"], seeded["now"]
    report = monthly_report(month, now=now)
    assert report.totals == _direct(items, month, now).get(None, Counts())
    assert report.totals.any()

    by_category = _direct(items, month, now, key=lambda item: item.category.name)
    assert {row.label: row.counts for row in report.by_category} == by_category
    by_hamlet = _direct(items, month, now, key=lambda item: item.hamlet.name if item.hamlet else "Không rõ thôn, xóm")
    assert {row.label: row.counts for row in report.by_hamlet} == by_hamlet
    by_channel = _direct(items, month, now, key=lambda item: item.channel.label)
    assert {row.label: row.counts for row in report.by_channel} == by_channel

    start, end = local_midnight(month), min(local_midnight(next_month(month)), now)
    resolved = sorted((item for item in items if item.status is FeedbackStatus.RESOLVED
                       and start <= item.resolved_at < end), key=lambda item: (item.resolved_at, item.id))
    assert [entry.number for entry in report.resolved_items] == [item.id for item in resolved]
    days = [(to_local(item.resolved_at).date() - to_local(item.created_at).date()).days for item in resolved]
    assert [entry.days for entry in report.resolved_items] == days
    if days:
        assert report.average_days == round(statistics.fmean(days), 1)
        assert report.median_days == statistics.median(days)
        assert report.on_time == sum(1 for item in resolved if to_local(item.resolved_at).date() <= item.due_on)
    else:
        assert report.average_days is None and report.median_days is None


def test_several_months_in_one_query_give_the_same_numbers(seeded):
    months = [date(2026, 4, 1), date(2026, 3, 1), date(2026, 2, 1), date(2026, 1, 1)]
    assert month_totals(months, now=seeded["now"]) == [
        monthly_report(month, now=seeded["now"]).totals for month in months]


def test_a_hamlet_s_report_is_that_hamlet_s_share(seeded, hamlets):
    month, now = date(2026, 2, 1), seeded["now"]
    scoped = monthly_report(month, hamlet=hamlets[1], now=now)
    mine = [item for item in seeded["items"] if item.hamlet_id == hamlets[1].id]
    assert scoped.totals == _direct(mine, month, now).get(None, Counts())
    assert [row.label for row in scoped.by_hamlet] in ([], ["Xóm 2"])


# --- months -----------------------------------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("2026-04", date(2026, 4, 1)), ("2026-4", date(2026, 4, 1)), ("04/2026", date(2026, 4, 1)),
    (" 4/2026 ", date(2026, 4, 1)), ("", date(2026, 5, 1)), (None, date(2026, 5, 1)),
])
def test_months_are_read_as_typed(typed, expected):
    assert parse_month(typed, today=date(2026, 5, 20)) == expected


@pytest.mark.parametrize("typed, message", [
    ("2026-13", "không có thật"), ("tháng tư", "không đúng dạng"), ("2026-06", "chưa đến"),
    ("1999-12", "không có thật"), ("2026-04-01", "không đúng dạng"),
])
def test_bad_months_are_explained(app, typed, message):
    with pytest.raises(ReportInputError, match=message):
        parse_month(typed, today=date(2026, 5, 20))


def test_month_arithmetic_crosses_years():
    assert next_month(date(2025, 12, 1)) == date(2026, 1, 1)
    assert previous_month(date(2026, 1, 1)) == date(2025, 12, 1)


# --- the page, the download, the public summary --------------------------------------------

@pytest.fixture
def last_month(category, hamlets):
    """Items in last month (the route uses the real clock)."""
    first = previous_month(local_today().replace(day=1))
    answered = make_feedback(category, hamlets[0], received_at=_at(first + timedelta(days=2)),
                             status="resolved", resolved_at=_at(first + timedelta(days=5)),
                             public_answer="Đã **sửa** đèn.", title="Đèn hỏng", due_on=first + timedelta(days=17))
    make_feedback(category, hamlets[1], received_at=_at(first + timedelta(days=3)), due_on=first + timedelta(days=6))
    make_feedback(category, None, received_at=_at(first + timedelta(days=4)), status="rejected",
                  resolved_at=_at(first + timedelta(days=4), 15), reject_reason="Trùng.")
    db.session.commit()
    return first, answered


def test_the_report_page_shows_numbers_tables_answers_and_definitions(client, users, last_month):
    first, answered = last_month
    login_as(client, users[Role.COUNCIL])
    response = client.get("/staff/feedback/report", query_string={"month": first.strftime("%Y-%m")})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f"tháng {first.month:02d}/{first.year}" in html
    for figure in ("<b>3</b>Tiếp nhận trong tháng", "<b>1</b>Đã giải quyết", "<b>1</b>Không xử lý",
                   "<b>1</b>Còn tồn cuối kỳ", "<b>1</b>Trong đó quá hạn", "<b>1</b>Giải quyết đúng hạn",
                   "<b>3,0</b>Số ngày giải quyết trung bình", "<b>3,0</b>Số ngày giải quyết (trung vị)"):
        assert figure in html
    assert "Theo lĩnh vực" in html and "Theo thôn, xóm" in html and "Không rõ thôn, xóm" in html
    assert "Đèn hỏng" in html and "<strong>sửa</strong>" in html
    assert "Quá hạn: trong số còn tồn" in html  # the definitions are on the page
    assert f"report.xlsx?month={first:%Y-%m}" in html


@pytest.mark.parametrize("typed, message", [
    ("2026-13", "không có thật"), ("abc", "không đúng dạng"), ("2999-01", "chưa đến"),
])
def test_a_bad_month_gets_a_message_not_an_error(client, users, typed, message):
    login_as(client, users[Role.MODERATOR])
    for url in ("/staff/feedback/report", "/staff/feedback/report.xlsx"):
        response = client.get(url, query_string={"month": typed})
        assert response.status_code == 422
        html = response.get_data(as_text=True)
        assert message in html and f'value="{typed}"' in html


def test_the_xlsx_download(client, users, last_month):
    first, answered = last_month
    login_as(client, users[Role.COUNCIL])
    response = client.get("/staff/feedback/report.xlsx", query_string={"month": first.strftime("%Y-%m")})
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert f'filename="bao-cao-phan-anh-{first:%Y-%m}.xlsx"' in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Tổng hợp", "Theo lĩnh vực", "Theo thôn, xóm", "Theo kênh tiếp nhận",
                               "Phản ánh đã giải quyết", "Cách tính"]
    for sheet in book.worksheets[:-1]:
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet.column_dimensions["A"].width >= 7
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert summary["Tiếp nhận trong tháng"] == 3 and summary["Còn tồn cuối kỳ"] == 1
    resolved = book["Phản ánh đã giải quyết"]
    assert [cell.value for cell in resolved[1]][:3] == ["Số", "Ngày nhận", "Ngày trả lời"]
    number, received, answered_on = (resolved.cell(row=2, column=c) for c in (1, 2, 3))
    assert number.value == answered.id
    assert isinstance(received.value, datetime) and received.value.date() == first + timedelta(days=2)
    assert received.number_format == "DD/MM/YYYY" and answered_on.number_format == "DD/MM/YYYY"
    assert resolved.cell(row=2, column=10).value == "Đã **sửa** đèn."
    totals = book["Theo lĩnh vực"]
    assert [cell.value for cell in totals[totals.max_row]] == ["Tổng cộng", 3, 1, 1, 1, 1]


def test_a_hamlet_officer_s_report_covers_their_hamlet(client, users, last_month, hamlets):
    first, _ = last_month
    login_as(client, users[Role.HAMLET_OFFICER])  # Xóm 2: one open, overdue item
    html = client.get("/staff/feedback/report", query_string={"month": first.strftime("%Y-%m")}).get_data(as_text=True)
    assert "Xóm 2" in html and "<b>1</b>Tiếp nhận trong tháng" in html and "Đèn hỏng" not in html


def test_the_public_summary_shows_the_same_numbers_as_the_staff_report(client, last_month):
    first, _ = last_month
    html = client.get("/feedback/public").get_data(as_text=True)
    for month in (first, local_today().replace(day=1)):
        row = re.search(rf"<th scope=\"row\">{month.month:02d}/{month.year}</th>(.*?)</tr>", html).group(1)
        shown = [int(value) for value in re.findall(r'<td class="num">(\d+)</td>', row)]
        totals = monthly_report(month).totals
        assert shown == [totals.received, totals.resolved, totals.rejected, totals.open, totals.overdue]
    assert "Quá hạn: trong số còn tồn" in html


def test_counts_are_zero_not_missing_for_an_empty_month(app):
    assert month_totals([date(2020, 1, 1)]) == [Counts()]
    report = monthly_report(date(2020, 1, 1))
    assert report.totals == Counts() and report.by_category == [] and report.average_days is None
    assert utcnow() > report.as_of and report.complete
