"""The open draft resolution (10 articles) and the scheduled draft regulation (3 articles)."""
from __future__ import annotations

from consult.demo.specs import ArticleText, ConsultationText, clauses, nfc
from consult.models import ConsultationKind, Organiser

_GENERAL = "Chương I. QUY ĐỊNH CHUNG"
_SUPPORT = "Chương II. NỘI DUNG VÀ MỨC HỖ TRỢ"
_EXECUTION = "Chương III. NGUỒN KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN"

_RESOLUTION_BODY = nfc("""\
Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022, Ủy ban nhân dân xã Diễn Châu tổ chức lấy ý kiến Nhân dân đối với dự thảo Nghị quyết trước khi trình Hội đồng nhân dân xã xem xét, quyết định tại kỳ họp gần nhất.

## Căn cứ xây dựng dự thảo

- Luật Tổ chức chính quyền địa phương năm 2025;
- Luật Thực hiện dân chủ ở cơ sở năm 2022;
- Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;
- Kế hoạch thực hiện công tác chuyển đổi số năm 2026 của Ban Thường trực Ủy ban MTTQ Việt Nam xã Diễn Châu.

## Mục đích

Duy trì hoạt động thường xuyên của Tổ công nghệ số cộng đồng ở 20 khối, xóm; đưa dịch vụ công trực tuyến, thanh toán không dùng tiền mặt và các tiện ích số đến từng hộ gia đình, nhất là người cao tuổi, người khuyết tật và hộ kinh doanh nhỏ, theo phương châm “cầm tay chỉ việc”.

## Cách góp ý

- Trực tuyến trên trang này: chọn điều cần góp ý, bấm **Góp ý**, chọn *Tán thành*, *Không tán thành* hoặc *Ý kiến khác* và ghi ý kiến (nếu có).
- Quét mã QR dán tại nhà văn hóa khối, xóm hoặc tại Trụ sở UBND xã.
- Ghi phiếu góp ý giấy, gửi Ban công tác Mặt trận khối, xóm.
- Phát biểu tại hội nghị lấy ý kiến Nhân dân ở khối, xóm.

Không cần ghi họ tên. Ý kiến được công khai sau khi kiểm duyệt; số điện thoại, thư điện tử (nếu có) chỉ dùng để phản hồi, không công khai.
""")

