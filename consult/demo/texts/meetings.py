"""Show-of-hands results of the hamlet meetings on the open draft resolution."""
from __future__ import annotations

from dataclasses import dataclass

from consult.demo.specs import nfc


@dataclass(frozen=True)
class TallyText:
    """One hamlet meeting: who attended and the hands raised per article (None = whole draft)."""

    hamlet: str
    days_ago: int
    title: str
    attendees: int
    remarks: str
    #: (article number or None, agree, disagree, other)
    lines: tuple[tuple[str | None, int, int, int], ...]
    #: The hamlet officer typed this one in; the commune's moderator typed the other.
    by_officer: bool = False


TALLIES = (
    TallyText(
        "X03", 3, nfc("Hội nghị lấy ý kiến Nhân dân Xóm 3 tại Nhà văn hóa Xóm 3"), 64,
        nfc(
            "Cử tri đề nghị nâng mức hỗ trợ Tổ công nghệ số lên 500.000 đồng/tháng; đề nghị nhà văn hóa mở cửa "
            "thêm sáng Chủ nhật. Nhiều ý kiến đề nghị ưu tiên kinh phí nạo vét mương tiêu úng của xóm trước "
            "khi mua sắm loa thông minh."
        ),
        ((None, 58, 2, 4), ("4", 41, 15, 8), ("5", 50, 6, 8), ("6", 55, 3, 6), ("8", 38, 20, 6)),
    ),
    TallyText(
        "X02", 2, nfc("Hội nghị lấy ý kiến Nhân dân Xóm 2 tại Nhà văn hóa Xóm 2"), 48,
        nfc(
            "Bà con đề nghị hạ độ tuổi người cao tuổi được hướng dẫn tận nhà xuống từ đủ 65 tuổi; các hộ làm "
            "nước mắm đề nghị hỗ trợ cước vận chuyển những đơn hàng đầu tiên trên sàn thương mại điện tử."
        ),
        ((None, 45, 0, 3), ("2", 30, 4, 14), ("6", 44, 0, 4), ("7", 40, 2, 6)),
        by_officer=True,
    ),
)
