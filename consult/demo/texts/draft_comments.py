"""Residents' comments on the open draft resolution, as they might really write them."""
from __future__ import annotations

from consult.demo.specs import CommentText
from consult.models import RejectReason, Stance

A, D, O = Stance.AGREE, Stance.DISAGREE, Stance.OTHER

#: Substantive comments, by article number (None = the draft as a whole).
COMMENTS = tuple(CommentText(article, stance, body) for article, stance, body in (
    ("1", O, "Đề nghị bổ sung vào phạm vi điều chỉnh nội dung hỗ trợ học sinh thuộc hộ nghèo học trực tuyến, nhiều cháu trong xóm chưa có thiết bị."),
    ("1", A, "Phạm vi điều chỉnh rõ ràng, đúng chủ trương chuyển đổi số của Đảng và Nhà nước."),
    ("1", O, "Khoản 2 nên ghi rõ tên các chương trình, nghị quyết của tỉnh đang hỗ trợ nội dung này để người dân dễ đối chiếu."),
    ("1", D, "Giai đoạn đến năm 2030 là dài, nên thí điểm 2 năm rồi đánh giá, điều chỉnh mức hỗ trợ cho phù hợp."),
    ("2", O, "Đề nghị hạ độ tuổi người cao tuổi được hỗ trợ xuống từ đủ 60 tuổi, nhiều người 60 đến 70 tuổi ở xóm cũng chưa biết dùng điện thoại thông minh."),
    ("2", O, "Đề nghị bổ sung các tổ đoàn kết đánh bắt hải sản vào đối tượng áp dụng, bà con đi biển rất cần được hướng dẫn khai báo điện tử."),
    ("2", A, "Đối tượng áp dụng như dự thảo là phù hợp với thực tế của xã."),
    ("2", D, "Không nên chỉ giới hạn hộ nghèo, hộ cận nghèo; hộ mới thoát nghèo còn nhiều khó khăn, đề nghị bổ sung."),
    ("2", O, "Nên bổ sung người lao động đi làm ăn xa, cần làm thủ tục qua mạng cho gia đình ở quê."),
    ("3", A, "Tán thành nguyên tắc không huy động đóng góp bắt buộc của Nhân dân."),
    ("3", O, "Kết quả đánh giá hằng năm của từng khối, xóm nên công khai tại nhà văn hóa và trên nhóm Zalo để Nhân dân cùng giám sát."),
    ("3", O, "Đề nghị làm rõ thế nào là khối, xóm có tỷ lệ sử dụng dịch vụ công trực tuyến thấp, số liệu lấy ở đâu."),
    ("3", D, "Đánh giá bằng số hồ sơ trực tuyến dễ dẫn đến chạy theo thành tích, làm hộ cho dân để đủ chỉ tiêu. Nên đánh giá thêm bằng mức độ hài lòng của người dân."),
    ("4", D, "Mức 300.000 đồng/tháng/tổ là thấp, các cháu đoàn viên đi hướng dẫn buổi tối phải tự lo xăng xe. Đề nghị nâng lên 500.000 đồng/tháng/tổ."),
    ("4", O, "Nên hỗ trợ theo số buổi hướng dẫn thực tế có xác nhận của trưởng xóm, tránh chia đều cho cả tổ không hoạt động."),
    ("4", A, "Tán thành. Tổ công nghệ số xóm tôi hoạt động tốt, bà con được hướng dẫn cài VNeID tận nhà."),
    ("4", O, "Đề nghị quy định số thành viên tối thiểu của mỗi tổ và phải có ít nhất một đoàn viên thanh niên."),
    ("4", D, "Hỗ trợ cước dữ liệu di động là không cần thiết vì nhà văn hóa sẽ có wifi, nên dồn kinh phí cho tập huấn."),
    ("4", O, "Chi trả theo quý thì chậm, đề nghị chi hằng tháng để động viên các tổ."),
    ("4", O, "Nên tập huấn ít nhất 4 lần/năm vì ứng dụng VNeID, Cổng dịch vụ công thay đổi giao diện liên tục."),
    ("5", A, "Rất cần wifi miễn phí ở nhà văn hóa, buổi tối các cháu học sinh có chỗ học trực tuyến."),
    ("5", O, "Nhà văn hóa xóm tôi đã có wifi do bà con tự đóng góp lắp đặt, đề nghị chỉ hỗ trợ cước thuê bao, không lắp mới."),
    ("5", D, "Loa thông minh 15 triệu đồng mỗi xóm là cao, loa truyền thanh cũ vẫn dùng tốt, chỉ cần nâng cấp bộ thu."),
    ("5", O, "Chỉ mở nhà văn hóa tối thứ Bảy thì người làm ca không tranh thủ được, đề nghị mở thêm sáng Chủ nhật."),
    ("5", O, "Cần đặt mật khẩu và tắt wifi sau 22 giờ để tránh thanh niên tụ tập chơi game khuya, gây mất trật tự."),
    ("5", O, "Bảng thông tin có mã QR nên làm bằng tôn hoặc mica, xóm ven biển gió mặn, giấy dán một tháng là hỏng."),
    ("5", A, "Tán thành, có loa thông minh thì bà con đi biển, đi đồng về vẫn nghe lại được thông báo của xã."),
    ("6", O, "Đề nghị hạ độ tuổi được hướng dẫn tận nhà xuống từ đủ 65 tuổi."),
    ("6", A, "Bố mẹ tôi đều ngoài 75 tuổi, được các cháu trong tổ đến tận nhà hướng dẫn thì rất tốt. Tán thành."),
    ("6", O, "Khi hướng dẫn tại nhà nên có hai thành viên của tổ cùng đi, tuyệt đối không giữ mật khẩu, mã OTP của người dân."),
    ("6", D, "500.000 đồng không mua được điện thoại dùng được VNeID, đề nghị nâng lên 1.000.000 đồng hoặc vận động doanh nghiệp viễn thông tặng máy."),
    ("6", O, "Đề nghị bổ sung người không biết chữ vào đối tượng được hướng dẫn tận nhà."),
    ("6", O, "Nên dán số điện thoại của Tổ công nghệ số ở nhà văn hóa để người già gọi khi cần."),
    ("7", A, "Nhà tôi làm nước mắm, được hướng dẫn bán trên sàn thương mại điện tử thì rất phấn khởi."),
    ("7", O, "Đề nghị hỗ trợ cả cước vận chuyển những đơn hàng đầu tiên, hải sản khô gửi đi xa cước cao."),
    ("7", O, "Ngoài Postmart, Voso nên hướng dẫn bán hàng trên Zalo, Facebook vì bà con quen dùng hơn."),
    ("7", D, "Mỗi hộ chỉ được hỗ trợ một lần trong 5 năm là ít, đề nghị cho hỗ trợ hai lần."),
    ("7", O, "Cần hướng dẫn kỹ về kê khai thuế đối với hộ bán hàng trực tuyến để bà con yên tâm làm ăn."),
    ("7", O, "Nên ưu tiên hợp tác xã và các hộ đã có sản phẩm OCOP trước."),
    ("8", D, "Ngân sách xã còn khó khăn, nên ưu tiên làm đường, sửa cống trước; chuyển đổi số làm từng bước."),
    ("8", O, "Đề nghị công khai dự toán và kết quả sử dụng kinh phí từng năm trên Trang thông tin điện tử xã."),
    ("8", O, "Nên vận động doanh nghiệp viễn thông tài trợ wifi và loa để giảm chi ngân sách xã."),
    ("8", A, "Tán thành việc lồng ghép nguồn kinh phí chương trình xây dựng nông thôn mới."),
    ("9", O, "Đề nghị ghi rõ bộ phận nào của UBND xã chủ trì, tránh giao chung chung."),
    ("9", O, "Ban công tác Mặt trận khối, xóm nên được tham gia nghiệm thu thiết bị lắp tại nhà văn hóa."),
    ("9", A, "Tán thành giao HĐND và Ủy ban MTTQ xã giám sát."),
    ("9", O, "Hằng năm nên lấy ý kiến người dân về hoạt động của Tổ công nghệ số như đợt khảo sát dịch vụ công trực tuyến này."),
    ("10", O, "Đề nghị Nghị quyết có hiệu lực sớm để kịp hỗ trợ các tổ ngay trong năm."),
    ("10", D, "Nên quy định hiệu lực đến hết năm 2028 rồi tổng kết, không nên để đến 2030."),
    (None, A, "Dự thảo thiết thực, hợp lòng dân. Tán thành toàn bộ."),
    (None, O, "Văn bản còn nhiều từ chuyên môn, đề nghị khi phổ biến ở xóm có bản tóm tắt ngắn gọn, dễ hiểu cho người cao tuổi."),
    (None, O, "Đề nghị đọc nội dung dự thảo trên loa truyền thanh để bà con không dùng điện thoại cũng biết mà góp ý."),
    (None, D, "Nhiều hộ trong xóm chưa có internet, làm chuyển đổi số bây giờ là sớm, nên lo hạ tầng trước."),
    (None, O, "Cần quan tâm phòng chống lừa đảo qua mạng, nhiều người già bị gọi điện giả danh công an yêu cầu cài ứng dụng lạ."),
    (None, A, "Tán thành cao, mong sớm được thông qua để triển khai."),
    (None, O, "Đề nghị có hình thức khen thưởng cho khối, xóm dẫn đầu để tạo phong trào thi đua."),
))