RESOLUTION = ConsultationText(
    slug="du-thao-nghi-quyet-to-cong-nghe-so-cong-dong",
    title=nfc(
        "Dự thảo Nghị quyết quy định chính sách hỗ trợ Tổ công nghệ số cộng đồng và chuyển đổi số "
        "ở khối, xóm trên địa bàn xã Diễn Châu giai đoạn 2026 – 2030"
    ),
    summary=nfc(
        "UBND xã lấy ý kiến Nhân dân về dự thảo Nghị quyết trình HĐND xã: mức hỗ trợ Tổ công nghệ số "
        "cộng đồng, wifi và loa thông minh tại nhà văn hóa khối, xóm, hỗ trợ người cao tuổi và hộ kinh "
        "doanh tham gia môi trường số. Mọi ý kiến đều được tổng hợp, tiếp thu, giải trình công khai."
    ),
    body_md=_RESOLUTION_BODY,
    # The People's Council adopts the resolution, but UBND xã drafts it and, under the
    # Law on Grassroots Democracy, is the body that consults residents on its own drafts.
    organiser=Organiser.UBND,
    kind=ConsultationKind.DRAFT,
    articles=(
        ArticleText("1", "Phạm vi điều chỉnh", clauses("""
            1. Nghị quyết này quy định chính sách hỗ trợ hoạt động của Tổ công nghệ số cộng đồng; đầu tư hạ tầng số tại nhà văn hóa khối, xóm; hỗ trợ người cao tuổi, người khuyết tật, hộ kinh doanh và hợp tác xã tham gia môi trường số trên địa bàn xã Diễn Châu giai đoạn 2026 – 2030.
            2. Nội dung đã được hỗ trợ từ các chương trình mục tiêu quốc gia, nghị quyết của Hội đồng nhân dân tỉnh thì thực hiện theo các quy định đó; Nghị quyết này không hỗ trợ trùng lặp cùng một nội dung.
        """), _GENERAL),
        ArticleText("2", "Đối tượng áp dụng", clauses("""
            1. Tổ công nghệ số cộng đồng ở các khối, xóm trên địa bàn xã (sau đây gọi là Tổ công nghệ số).
            2. Ban công tác Mặt trận, trưởng khối, trưởng xóm.
            3. Người cao tuổi từ đủ 70 tuổi trở lên, người khuyết tật, thành viên hộ nghèo, hộ cận nghèo có nhu cầu sử dụng dịch vụ công trực tuyến.
            4. Hộ kinh doanh, hợp tác xã, tổ hợp tác có địa điểm sản xuất, kinh doanh trên địa bàn xã.
            5. Cơ quan, tổ chức, cá nhân có liên quan đến việc thực hiện Nghị quyết này.
        """), _GENERAL),
        ArticleText("3", "Nguyên tắc hỗ trợ", clauses("""
            1. Hỗ trợ đúng đối tượng, đúng mục đích, công khai, minh bạch; ưu tiên khối, xóm có tỷ lệ hộ gia đình sử dụng dịch vụ công trực tuyến thấp.
            2. Mỗi nội dung chỉ được hỗ trợ một lần từ ngân sách xã; trường hợp một nội dung được hưởng nhiều chính sách thì đối tượng được lựa chọn chính sách có mức hỗ trợ cao nhất.
            3. Kết quả hỗ trợ được đánh giá hằng năm theo các chỉ tiêu:
            a) Số hồ sơ thủ tục hành chính nộp trực tuyến;
            b) Số tài khoản định danh điện tử mức độ 2 được kích hoạt;
            c) Số hộ gia đình thanh toán không dùng tiền mặt.
            4. Kết hợp ngân sách xã với nguồn xã hội hóa hợp pháp; không huy động đóng góp bắt buộc của Nhân dân.
        """), _GENERAL),
        ArticleText("4", "Hỗ trợ Tổ công nghệ số cộng đồng", clauses("""
            1. Hỗ trợ kinh phí hoạt động cho mỗi Tổ công nghệ số: 300.000 đồng/tháng/tổ, chi trả theo quý.
            2. Hỗ trợ cước dịch vụ dữ liệu di động cho tối đa 05 thành viên mỗi tổ: 50.000 đồng/người/tháng.
            3. Tập huấn kỹ năng số cho thành viên Tổ công nghệ số ít nhất 02 lần/năm; chi phí tập huấn do ngân sách xã bảo đảm theo định mức hiện hành.
            4. Tổ công nghệ số có thành tích xuất sắc được xem xét khen thưởng hằng năm theo quy định của pháp luật về thi đua, khen thưởng.
        """), _SUPPORT),
        ArticleText("5", "Hạ tầng số tại nhà văn hóa khối, xóm", clauses("""
            1. Mỗi nhà văn hóa khối, xóm được trang bị:
            a) 01 điểm truy cập wifi miễn phí phục vụ Nhân dân, tốc độ tối thiểu 100 Mbps; hỗ trợ cước thuê bao internet tối đa 250.000 đồng/tháng/điểm;
            b) 01 bộ loa thông minh (loa truyền thanh ứng dụng công nghệ thông tin – viễn thông) kết nối với hệ thống truyền thanh của xã;
            c) 01 bảng thông tin có mã QR dẫn tới Trang thông tin điện tử xã, dịch vụ công trực tuyến và hòm thư góp ý trực tuyến.
            2. Mức hỗ trợ mua sắm thiết bị quy định tại điểm b khoản 1 Điều này tối đa 15.000.000 đồng/khối, xóm; việc mua sắm thực hiện theo quy định của pháp luật về đấu thầu.
            3. Trưởng khối, trưởng xóm chịu trách nhiệm quản lý, bảo quản thiết bị; bố trí mở cửa nhà văn hóa vào tối thứ Bảy hằng tuần để Tổ công nghệ số hướng dẫn Nhân dân.
        """), _SUPPORT),
        ArticleText("6", "Hỗ trợ người cao tuổi, người khuyết tật", clauses("""
            1. Tổ công nghệ số hướng dẫn tận nhà đối với người cao tuổi từ đủ 70 tuổi, người khuyết tật, người có công gặp khó khăn trong đi lại khi có nhu cầu thực hiện thủ tục hành chính trực tuyến hoặc kích hoạt tài khoản định danh điện tử.
            2. Các đối tượng quy định tại khoản 1 Điều này được hỗ trợ miễn phí scan, số hóa giấy tờ để nộp hồ sơ trực tuyến tại Trung tâm Phục vụ hành chính công xã.
            3. Hỗ trợ một lần 500.000 đồng/người để mua điện thoại thông minh đối với người khuyết tật nặng, người cao tuổi thuộc hộ nghèo chưa có điện thoại thông minh; tối đa 100 người/năm, ưu tiên người sống một mình.
        """), _SUPPORT),
        ArticleText("7", "Hỗ trợ hộ kinh doanh, hợp tác xã lên sàn thương mại điện tử", clauses("""
            1. Hỗ trợ 100% chi phí đào tạo, hướng dẫn mở gian hàng trên sàn thương mại điện tử (Postmart, Voso, sàn thương mại điện tử của tỉnh) và chụp ảnh, quay video giới thiệu sản phẩm.
            2. Hỗ trợ 50% chi phí thiết kế nhãn, mã QR truy xuất nguồn gốc cho sản phẩm OCOP, sản phẩm chủ lực của xã (hải sản chế biến, nước mắm, bánh mướt), tối đa 5.000.000 đồng/sản phẩm.
            3. Mỗi hộ kinh doanh, hợp tác xã được hỗ trợ không quá 01 lần trong giai đoạn 2026 – 2030.
        """), _SUPPORT),
        ArticleText("8", "Nguồn kinh phí", clauses("""
            1. Ngân sách xã bố trí trong dự toán hằng năm; tổng kinh phí dự kiến giai đoạn 2026 – 2030 khoảng 1,5 tỷ đồng.
            2. Lồng ghép nguồn kinh phí Chương trình chuyển đổi số, Đề án 06 và Chương trình mục tiêu quốc gia xây dựng nông thôn mới.
            3. Huy động nguồn xã hội hóa hợp pháp từ doanh nghiệp viễn thông, tổ chức, cá nhân trên tinh thần tự nguyện.
        """), _EXECUTION),
        ArticleText("9", "Tổ chức thực hiện", clauses("""
            1. Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết này; hằng năm báo cáo kết quả với Hội đồng nhân dân xã tại kỳ họp cuối năm.
            2. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân xã giám sát việc thực hiện Nghị quyết này.
            3. Đề nghị Ủy ban MTTQ Việt Nam xã và các tổ chức chính trị – xã hội tuyên truyền, vận động Nhân dân và giám sát việc thực hiện; Ban công tác Mặt trận khối, xóm tổng hợp ý kiến, kiến nghị của Nhân dân.
        """), _EXECUTION),
        ArticleText("10", "Hiệu lực thi hành", clauses("""
            Nghị quyết này đã được Hội đồng nhân dân xã Diễn Châu khóa I, kỳ họp thứ … thông qua ngày … tháng … năm … và có hiệu lực từ ngày … tháng … năm … đến hết ngày 31 tháng 12 năm 2030.
        """), _EXECUTION),
    ),
)

