"""Xã Diễn Châu (Nghệ An): settings, hamlets, suggestion-box categories, staff, residents' names."""
from __future__ import annotations

from consult.demo.specs import Account, HamletText
from consult.feedback.services import DEFAULT_CATEGORIES
from consult.models import Role

#: Signer names are invented; no real official is meant.
SETTINGS = dict(
    name="Diễn Châu",
    unit_kind="xã",
    province="Nghệ An",
    place_name="Diễn Châu",
    ubnd_name="Ủy ban nhân dân xã Diễn Châu",
    mttq_name="Ủy ban Mặt trận Tổ quốc Việt Nam xã Diễn Châu",
    hdnd_name="Hội đồng nhân dân xã Diễn Châu",
    ubnd_chair="Cao Văn Thịnh",
    ubnd_vice_chair="Đặng Thị Minh Hằng",
    mttq_chair="Thái Thị Thanh Bình",
    mttq_vice_chair="Nguyễn Đình Khánh",
    report_recipients="\n".join([
        "Thường trực Đảng ủy xã (b/c)",
        "Thường trực HĐND xã",
        "Ủy ban MTTQ Việt Nam xã",
        "Các đại biểu HĐND xã",
        "Ban công tác Mặt trận các khối, xóm",
        "Lưu: VT, VP",
    ]),
    address="Trụ sở UBND xã Diễn Châu, đường Trung tâm xã, tỉnh Nghệ An",
    hotline="0238 3999 000",
    email="vanphong@dienchau.example.vn",
    public_host="gopy.dienchau.example.vn",
    feedback_due_days=15,
    retention_days=365,
)

#: The former town's blocks (khối) first, then the villages (xóm), in administrative order.
HAMLETS = (
    HamletText("K01", "Khối 1", "khối", 420),
    HamletText("K02", "Khối 2", "khối", 465),
    HamletText("K03", "Khối 3", "khối", 390),
    HamletText("K04", "Khối 4", "khối", 510),
    HamletText("X01", "Xóm 1", "xóm", 318),
    HamletText("X02", "Xóm 2", "xóm", 276),
    HamletText("X03", "Xóm 3", "xóm", 352),
    HamletText("X04", "Xóm 4", "xóm", 241),
    HamletText("X05", "Xóm 5", "xóm", 298),
    HamletText("X06", "Xóm 6", "xóm", 335),
    HamletText("X07", "Xóm 7", "xóm", 187),
    HamletText("X08", "Xóm 8", "xóm", 264),
    HamletText("X09", "Xóm 9", "xóm", 402),
    HamletText("X10", "Xóm 10", "xóm", 229),
    HamletText("X11", "Xóm 11", "xóm", 376),
    HamletText("X12", "Xóm 12", "xóm", 158),
    HamletText("X13", "Xóm 13", "xóm", 312),
    HamletText("X14", "Xóm 14", "xóm", 205),
    HamletText("X15", "Xóm 15", "xóm", 283),
    HamletText("X16", "Xóm 16", "xóm", 347),
)

#: (code, name) in the order the box lists them: the defaults every new commune starts with.
CATEGORIES = DEFAULT_CATEGORIES

#: One login per role (two moderators: one moderates comments, one works the box).
ACCOUNTS = (
    Account("admin", Role.ADMIN, "demo-admin-2026", "Trần Minh Quân"),
    Account("bientap", Role.MODERATOR, "demo-bientap-2026", "Nguyễn Thị Hồng Nhung"),
    Account("vanphong", Role.MODERATOR, "demo-vanphong-2026", "Hồ Sỹ Hưng"),
    Account("xom2", Role.HAMLET_OFFICER, "demo-xom2-2026", "Đậu Văn Lâm", hamlet_code="X02"),
    Account("daibieu", Role.COUNCIL, "demo-daibieu-2026", "Phan Thị Thu Hà"),
)

#: The hamlet officer's account; paper forms from that hamlet are typed in by them.
OFFICER_USERNAME = "xom2"
MODERATOR_USERNAME = "bientap"
CLERK_USERNAME = "vanphong"
ADMIN_USERNAME = "admin"

#: Invented names, in the surnames common around Diễn Châu, for residents who sign.
RESIDENT_NAMES = (
    "Nguyễn Văn Hùng", "Trần Thị Lan", "Hồ Sỹ Tuấn", "Cao Thị Huyền", "Đậu Văn Thắng",
    "Thái Bá Lộc", "Phan Thị Mai", "Nguyễn Thị Thu Trang", "Lê Văn Cường", "Hoàng Thị Dung",
    "Võ Văn Tám", "Đặng Thị Hạnh", "Ngô Sỹ Minh", "Bùi Thị Nga", "Trần Đình Phúc",
    "Nguyễn Bá Quyết", "Hồ Thị Sen", "Chu Văn Toản", "Lê Thị Kim Oanh", "Phạm Văn Đức",
)