#: What most residents write when they simply agree (often nothing at all).
SHORT_AGREEMENT = ("", "", "", "Tán thành.", "Nhất trí.", "Đồng ý với dự thảo.", "Tán thành nội dung điều này.")

#: Comments a moderator would not publish, with the reason they give.
REJECTED = (
    (RejectReason.SPAM, "Nhận lắp đặt wifi, camera giá rẻ tại nhà, bảo hành 2 năm, liên hệ Zalo để được tư vấn miễn phí."),
    (RejectReason.OFF_TOPIC, "Đèn đường đoạn từ chợ ra quốc lộ hỏng cả tháng nay, đề nghị xã cho sửa sớm."),
    (RejectReason.ABUSIVE, "Làm thì ít mà bày vẽ thì nhiều, toàn lũ ăn hại!"),
    (RejectReason.PERSONAL_DATA, "Tôi tên Trần Văn Bình, số điện thoại 0900000777, nhờ tổ công nghệ số gọi lại hướng dẫn tôi cài VNeID."),
)

#: A comment published after personal data was edited out (redacted).
REDACTED = CommentText(
    "4", Stance.OTHER,
    "Đề nghị Tổ công nghệ số xóm tôi (anh [đã ẩn] phụ trách) hướng dẫn thêm vào tối thứ Tư, "
    "thứ Bảy nhiều người đi đám cưới, đám giỗ.",
)