ZALO_RULES = ConsultationText(
    slug="du-thao-quy-che-nhom-zalo-khoi-xom",
    title=nfc("Dự thảo Quy chế quản lý, sử dụng nhóm Zalo cộng đồng khối, xóm trên địa bàn xã Diễn Châu"),
    summary=nfc(
        "Ủy ban MTTQ xã lấy ý kiến Nhân dân về quy chế chung cho nhóm Zalo của các khối, xóm: ai quản trị, "
        "được đăng gì, thành viên có trách nhiệm gì, để nhóm là kênh thông tin chính thống, tránh tin giả."
    ),
    body_md=nfc("""\
Mỗi khối, xóm đã có ít nhất một nhóm Zalo do Ban công tác Mặt trận và trưởng khối, trưởng xóm quản lý. Dự thảo Quy chế này thống nhất cách quản trị, nội dung đăng tải và trách nhiệm của thành viên trong các nhóm.

Đợt lấy ý kiến mở trong 20 ngày. Bà con góp ý trực tuyến, quét mã QR tại nhà văn hóa hoặc gửi phiếu giấy cho Ban công tác Mặt trận khối, xóm.
"""),
    organiser=Organiser.MTTQ,
    kind=ConsultationKind.DRAFT,
    articles=(
        ArticleText("1", "Phạm vi điều chỉnh và đối tượng áp dụng", clauses("""
            1. Quy chế này quy định việc quản lý, sử dụng nhóm Zalo cộng đồng của các khối, xóm trên địa bàn xã Diễn Châu.
            2. Quy chế áp dụng đối với quản trị viên và thành viên các nhóm Zalo cộng đồng khối, xóm.
        """)),
        ArticleText("2", "Quản trị nhóm và nội dung được đăng tải", clauses("""
            1. Mỗi nhóm có từ 02 đến 03 quản trị viên gồm Trưởng Ban công tác Mặt trận, trưởng khối hoặc trưởng xóm và 01 đoàn viên thanh niên.
            2. Nội dung được đăng tải gồm:
            a) Thông báo, văn bản của Đảng ủy, HĐND, UBND, Ủy ban MTTQ xã và của khối, xóm;
            b) Hướng dẫn dịch vụ công trực tuyến, cảnh báo lừa đảo trên không gian mạng;
            c) Gương người tốt, việc tốt, hoạt động văn hóa, thể thao của khối, xóm.
            3. Không đăng tải quảng cáo, tin chưa được kiểm chứng, thông tin cá nhân của người khác.
        """)),
        ArticleText("3", "Trách nhiệm của thành viên nhóm", clauses("""
            1. Sử dụng tên thật hoặc ghi rõ hộ gia đình khi tham gia nhóm; mỗi hộ có ít nhất 01 thành viên.
            2. Ứng xử văn minh, tôn trọng; không chia sẻ đường link lạ, không kêu gọi chuyển tiền.
            3. Phản ánh, kiến nghị của thành viên được quản trị viên chuyển đến hòm thư góp ý của xã để xử lý và trả lời công khai.
        """)),
    ),
)
