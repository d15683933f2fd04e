"""Page weight: a 10-article draft with its whole form fits the first round trip (≤ 14 KB gzipped).

Measured as the server sends it to a client without Brotli: HTML and site.css each gzipped
at level 6 (Flask-Compress's COMPRESS_LEVEL), sizes added. Brotli, preferred by modern
phones, is smaller still.
"""
from __future__ import annotations

import gzip
import random
from pathlib import Path

from consult.extensions import db
from tests.factories import make_commune, make_consultation, make_hamlet, make_submission

BUDGET_BYTES = 14 * 1024
GZIP_LEVEL = 6
CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "site.css"

#: Syllables of the commune plans in ../shared/seeds, most frequent first. Articles are drawn
#: from them at random (fixed seed): unlike a repeated sample text, they compress no better
#: than a real draft, so the measure errs on the heavy side.
SYLLABLES = (
    "số các xã và công truyền dân của đổi tuyên tổ thông thực chức hội chuyển hiện vụ động triển tin người ban "
    "dụng chính trên khai trong viên trực tác hợp sử nhân bộ ủy phát mặt đoàn nghệ gia hướng về nghị quan hành "
    "trận học kế hoạch cán quả tiếp tạo hình chủ thanh dẫn thể việc địa dịch thức hoạt với điện thống năm theo "
    "cơ định nội vận dung cao có để tử tham lý bảo thành tuyến xây dựng nâng đảng quốc an quyết hiệu kết năng "
    "tại liệu trị mới nhận nền tảng cấp báo ứng nhiệm phối phòng xóm sáng sát mạng đồng cáo tế kinh góp phần "
    "quản phản thiết kiến được thôn ý hệ mục kỹ đảm bản phục văn bàn tháng cho phương đến chỉ hỗ trợ thường "
    "mạnh nước là hóa thời khoa doanh sản đẩy ngày cầu giám tiêu trình cộng trọng nhóm liên việt nam yêu điều "
    "cận đạo quyền tài trường dữ nhà qua mô trang đề trì đơn giá nghiệp toàn lập quy vị tục xuất từ tâm chuyên "
    "vai trò toán tập sách đánh pháp sinh nhất cụ như vào làm huy cập độ một sở tổng hộ tỉnh sự minh cách sơ "
    "trung tra kỳ ánh phí thủ lực từng phù môi không ghép phong cá quý đình đăng khối phẩm vực ninh đối rộng "
    "mềm hồ hiểu xử giải trương dùng hàng kịp dễ bài ít đột đích biện phân tầng bị sức lượng lồng trào kiểm chi "
    "khuyến khích tích tịch lĩnh sống khoản biết lan tỏa mỗi dõi tiến trách tăng cường gian chế tải xuyên chia "
    "sẻ điểm cổ hạ tính đặt thi lưu nhật luật chương cực duy mưu khỏe lễ phá đại cuộc nguồn kiện quá vi đầu "
    "giao cài chống mức hoàn đạt phổ danh do giáo huấn đời tiên thư chất cung án nơi ngắn đội bạch gắn phải tự"
).split()
ARTICLE_CHARS = 600


def article_body(rng: random.Random) -> str:
    """About 600 characters in three numbered clauses, like an article of a commune regulation."""
    clauses = []
    for clause in range(1, 4):
        words: list[str] = []
        while sum(len(word) + 1 for word in words) < ARTICLE_CHARS // 3 - 8:
            words.append(rng.choice(SYLLABLES))
        clauses.append(f"{clause}. {' '.join(words).capitalize()}.")
    return "\n\n".join(clauses)


HEADINGS = [
    "Phạm vi điều chỉnh", "Đối tượng áp dụng", "Giải thích từ ngữ", "Nguyên tắc thu gom", "Phân loại tại nguồn",
    "Thời gian và địa điểm thu gom", "Mức thu và đối tượng miễn giảm", "Trách nhiệm của thôn, xóm",
    "Khen thưởng và xử lý vi phạm", "Tổ chức thực hiện",
]


def test_a_ten_article_draft_with_its_form_fits_in_14_kb(app, client):
    make_commune(address="Xóm 5, xã Diễn Châu, tỉnh Nghệ An", hotline="0238 3862 123")
    hamlets = [make_hamlet(code=f"X{n:02d}", name=f"Xóm {n}") for n in range(1, 25)]
    consultation = make_consultation(
        "quy-dinh-thu-gom-rac", title="Dự thảo Quy định về thu gom, xử lý chất thải rắn sinh hoạt trên địa bàn xã",
        summary="Ủy ban nhân dân xã xin ý kiến Nhân dân về dự thảo Quy định thu gom, phân loại và mức thu giá dịch vụ "
                "thu gom chất thải rắn sinh hoạt, áp dụng từ năm 2026.",
        body_md="Thực hiện **Luật Thực hiện dân chủ ở cơ sở**, Ủy ban nhân dân xã công khai dự thảo để Nhân dân "
                "góp ý. Mỗi người có thể góp ý từng điều hoặc toàn bộ dự thảo.",
        articles=0,
    )
    from consult.models import Article

    rng = random.Random(2026)
    for n, heading in enumerate(HEADINGS, start=1):
        db.session.add(Article(consultation_id=consultation.id, position=n, number=str(n), label="Điều",
                               heading=heading, body=article_body(rng)))
    db.session.flush()
    db.session.refresh(consultation)
    assert all(550 <= len(article.body) <= 650 for article in consultation.articles)
    for n, article in enumerate(consultation.articles[:4]):
        make_submission(consultation, hamlet=hamlets[n], comments=[
            (article, "disagree", "Đề nghị giảm mức thu cho hộ chỉ có một người và hộ kinh doanh nhỏ lẻ trong xóm.", "approved"),
            (article, "agree", "", "approved"),
        ])
    db.session.commit()

    response = client.get("/c/quy-dinh-thu-gom-rac")
    assert response.status_code == 200
    html = response.get_data()
    assert html.count(b'<textarea id="c-') == 11 and html.count(b'<option value="') == 24 + 1 + 8
    html_gz = len(gzip.compress(html, compresslevel=GZIP_LEVEL))
    css_gz = len(gzip.compress(CSS.read_bytes(), compresslevel=GZIP_LEVEL))
    print(f"\n/c/<slug> of a 10-article draft: HTML {len(html)} B raw, {html_gz} B gzip-{GZIP_LEVEL}; "
          f"site.css {css_gz} B gzip-{GZIP_LEVEL}; total {html_gz + css_gz} B of {BUDGET_BYTES} B")
    assert html_gz + css_gz <= BUDGET_BYTES
