"""The closed consultation: the NQ 57 communication plan, its comments and official responses."""
from __future__ import annotations

from consult.demo.specs import ArticleText, ConsultationText, ResponseTheme, nfc
from consult.models import ConsultationKind, Disposition, Organiser, Stance

A, D, O = Stance.AGREE, Stance.DISAGREE, Stance.OTHER


def _section(number: str, heading: str, body: str) -> ArticleText:
    """A "Mục" of the plan, numbered in Roman numerals as printed."""
    return ArticleText(number, nfc(heading), nfc(body.strip()), label="Mục")


PLAN = ConsultationText(
    slug="du-thao-ke-hoach-truyen-thong-nghi-quyet-57",
    title=nfc(
        "Dự thảo Kế hoạch đẩy mạnh truyền thông thực hiện Nghị quyết số 57-NQ/TW về phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa bàn xã Diễn Châu"
    ),
    summary=nfc(
        "UBND xã đã lấy ý kiến Nhân dân về dự thảo Kế hoạch truyền thông Nghị quyết 57: nội dung, hình thức "
        "tuyên truyền đến từng khối, xóm và phân công thực hiện. Kết quả tiếp thu, giải trình đã được công bố."
    ),
    body_md=nfc("""\
Triển khai Quyết định số 1169/QĐ-TTg ngày 16/6/2025 của Thủ tướng Chính phủ phê duyệt Chương trình “Đẩy mạnh truyền thông thực hiện Nghị quyết số 57-NQ/TW đến năm 2030” và Kế hoạch của UBND tỉnh Nghệ An, Ủy ban nhân dân xã Diễn Châu lấy ý kiến Nhân dân đối với dự thảo Kế hoạch trước khi ban hành.

Đợt lấy ý kiến **đã kết thúc**. Ủy ban nhân dân xã cảm ơn bà con đã đóng góp ý kiến; nội dung tiếp thu, giải trình từng ý kiến được công bố dưới đây.
"""),
    organiser=Organiser.UBND,
    kind=ConsultationKind.DRAFT,
    articles=(
        _section("I", "MỤC ĐÍCH, YÊU CẦU", """
**1. Mục đích**

- Tuyên truyền khẳng định sự đúng đắn trong chủ trương của Đảng, chính sách, pháp luật của Nhà nước về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia theo tinh thần Nghị quyết số 57-NQ/TW.
- Tạo sự thống nhất trong hệ thống chính trị và toàn xã hội về vai trò của khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong giai đoạn mới.

**2. Yêu cầu**

- Triển khai thường xuyên, liên tục, có trọng tâm, trọng điểm, phù hợp điều kiện thực tế của xã.
- Nội dung dễ hiểu, dễ tiếp cận, phù hợp từng nhóm đối tượng (cán bộ, người dân, học sinh…).
- Tăng cường ứng dụng nền tảng số, mạng xã hội (Zalo, Facebook, truyền thanh thông minh).
"""),
        _section("II", "MỤC TIÊU", """
**Năm 2026**

- 100% cán bộ, công chức, viên chức quán triệt đầy đủ nội dung Nghị quyết số 57-NQ/TW.
- 100% xóm, khối tổ chức tuyên truyền, phổ biến đến từng hộ gia đình.
- Ít nhất 80% người dân được tiếp cận thông tin về chuyển đổi số qua các hình thức truyền thông của xã.
- Hệ thống truyền thanh cơ sở phát nội dung tuyên truyền ít nhất 02 lượt mỗi tuần.

**Đến năm 2030**

- Từ 90% người dân trưởng thành trở lên được tiếp cận, sử dụng các nền tảng số thiết yếu.
- Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận và xử lý trực tuyến đạt từ 80% trở lên.
"""),
        _section("III", "NỘI DUNG TUYÊN TRUYỀN", """
- Tuyên truyền đầy đủ, sâu rộng nội dung Nghị quyết số 57-NQ/TW và các văn bản chỉ đạo của Trung ương, tỉnh, xã.
- Hướng dẫn người dân biết, hiểu và sử dụng được: dịch vụ công trực tuyến; thanh toán không dùng tiền mặt (điện, nước, học phí, viện phí); sổ sức khỏe điện tử, khám chữa bệnh BHYT bằng căn cước; ứng dụng VNeID.
- Nâng cao kỹ năng số cơ bản: sử dụng điện thoại thông minh, truy cập dịch vụ công, tra cứu thông tin chính thống.
- Tuyên truyền an toàn thông tin, an ninh mạng: không chia sẻ thông tin cá nhân, nhận diện tin giả, tin xấu độc.
- Lĩnh vực kinh tế: thương mại điện tử, quảng bá sản phẩm OCOP của địa phương trên nền tảng số.
"""),
        _section("IV", "HÌNH THỨC TUYÊN TRUYỀN", """
- Hệ thống truyền thanh xã, xóm: phát định kỳ ít nhất 02 lần/tuần, nội dung ngắn gọn, sát thực tế.
- Hội nghị, sinh hoạt chi bộ, họp xóm, đoàn thể; tập huấn chuyên đề.
- Trực quan: pano, áp phích tại trụ sở xã, nhà văn hóa xóm; băng rôn, khẩu hiệu.
- Nền tảng số: Zalo OA của xã, nhóm Zalo xóm, fanpage, Trang thông tin điện tử xã.
- Video ngắn (1–3 phút), infographic; tuyên truyền lưu động tại các xóm; cuộc thi tìm hiểu về chuyển đổi số.
"""),
        _section("V", "KINH PHÍ THỰC HIỆN", """
- Kinh phí được bảo đảm từ ngân sách xã theo phân cấp hiện hành.
- Lồng ghép kinh phí Chương trình cải cách hành chính, Chương trình chuyển đổi số, Đề án 06 của Chính phủ.
- Khuyến khích huy động nguồn lực xã hội hóa hợp pháp từ tổ chức, cá nhân theo quy định của pháp luật.
- Quản lý, sử dụng kinh phí đúng quy định, tiết kiệm, hiệu quả, công khai, minh bạch.
"""),
        _section("VI", "TỔ CHỨC THỰC HIỆN", """
- **Phòng Văn hóa – Xã hội** chủ trì tham mưu, hướng dẫn, kiểm tra việc thực hiện; tổng hợp báo cáo UBND xã.
- **Văn phòng HĐND – UBND** đăng tải nội dung tuyên truyền trên Trang thông tin điện tử xã và các nền tảng số.
- **Trạm Y tế xã** tuyên truyền sổ sức khỏe điện tử, khám chữa bệnh BHYT bằng căn cước.
- **Công an xã** hướng dẫn sử dụng VNeID, tuyên truyền phòng chống tội phạm công nghệ cao.
- **Các trường học** giáo dục kỹ năng số cho học sinh, phối hợp tuyên truyền đến phụ huynh.
- **Các xóm, khối** tuyên truyền trực tiếp đến từng hộ; duy trì nhóm Zalo cộng đồng.
- Đề nghị **Ủy ban MTTQ và các tổ chức chính trị – xã hội** tuyên truyền, vận động đoàn viên, hội viên và Nhân dân.
"""),
    ),
)

