"""/q/<code>: a scan is counted (per point, per local day; no cookie, no personal data),
then the resident lands on the consultation's form for that point's hamlet."""
from __future__ import annotations

import http.client
import threading
from datetime import date
from urllib.parse import urlsplit

import pytest

from consult.extensions import db
from consult.models import QrScanDay
from tests.factories import make_consultation, make_point


@pytest.fixture
def point(app, hamlets):
    consultation = make_consultation("du-thao-quy-che-van-hoa")
    made = make_point(consultation, hamlet=hamlets[2], code="7K3MQ2")
    db.session.commit()
    return made


def _scans(point) -> dict[date, int]:
    rows = db.session.execute(db.select(QrScanDay.day, QrScanDay.scans).where(QrScanDay.point_id == point.id))
    return dict(rows.all())


def test_a_scan_is_counted_and_opens_the_form_for_the_points_hamlet(client, point):
    response = client.get("/q/7K3MQ2")
    assert response.status_code == 303
    assert response.headers["Location"] == "/c/du-thao-quy-che-van-hoa?qr=7K3MQ2"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    assert list(_scans(point).values()) == [1]
    client.get("/q/7K3MQ2")
    assert list(_scans(point).values()) == [2]


def test_codes_are_read_in_any_case(client, point):
    response = client.get("/q/7k3mq2")
    assert response.status_code == 303 and response.headers["Location"].endswith("?qr=7K3MQ2")
    assert list(_scans(point).values()) == [1]


def test_each_local_day_has_its_own_counter(client, point, monkeypatch):
    client.get("/q/7K3MQ2")
    monkeypatch.setattr("consult.qr.services.local_today", lambda: date(2099, 4, 13))
    client.get("/q/7K3MQ2")
    client.get("/q/7K3MQ2")
    scans = _scans(point)
    assert scans[date(2099, 4, 13)] == 2 and sum(scans.values()) == 3


@pytest.mark.parametrize("code", ["ZZZZZZ", "khong-co-ma-nay", "7K3MQ", "<script>"])
def test_an_unknown_code_gets_a_friendly_page_without_a_cookie(client, point, code):
    response = client.get(f"/q/{code}")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Không tìm thấy mã QR này" in html and 'href="/"' in html
    assert "<script>" not in html
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert _scans(point) == {}


def test_a_stopped_point_or_an_unpublished_consultation_counts_nothing(client, point, hamlets):
    point.active = False
    draft = make_consultation("ban-nhap", state="draft")
    make_point(draft, hamlet=hamlets[0], code="AB12CD")
    db.session.commit()
    assert client.get("/q/7K3MQ2").status_code == 404
    assert client.get("/q/AB12CD").status_code == 404
    assert db.session.execute(db.select(QrScanDay)).first() is None


def test_a_closed_consultation_still_counts_and_leads_to_its_page(client, hamlets):
    closed = make_consultation("da-dong", state="closed")
    make_point(closed, code="QQ22RR")
    db.session.commit()
    response = client.get("/q/QQ22RR")
    assert response.status_code == 303 and response.headers["Location"] == "/c/da-dong?qr=QQ22RR"


def test_concurrent_scans_never_lose_a_count(live_server, point):
    """A hall of residents scanning the same poster at once: every scan lands."""
    threads, per_thread = 8, 10
    host = urlsplit(live_server.url)
    failures: list[str] = []

    def scan_many():
        for _ in range(per_thread):
            connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
            try:
                connection.request("GET", "/q/7K3MQ2")
                response = connection.getresponse()
                response.read()
                if response.status != 303 or response.getheader("Set-Cookie"):
                    failures.append(f"{response.status} {response.getheader('Set-Cookie')}")
            finally:
                connection.close()

    workers = [threading.Thread(target=scan_many) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    db.session.commit()
    assert failures == []
    assert sum(_scans(point).values()) == threads * per_thread
