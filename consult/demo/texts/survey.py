"""The open survey on satisfaction with the commune's online public services."""
from __future__ import annotations

from consult.demo.specs import ConsultationText, QuestionText, nfc
from consult.models import ConsultationKind, Organiser, QuestionKind

SURVEY = ConsultationText(
    slug="khao-sat-hai-long-dich-vu-cong-truc-tuyen-2026",
    title=nfc("Khảo sát mức độ hài lòng của người dân đối với dịch vụ công trực tuyến năm 2026"),
    summary=nfc(
        "Ủy ban MTTQ xã phối hợp UBND xã lấy ý kiến người dân về dịch vụ công trực tuyến và sự hỗ trợ của "
        "Tổ công nghệ số cộng đồng. Phiếu gồm 8 câu, trả lời trong khoảng 3 phút, không cần ghi họ tên."
    ),
    body_md=nfc("""\
Thực hiện nhiệm vụ giám sát, phản biện xã hội đối với việc triển khai chuyển đổi số tại địa phương, Ban Thường trực Ủy ban MTTQ Việt Nam xã Diễn Châu tổ chức khảo sát mức độ hài lòng của người dân khi thực hiện thủ tục hành chính trên môi trường số.

- Phiếu **không ghi họ tên**; kết quả chỉ được tổng hợp theo khối, xóm và nhóm đối tượng.
- Người chưa từng nộp hồ sơ trực tuyến vẫn trả lời được: ý kiến của bà con giúp xã biết vướng mắc ở đâu.
- Kết quả khảo sát được báo cáo Thường trực HĐND, UBND xã và công khai trên trang này.
"""),
    # MTTQ runs satisfaction surveys as part of its supervision of the commune government.
    organiser=Organiser.MTTQ,
    kind=ConsultationKind.SURVEY,
)