#: What residents said, grouped as staff grouped it when they answered.
THEMES = tuple(ResponseTheme(article, stance, disposition, tuple(nfc(v) for v in variants), nfc(response), weight)
               for article, stance, disposition, variants, response, weight in (
    ("I", O, Disposition.ACCEPTED, (
        "Đề nghị bổ sung yêu cầu nội dung tuyên truyền phải ngắn gọn, dùng lời lẽ gần gũi để người cao tuổi dễ hiểu.",
        "Tài liệu tuyên truyền nên viết đơn giản, chữ to, tránh nhiều từ chuyên môn.",
        "Người già ở xóm đọc văn bản dài không hiểu, đề nghị tuyên truyền bằng lời lẽ đơn giản, có ví dụ cụ thể.",
    ), "Tiếp thu. Bổ sung vào yêu cầu tại khoản 2 Mục I: “Nội dung tuyên truyền ngắn gọn, dễ hiểu, chữ to, "
       "phù hợp với người cao tuổi”.", 3),
    ("II", D, Disposition.NOT_ACCEPTED, (
        "Chỉ tiêu 100% xóm, khối tuyên truyền đến từng hộ trong năm 2026 là khó đạt vì nhiều hộ đi làm ăn xa.",
        "Không nên đặt chỉ tiêu 100% hộ gia đình, xóm tôi gần một phần ba số hộ có người đi làm ăn xa quanh năm.",
    ), "Chỉ tiêu 100% xóm, khối được giao theo Kế hoạch của UBND tỉnh nên UBND xã giữ nguyên. Đối với hộ đi làm "
       "ăn xa, việc tuyên truyền được thực hiện qua nhóm Zalo xóm, khối; UBND xã giao các xóm, khối rà soát danh "
       "sách hộ vắng nhà để có hình thức phù hợp.", 2),
    ("II", O, Disposition.PARTLY_ACCEPTED, (
        "Nên có chỉ tiêu riêng về số người cao tuổi được hướng dẫn cài đặt, sử dụng VNeID.",
    ), "Tiếp thu một phần: bổ sung chỉ tiêu “số người dân được hướng dẫn sử dụng VNeID” vào Phụ lục chỉ tiêu đánh "
       "giá. Không đặt chỉ tiêu riêng theo độ tuổi vì số liệu dân cư theo độ tuổi do Công an xã quản lý và cập "
       "nhật theo quý.", 1),
    ("III", O, Disposition.ACCEPTED, (
        "Đề nghị bổ sung nội dung tuyên truyền phòng chống lừa đảo qua mạng, giả danh công an, ngân hàng.",
        "Cần tuyên truyền nhiều hơn về các thủ đoạn lừa đảo qua điện thoại, người già trong xóm đã bị lừa mất tiền.",
        "Nên hướng dẫn bà con không bấm vào đường link lạ, không đọc mã OTP cho người khác.",
        "Đề nghị Công an xã thường xuyên thông báo trên loa các vụ lừa đảo mới để bà con cảnh giác.",
        "Cần có nội dung cảnh báo giả danh cán bộ xã gọi điện yêu cầu cập nhật thông tin định danh.",
    ), "Tiếp thu. Nội dung phòng, chống lừa đảo trên không gian mạng được đưa thành nội dung trọng tâm tại Mục III; "
       "Công an xã chủ trì tuyên truyền hằng tháng trên loa truyền thanh và nhóm Zalo các xóm, khối.", 5),
    ("III", O, Disposition.ACCEPTED, (
        "Bổ sung tuyên truyền thương mại điện tử cho các hộ làm nghề biển, chế biến hải sản.",
        "Đề nghị hướng dẫn các hộ làm nước mắm, hải sản khô cách quảng bá, bán hàng trên mạng.",
    ), "Tiếp thu. Bổ sung nội dung hướng dẫn bán hàng trực tuyến cho hộ chế biến hải sản vào lĩnh vực kinh tế tại "
       "Mục III.", 2),
    ("IV", O, Disposition.PARTLY_ACCEPTED, (
        "Loa truyền thanh phát sáng sớm quá, nên phát vào khoảng 17 đến 18 giờ khi bà con đi làm về.",
        "Đề nghị phát thanh vào buổi chiều tối, buổi sáng nhiều người đã đi biển, đi chợ.",
        "Giờ phát loa buổi sáng trùng lúc bà con ra đồng, nên thêm một buổi phát vào cuối giờ chiều.",
    ), "Tiếp thu một phần: bổ sung khung giờ phát buổi chiều từ 17 giờ 00 đến 17 giờ 30; giữ khung giờ buổi sáng "
       "để phục vụ bà con đi biển, đi chợ sớm.", 3),
    ("IV", D, Disposition.NOT_ACCEPTED, (
        "Không nên tổ chức cuộc thi tìm hiểu chuyển đổi số trên mạng vì người già không tham gia được, lại tốn kinh phí.",
    ), "Cuộc thi được tổ chức song song hai hình thức: trực tuyến và bài viết tay nộp tại nhà văn hóa xóm, khối, "
       "nên người cao tuổi vẫn tham gia được. Kinh phí nằm trong dự toán Chương trình chuyển đổi số của xã, không "
       "phát sinh thêm. UBND xã giữ nguyên nội dung này.", 1),
    ("IV", O, Disposition.ACCEPTED, (
        "Nên in tờ rơi hướng dẫn cài VNeID, thanh toán tiền điện qua điện thoại để phát đến từng hộ.",
        "Đề nghị có tờ hướng dẫn in sẵn từng bước, có hình minh họa, để người già giữ lại xem khi cần.",
    ), "Tiếp thu. Bổ sung hình thức tờ rơi hướng dẫn phát đến từng hộ gia đình qua Ban công tác Mặt trận khối, "
       "xóm.", 2),
    ("V", O, Disposition.ACCEPTED, (
        "Đề nghị công khai kinh phí tuyên truyền hằng năm để Nhân dân giám sát.",
        "Kinh phí làm pano, video nên công khai trên trang của xã để bà con được biết.",
    ), "Tiếp thu. Dự toán và quyết toán kinh phí thực hiện Kế hoạch được công khai hằng năm trên Trang thông tin "
       "điện tử xã và bảng tin nhà văn hóa các khối, xóm.", 2),
    ("V", D, Disposition.NOT_ACCEPTED, (
        "Không nên huy động xã hội hóa vì dễ thành bắt dân đóng góp.",
    ), "Kế hoạch chỉ khuyến khích tổ chức, doanh nghiệp tự nguyện tài trợ theo quy định của pháp luật; không huy "
       "động đóng góp của hộ gia đình. Vì vậy UBND xã giữ nguyên nội dung này.", 1),
    ("VI", O, Disposition.ACCEPTED, (
        "Nên giao Đoàn Thanh niên làm nòng cốt đi hướng dẫn người dân tại các xóm.",
        "Đề nghị phân công các cháu đoàn viên hỗ trợ người già dùng điện thoại.",
        "Đoàn Thanh niên nên có tổ tình nguyện đến từng xóm hướng dẫn bà con vào các buổi tối.",
    ), "Tiếp thu. Bổ sung nhiệm vụ của Đoàn Thanh niên xã: làm nòng cốt trong Tổ công nghệ số cộng đồng, hướng dẫn "
       "người dân tại các xóm, khối.", 2),
    ("VI", O, Disposition.PARTLY_ACCEPTED, (
        "Trường học nên tổ chức buổi hướng dẫn phụ huynh đóng học phí không dùng tiền mặt, dùng sổ liên lạc điện tử.",
    ), "Tiếp thu một phần: các trường lồng ghép hướng dẫn trong họp phụ huynh đầu năm học; không tổ chức buổi riêng "
       "để tránh phát sinh thời gian của phụ huynh.", 1),
    (None, O, Disposition.NOTED, (
        "Kế hoạch dài, nhiều chữ, nên có bản tóm tắt một trang phát cho các xóm.",
    ), "Ghi nhận. Sau khi ban hành, UBND xã phát hành bản tóm tắt Kế hoạch và đăng trên nhóm Zalo các xóm, khối.", 2),
    (None, O, Disposition.NOTED, (
        "Mong xã sớm triển khai, đừng để kế hoạch chỉ nằm trên giấy.",
        "Đề nghị báo cáo kết quả thực hiện cho Nhân dân biết.",
        "Kế hoạch tốt nhưng cần kiểm tra việc thực hiện ở từng xóm, tránh hình thức.",
    ), "Ghi nhận. Kết quả thực hiện được sơ kết 6 tháng, tổng kết năm và công khai tại hội nghị, trên Trang thông "
       "tin điện tử xã.", 2),
))

#: Residents who simply agree; one "ghi nhận" per section covers them all.
AGREEMENT = ("", "", "Tán thành.", "Nhất trí với dự thảo Kế hoạch.", "Đồng ý.")
AGREEMENT_RESPONSE = nfc("Ghi nhận các ý kiến tán thành.")