QUESTIONS = (
    QuestionText(
        QuestionKind.SINGLE,
        nfc("Lần gần đây nhất, ông/bà nộp hồ sơ thủ tục hành chính bằng cách nào?"),
        required=True,
        options=tuple(nfc(o) for o in (
            "Trực tiếp tại Trung tâm Phục vụ hành chính công xã",
            "Trực tuyến trên Cổng Dịch vụ công quốc gia",
            "Trên ứng dụng VNeID",
            "Qua dịch vụ bưu chính công ích",
            "Nhờ Tổ công nghệ số cộng đồng nộp giúp",
            "Chưa làm thủ tục hành chính nào trong năm",
        )),
        weights=(30, 22, 16, 4, 14, 10),
        allow_other=True,
        other_answers=tuple(nfc(o) for o in (
            "Nhờ con cháu ở xa nộp hộ", "Gửi qua trưởng xóm", "Nộp tại Công an xã",
            "Nhờ cán bộ bưu điện hướng dẫn",
        )),
    ),
    QuestionText(
        QuestionKind.MULTIPLE,
        nfc("Ông/bà gặp những khó khăn nào khi sử dụng dịch vụ công trực tuyến? (chọn tối đa 3)"),
        help_text=nfc("Nếu không gặp khó khăn, chọn ô cuối cùng."),
        required=True,
        options=tuple(nfc(o) for o in (
            "Không biết cách đăng ký, đăng nhập tài khoản",
            "Mạng internet yếu, chập chờn",
            "Không có điện thoại thông minh hoặc máy tính",
            "Hướng dẫn khó hiểu, nhiều bước",
            "Phải chụp, tải lên nhiều giấy tờ",
            "Lo ngại lộ thông tin cá nhân",
            "Thanh toán phí, lệ phí trực tuyến khó",
            "Không gặp khó khăn",
        )),
        weights=(30, 12, 14, 26, 22, 15, 9, 16),
        allow_other=True,
        other_answers=tuple(nfc(o) for o in (
            "Mắt kém, chữ trên điện thoại nhỏ", "Hồ sơ bị trả lại mà không rõ lý do",
            "Không nhận được mã OTP", "Phải ra xã ký lại giấy tờ",
        )),
        max_choices=3,
        exclusive_last=True,
    ),
    QuestionText(
        QuestionKind.RATING,
        nfc("Mức độ hài lòng chung của ông/bà đối với dịch vụ công trực tuyến của xã"),
        required=True,
        weights=(4, 9, 24, 38, 25),
        rating_low_label=nfc("Rất không hài lòng"),
        rating_high_label=nfc("Rất hài lòng"),
    ),
    QuestionText(
        QuestionKind.RATING,
        nfc("Thái độ hướng dẫn, hỗ trợ của cán bộ Trung tâm Phục vụ hành chính công xã"),
        help_text=nfc("Bỏ qua nếu ông/bà chưa đến Trung tâm."),
        weights=(2, 5, 17, 40, 36),
        rating_low_label=nfc("Rất kém"),
        rating_high_label=nfc("Rất tốt"),
        answer_rate=0.8,
    ),
    QuestionText(
        QuestionKind.YESNO,
        nfc("Ông/bà đã được Tổ công nghệ số cộng đồng hướng dẫn cài đặt, sử dụng VNeID hoặc dịch vụ công trực tuyến chưa?"),
        required=True,
        weights=(62, 38),
    ),
    QuestionText(
        QuestionKind.YESNO,
        nfc("Lần làm thủ tục tới, ông/bà có sẵn sàng nộp hồ sơ trực tuyến không?"),
        weights=(71, 29),
        answer_rate=0.9,
    ),
    QuestionText(
        QuestionKind.SHORT_TEXT,
        nfc("Thủ tục nào ông/bà mong muốn được làm hoàn toàn trực tuyến?"),
        help_text=nfc("Ví dụ: chứng thực bản sao, đăng ký khai sinh, xác nhận tình trạng hôn nhân."),
        answer_rate=0.4,
        text_answers=tuple(nfc(o) for o in (
            "Chứng thực bản sao", "Đăng ký khai sinh cho con", "Xác nhận tình trạng hôn nhân",
            "Đăng ký thường trú", "Cấp phiếu lý lịch tư pháp", "Đăng ký biến động đất đai",
            "Trích lục khai tử", "Xác nhận hộ nghèo, hộ cận nghèo", "Cấp lại thẻ bảo hiểm y tế",
            "Đăng ký kết hôn", "Chứng thực chữ ký hợp đồng", "Xin giấy phép xây dựng nhà ở",
        )),
    ),
    QuestionText(
        QuestionKind.LONG_TEXT,
        nfc("Ý kiến, kiến nghị khác để nâng cao chất lượng dịch vụ công trực tuyến của xã"),
        help_text=nfc("Xin đừng ghi họ tên, số điện thoại hay số định danh cá nhân vào ô này."),
        answer_rate=0.3,
        text_answers=tuple(nfc(o) for o in (
            "Đề nghị Trung tâm Phục vụ hành chính công bố trí một máy tính và một cán bộ hướng dẫn người dân tự nộp hồ sơ trực tuyến ngay tại chỗ.",
            "Nên có tờ hướng dẫn in sẵn từng bước, chữ to, dán ở nhà văn hóa xóm.",
            "Hồ sơ nộp trực tuyến xong vẫn phải mang bản giấy lên xã đối chiếu, như vậy chưa thuận tiện. Đề nghị bỏ bước này.",
            "Cán bộ ở bộ phận một cửa nhiệt tình, hướng dẫn chu đáo. Cảm ơn các cháu.",
            "Mạng ở cuối xóm rất yếu, đề nghị xã làm việc với nhà mạng lắp thêm trạm phát sóng.",
            "Tổ công nghệ số nên đi hướng dẫn vào buổi tối vì ban ngày bà con đi làm.",
            "Đề nghị nhắn tin qua Zalo khi có kết quả hồ sơ để người dân khỏi phải lên xã hỏi.",
            "Tôi đã nộp hồ sơ khai sinh cho cháu trên VNeID rất nhanh, 2 ngày đã có kết quả.",
            "Người già không dùng được điện thoại thông minh, xin giữ cách nộp hồ sơ giấy song song.",
            "Phí chứng thực trực tuyến nên được giảm để khuyến khích người dân.",
            "Đề nghị công khai thời gian giải quyết từng loại hồ sơ trên bảng tin và trên trang của xã.",
            "Có lúc Cổng dịch vụ công bị lỗi, không tải được giấy tờ lên, phải làm lại nhiều lần.",
            "Mong xã tổ chức thêm các buổi hướng dẫn cài VNeID cho người cao tuổi tại xóm.",
            "Nên có số điện thoại hỗ trợ trực tiếp khi người dân gặp lỗi lúc nộp hồ sơ.",
            "Cần cảnh báo bà con về các trang web giả mạo Cổng dịch vụ công để lừa đảo.",
            "Các cháu đoàn viên hướng dẫn rất nhiệt tình, nên khen thưởng cho các cháu.",
        )),
    ),
)
