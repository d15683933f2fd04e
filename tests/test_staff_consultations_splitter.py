"""Pasting a whole draft and getting its articles: real drafts' style, messy pastes, properties."""
from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings, strategies as st

from consult.staff_consultations.splitter import split_document, split_draft
from consult.text import clean_text, slugify

#: A draft resolution of the kind a commune People's Council consults residents on.
DRAFT_RESOLUTION = """\
HỘI ĐỒNG NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ DIỄN CHÂU                 Độc lập - Tự do - Hạnh phúc

Số:    /NQ-HĐND            Diễn Châu, ngày    tháng    năm 2026

DỰ THẢO

NGHỊ QUYẾT
Quy định nội dung, mức hỗ trợ xây dựng đường giao thông nông thôn
trên địa bàn xã Diễn Châu giai đoạn 2026 - 2030

HỘI ĐỒNG NHÂN DÂN XÃ DIỄN CHÂU
KHÓA I, KỲ HỌP THỨ ...

Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;
Xét Tờ trình số .../TTr-UBND của Ủy ban nhân dân xã; ý kiến thảo luận của đại biểu Hội đồng nhân dân xã tại kỳ họp.

QUYẾT NGHỊ:

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định nội dung, mức hỗ trợ từ ngân sách xã để xây dựng, cải tạo đường giao thông nông thôn trên địa bàn xã Diễn Châu giai đoạn 2026 - 2030.

Điều 2. Đối tượng áp dụng
1. Các xóm, khối trên địa bàn xã.
2. Hộ gia đình, cá nhân có đất hiến để mở rộng đường.
3. Cơ quan, tổ chức, cá nhân có liên quan.

Điều 3. Nguyên tắc hỗ trợ
1. Nhà nước và Nhân dân cùng làm; Nhân dân bàn, quyết định và giám sát.
2. Công khai, minh bạch; ưu tiên tuyến đường có nhiều hộ dân hưởng lợi.
3. Không hỗ trợ trùng với chương trình khác; thực hiện theo Điều 5 của Luật Ngân sách nhà nước.

Chương II
NỘI DUNG VÀ MỨC HỖ TRỢ

Điều 4. Hỗ trợ xi măng
Ngân sách xã hỗ trợ 100% xi măng cho các tuyến đường xóm có mặt đường rộng từ 3 m trở lên.

Điều 5. Hỗ trợ làm cống thoát nước
a) Cống tròn đường kính dưới 60 cm: 1.500.000 đồng/mét;
b) Cống hộp: 3.000.000 đồng/mét.

Điều 6. Hỗ trợ hộ hiến đất
Hộ gia đình hiến từ 20 m² đất trở lên được hỗ trợ 500.000 đồng/m² tường rào, cổng phải tháo dỡ.

Điều 7. Mức đóng góp của Nhân dân
Mức đóng góp do hội nghị xóm bàn và quyết định; không bắt buộc đối với hộ nghèo, hộ cận nghèo.

Chương III
TỔ CHỨC THỰC HIỆN

Điều 8. Trình tự thực hiện
1. Xóm tổ chức hội nghị, lập danh sách tuyến đường, đăng ký với Ủy ban nhân dân xã trước ngày 31 tháng 3 hằng năm.
2. Ủy ban nhân dân xã thẩm định, phê duyệt danh mục và công khai tại nhà văn hóa xóm.

Điều 9. Giám sát
Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng giám sát việc sử dụng vật liệu và chất lượng công trình.

Điều 10. Hiệu lực thi hành
1. Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2027.
2. Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết này.

Nơi nhận:
- Thường trực HĐND xã;
- UBND xã;
- Lưu: VT.

CHỦ TỊCH
"""

#: The plans in ../shared/seeds/ (Roman sections, numbered subsections, Markdown from a converter).
SEED_MARKDOWN_PLAN = """\
## **KẾ HOẠCH**

### **Thực hiện công tác Chuyển đổi số năm 2026**

Ban thường trực Ủy ban MTTQ Việt Nam xã Diễn Châu xây dựng Kế hoạch thực hiện công tác Chuyển đổi số năm 2026 như sau:

#### **I. MỤC ĐÍCH, YÊU CẦU**

##### **1. Mục đích**

- Đổi mới nội dung, phương thức công tác tuyên truyền, vận động theo hướng hiện đại, linh hoạt.

##### **2. Yêu cầu**

- Đảm bảo tính khả thi, thiết thực, hiệu quả; tránh hình thức, phô trương.

#### **III. NỘI DUNG, NHIỆM VỤ**

**a. Tận dụng trang thông tin điện tử, fanpage Facebook, Zalo OA của MTTQ xã làm kênh chính thức tuyên truyền.**

- Đăng tải kịp thời các chủ trương, đường lối của Đảng.

#### **IV. KINH PHÍ THỰC HIỆN**

- Đề nghị xã hỗ trợ;

- Các nguồn vốn huy động hợp pháp theo quy định của pháp luật.
"""

SEED_PLAIN_PLAN = """\
Số:13/KH-MTTQ-BTT

Bắc Thanh Miện, ngày 30 tháng 3 năm 2026

KẾ HOẠCH

Thực hiện Nghị quyết 57 về đột phá phát triển khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

- Cụ thể hóa Nghị quyết 57 phù hợp điều kiện thực tiễn của xã Bắc Thanh Miện.

2. Yêu cầu

- Lấy người dân làm trung tâm, dễ hiểu, dễ thực hiện.

II. MỤC TIÊU

1. Mục tiêu tổng quát

Nâng cao nhận thức, tạo sự đồng thuận trong Nhân dân về chuyển đổi số.

III. NHIỆM VỤ VÀ GIẢI PHÁP

1. Công tác tuyên truyền, vận động

- Hệ thống loa phát thanh của xã; Trang Fanpage của MTTQ và các tổ chức chính trị - xã hội.

Nơi nhận:

- Ban Thường trực UB MTTQ Tỉnh;
- Lưu.

T/M BAN THƯỜNG TRỰC
"""

SEED_APPENDIX = """\
VII. CHẾ ĐỘ BÁO CÁO

- Các bộ phận, đơn vị, xóm, khối thực hiện chế độ báo cáo định kỳ 6 tháng, năm.

Nơi nhận:

- BTV Đảng ủy;
- Lưu: VT, VHXXH (Thanh)/.

PHÓ CHỦ TỊCH

PHỤ LỤC
PHÂN CÔNG NHIỆM VỤ VÀ TIẾN ĐỘ THỰC HIỆN
(Kèm theo Kế hoạch số .../KH-UBND ngày .../4/2026 của UBND xã Diễn Châu)

I. BẢNG PHÂN CÔNG NHIỆM VỤ

STT\tNhiệm vụ\tĐơn vị chủ trì\tSản phẩm/Kết quả
1\tXây dựng kế hoạch triển khai\tPhòng VHXXH\tKế hoạch ban hành
2\tTuyên truyền Nghị quyết 57\tPhòng VHXXH\tHội nghị, tài liệu

3\tXây dựng nhóm Zalo cộng đồng\tCác xóm\tNhóm hoạt động hiệu quả
"""


def _titles(articles):
    return [article.title for article in articles]


# --- the drafts' style ----------------------------------------------------------------

def test_a_ten_article_draft_resolution_splits_into_its_articles():
    split = split_document(DRAFT_RESOLUTION)
    assert split.style == "dieu"
    assert [a.number for a in split.articles] == [str(n) for n in range(1, 11)]
    assert all(a.label == "Điều" for a in split.articles)
    assert split.articles[0].title == "Điều 1. Phạm vi điều chỉnh"
    assert split.articles[9].heading == "Hiệu lực thi hành"
    assert split.articles[0].chapter == "Chương I. QUY ĐỊNH CHUNG"
    assert split.articles[4].chapter == "Chương II. NỘI DUNG VÀ MỨC HỖ TRỢ"
    assert split.articles[9].chapter == "Chương III. TỔ CHỨC THỰC HIỆN"
    # The text before Chương I is the preamble; "Nơi nhận" and the signature are the closing.
    assert split.preamble.startswith("HỘI ĐỒNG NHÂN DÂN")
    assert "QUYẾT NGHỊ:" in split.preamble and "Căn cứ Luật Thực hiện dân chủ" in split.preamble
    assert "Chương I" not in split.preamble
    assert split.closing.startswith("Nơi nhận:") and "CHỦ TỊCH" in split.closing
    assert "Nơi nhận" not in split.articles[9].body
    assert not split.repeated_numbers and not split.numbers_out_of_order


def test_bodies_keep_each_pasted_line_as_its_own_paragraph_or_list_item():
    articles = split_draft(DRAFT_RESOLUTION)
    # "a) …" and "b) …" would run together in Markdown without a blank line between them.
    assert articles[4].body == (
        "a) Cống tròn đường kính dưới 60 cm: 1.500.000 đồng/mét;\n\nb) Cống hộp: 3.000.000 đồng/mét."
    )
    assert articles[1].body.splitlines() == [
        "1. Các xóm, khối trên địa bàn xã.",
        "2. Hộ gia đình, cá nhân có đất hiến để mở rộng đường.",
        "3. Cơ quan, tổ chức, cá nhân có liên quan.",
    ]


def test_a_citation_of_another_article_inside_a_body_is_not_a_heading():
    articles = split_draft(DRAFT_RESOLUTION)
    assert len(articles) == 10
    assert "theo Điều 5 của Luật Ngân sách nhà nước" in articles[2].body
    body = "Điều 1. Phạm vi\nĐiều 5 của Luật này được áp dụng.\nĐiều 2. Hiệu lực\nKể từ ngày ký."
    assert [a.title for a in split_draft(body)] == ["Điều 1. Phạm vi", "Điều 2. Hiệu lực"]


def test_a_plan_in_markdown_splits_on_its_roman_sections():
    split = split_document(SEED_MARKDOWN_PLAN)
    assert split.style == "roman"
    assert _titles(split.articles) == ["I. MỤC ĐÍCH, YÊU CẦU", "III. NỘI DUNG, NHIỆM VỤ", "IV. KINH PHÍ THỰC HIỆN"]
    assert all(a.label == "" for a in split.articles)
    assert split.preamble.startswith("## **KẾ HOẠCH**")
    assert "##### **1. Mục đích**" in split.articles[0].body  # subsections stay in the section's text
    assert split.articles[2].body == (
        "- Đề nghị xã hỗ trợ;\n\n- Các nguồn vốn huy động hợp pháp theo quy định của pháp luật."
    )


def test_a_plain_plan_splits_on_roman_sections_and_leaves_numbered_subsections_in_the_text():
    split = split_document(SEED_PLAIN_PLAN)
    assert _titles(split.articles) == ["I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU", "III. NHIỆM VỤ VÀ GIẢI PHÁP"]
    assert split.articles[0].body.startswith("1. Mục đích")
    assert "2. Yêu cầu" in split.articles[0].body
    assert "Bắc Thanh Miện, ngày 30 tháng 3 năm 2026" in split.preamble
    assert "T/M BAN THƯỜNG TRỰC" in split.closing
    assert "Nơi nhận" not in split.articles[-1].body


def test_an_appendix_is_one_last_article_with_its_table():
    split = split_document(SEED_APPENDIX)
    titles = _titles(split.articles)
    assert titles == ["VII. CHẾ ĐỘ BÁO CÁO", "Phụ lục. PHÂN CÔNG NHIỆM VỤ VÀ TIẾN ĐỘ THỰC HIỆN"]
    appendix = split.articles[-1]
    assert appendix.label == "Phụ lục"
    # The appendix's own "I." does not start a new article (it would clash with the plan's I).
    assert "I. BẢNG PHÂN CÔNG NHIỆM VỤ" in appendix.body
    # A table copied from Word (tab-separated, with a stray blank line) becomes one Markdown table.
    assert "| STT | Nhiệm vụ | Đơn vị chủ trì | Sản phẩm/Kết quả |\n|---|---|---|---|" in appendix.body
    assert "| 3 | Xây dựng nhóm Zalo cộng đồng | Các xóm | Nhóm hoạt động hiệu quả |" in appendix.body
    assert "PHÓ CHỦ TỊCH" in split.closing


def test_sections_named_muc_become_the_articles_when_there_is_no_dieu():
    text = "Quy chế\n\nMục 1. Đối tượng\nHộ gia đình.\n\nMục 2: Thời gian\nTừ tháng 5.\n"
    split = split_document(text)
    assert split.style == "muc"
    assert _titles(split.articles) == ["Mục 1. Đối tượng", "Mục 2. Thời gian"]
    assert split.preamble == "Quy chế"


def test_a_section_inside_a_chapter_of_a_law_style_draft_joins_the_chapter():
    text = "Chương II. QUẢN LÝ\nMục 1. THU PHÍ\nĐiều 4. Mức thu\nMười nghìn đồng.\nĐiều 5. Miễn thu\nHộ nghèo."
    articles = split_draft(text)
    assert [a.chapter for a in articles] == ["Chương II. QUẢN LÝ — Mục 1. THU PHÍ"] * 2


def test_numbered_items_are_the_last_resort_and_a_restarted_list_stays_inside_an_item():
    text = (
        "Các việc xin ý kiến Nhân dân:\n"
        "1. Làm đường liên xóm\nChiều dài 2 km.\n"
        "2. Lắp điện chiếu sáng\nGồm các việc:\n1. Mua bóng đèn\n2. Lắp cột\n"
        "3. Nạo vét kênh tiêu\nTrước mùa mưa.\n"
    )
    split = split_document(text)
    assert split.style == "numbered"
    assert _titles(split.articles) == ["1. Làm đường liên xóm", "2. Lắp điện chiếu sáng", "3. Nạo vét kênh tiêu"]
    assert split.articles[1].body == "Gồm các việc:\n\n1. Mua bóng đèn\n2. Lắp cột"
    assert split.preamble == "Các việc xin ý kiến Nhân dân:"


def test_an_indented_numbered_line_is_not_a_top_level_item():
    text = "1. Làm đường\n   2. chi tiết thụt lề\n2. Lắp điện\nXong."
    assert _titles(split_draft(text)) == ["1. Làm đường", "2. Lắp điện"]


def test_text_without_headings_gives_no_articles_and_keeps_everything_as_preamble():
    split = split_document("Đây là tờ trình.\nKhông có điều nào cả.")
    assert split.articles == [] and split.style == ""
    assert split.preamble == "Đây là tờ trình.\n\nKhông có điều nào cả."


# --- messy pastes ------------------------------------------------------------------------

def test_heading_punctuation_variants():
    text = "Điều 1: Phạm vi\nA.\nĐiều 2 - Đối tượng\nB.\nĐiều 3 – Giải thích\nC.\nĐIỀU 4. HIỆU LỰC\nD.\nĐiều 5.Thi hành\nE."
    assert _titles(split_draft(text)) == [
        "Điều 1. Phạm vi", "Điều 2. Đối tượng", "Điều 3. Giải thích", "Điều 4. HIỆU LỰC", "Điều 5. Thi hành",
    ]


def test_bold_and_markdown_decorated_headings():
    text = (
        "**Điều 1.** Phạm vi điều chỉnh\nNội dung một.\n"
        "**Điều 2. Đối tượng áp dụng**\nNội dung hai.\n"
        "### Điều 3. Giải thích từ ngữ\nNội dung ba.\n"
        "*Điều 4. Hiệu lực*\nNội dung bốn.\n"
        "Điều 5\\. Tổ chức thực hiện\nNội dung năm.\n"
    )
    articles = split_draft(text)
    assert [a.heading for a in articles] == [
        "Phạm vi điều chỉnh", "Đối tượng áp dụng", "Giải thích từ ngữ", "Hiệu lực", "Tổ chức thực hiện",
    ]
    assert articles[0].body == "Nội dung một."


def test_extra_blank_lines_collapse():
    text = "\n\n\nĐiều 1. Phạm vi\n\n\n\nĐoạn một.\n\n\n\n\nĐoạn hai.\n\n\n\nĐiều 2. Hiệu lực\n\n\nTừ nay.\n\n\n"
    articles = split_draft(text)
    assert articles[0].body == "Đoạn một.\n\nĐoạn hai."
    assert articles[1].body == "Từ nay."


def test_word_bullets_become_markdown_list_items():
    text = (
        "Điều 1. Đối tượng\n"
        "• Hộ gia đình\n◦ Cá nhân\n▪ Tổ chức\n\uf0b7 Hộ kinh doanh\n\uf0a7 Hợp tác xã\n"
        "– Cơ quan\n— Đơn vị\n-Trường học\n- Trạm y tế\no\tNhà văn hóa\n"
    )
    body = split_draft(text)[0].body
    assert body.splitlines() == [
        "- Hộ gia đình", "- Cá nhân", "- Tổ chức", "- Hộ kinh doanh", "- Hợp tác xã",
        "- Cơ quan", "- Đơn vị", "- Trường học", "- Trạm y tế", "- Nhà văn hóa",
    ]


def test_non_breaking_and_odd_spaces_and_invisible_characters():
    text = "Điều\u00a01.\u00a0Phạm\u00a0vi điều\u2009chỉnh\nNội\u00a0dung\u200b một.\ufeff\nĐi\u200bều 2. Hiệu lực\nHai."
    articles = split_draft(text)
    assert _titles(articles) == ["Điều 1. Phạm vi điều chỉnh", "Điều 2. Hiệu lực"]
    assert articles[0].body == "Nội dung một."
    assert not any(ch in a.body + a.heading for a in articles for ch in "\u00a0\u2009\u200b\ufeff")


def test_decomposed_accents_are_normalised_first():
    decomposed = unicodedata.normalize("NFD", DRAFT_RESOLUTION)
    assert decomposed != DRAFT_RESOLUTION
    assert split_document(decomposed) == split_document(DRAFT_RESOLUTION)
    assert split_draft(decomposed)[0].heading == "Phạm vi điều chỉnh"


def test_windows_and_old_mac_line_endings_and_word_manual_line_breaks():
    windows = DRAFT_RESOLUTION.replace("\n", "\r\n")
    assert split_document(windows) == split_document(DRAFT_RESOLUTION)
    assert split_document(DRAFT_RESOLUTION.replace("\n", "\r")) == split_document(DRAFT_RESOLUTION)
    manual = "Điều 1. Phạm vi\x0bNội dung một.\x0bNội dung hai."
    assert split_draft(manual)[0].body == "Nội dung một.\n\nNội dung hai."


def test_heading_text_on_the_line_after_the_number():
    text = "Điều 3.\n\nGiải thích từ ngữ\nTrong Nghị quyết này, các từ ngữ dưới đây được hiểu như sau:\n1. Xóm là…"
    article = split_draft(text)[0]
    assert article.title == "Điều 3. Giải thích từ ngữ"
    assert article.body.startswith("Trong Nghị quyết này")
    # A sentence on the next line is the text, not the heading.
    bare = split_draft("Điều 1.\nBan hành kèm theo Nghị quyết này Quy chế quản lý nhà văn hóa xóm.")[0]
    assert bare.heading == "" and bare.body.startswith("Ban hành kèm theo")


def test_a_bulleted_heading_pasted_from_a_word_list_still_counts():
    assert _titles(split_draft("• Điều 1. Phạm vi\nMột.\n• Điều 2. Hiệu lực\nHai.")) == [
        "Điều 1. Phạm vi", "Điều 2. Hiệu lực",
    ]


def test_repeated_and_out_of_order_numbers_are_reported_for_review():
    split = split_document("Điều 1. A\nx\nĐiều 2. B\ny\nĐiều 2. C\nz\nĐiều 1. D\nw")
    assert len(split.articles) == 4
    assert split.repeated_numbers == ["Điều 2", "Điều 1"]
    assert split.numbers_out_of_order


def test_numbers_with_a_letter_and_long_first_sentences():
    text = "Điều 3a. Bổ sung\nMột.\nĐiều 4. " + "Rất dài " * 60 + "\nHai."
    articles = split_draft(text)
    assert articles[0].number == "3a"
    assert articles[1].heading == "" and articles[1].body.startswith("Rất dài")


# --- properties ----------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "xã", "xóm", "Nhân", "dân", "góp", "ý", "đường", "giao", "thông", "hộ", "gia", "đình", "ngân", "sách",
    "hỗ", "trợ", "mức", "thu", "phí", "Ủy", "ban", "2026", "nghìn", "đồng", "quy", "định", "áp", "dụng",
])
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=8).map(" ".join)
_HEADING_FORMS = st.sampled_from(["Điều {n}. {h}", "Điều {n}: {h}", "Điều {n} - {h}", "**Điều {n}.** {h}",
                                  "**Điều {n}. {h}**", "ĐIỀU {n}. {h}", "Điều {n}.\n{h}"])
_NOISE = st.sampled_from(["\n", "\n\n", "\n\n\n", "\r\n", "\r\n\r\n", "\n \u00a0\n"])


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_generated_dieu_documents_keep_their_order_and_every_word(data):
    count = data.draw(st.integers(min_value=1, max_value=12), label="articles")
    preamble = data.draw(_SENTENCE, label="preamble")
    parts = [preamble.capitalize() + "."]
    expected = []
    for n in range(1, count + 1):
        heading = data.draw(_SENTENCE, label="heading").capitalize()
        paragraphs = data.draw(st.lists(_SENTENCE.map(lambda s: s.capitalize() + "."), max_size=3), label="body")
        form = data.draw(_HEADING_FORMS, label="form")
        bullet = data.draw(st.sampled_from(["", "• ", "- ", "– "]), label="bullet")
        parts.append(form.format(n=n, h=heading))
        parts.extend(bullet + paragraph for paragraph in paragraphs)
        expected.append((str(n), heading, paragraphs))
    text = "".join(part + data.draw(_NOISE, label="gap") for part in parts)
    if data.draw(st.booleans(), label="decompose"):
        text = unicodedata.normalize("NFD", text)

    split = split_document(text)
    assert [a.number for a in split.articles] == [number for number, _, _ in expected]
    assert [a.heading for a in split.articles] == [heading for _, heading, _ in expected]
    for article, (_, _, paragraphs) in zip(split.articles, expected):
        assert _words(article.body) == _words(" ".join(paragraphs))
    assert _words(split.preamble) == _words(preamble)


_MESSY = st.text(
    alphabet=st.sampled_from(list("abcđêơưàảãáạ ĐIỀUđiềuChươngMụcPhụlụcIVX0123456789.:-–•*#()\n\r\u00a0")),
    max_size=400,
)


@settings(max_examples=300, deadline=None)
@given(_MESSY)
def test_splitting_never_loses_text(text):
    split = split_document(text)
    parts = [split.preamble, split.closing]
    for article in split.articles:
        parts += [article.label, article.number, article.heading, article.body, article.chapter]
    assert set(_words(clean_text(text))) <= set(_words(" ".join(parts)))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_slugify_is_ascii_idempotent_and_trimmed(title):
    slug = slugify(title)
    assert slug.isascii()
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) or slug == ""
    assert slugify(slug) == slug
    assert not slug.startswith("-") and not slug.endswith("-")


def test_slugify_vietnamese_titles():
    assert slugify("Dự thảo Nghị quyết về mức thu phí vệ sinh năm 2026") == "du-thao-nghi-quyet-ve-muc-thu-phi-ve-sinh-nam-2026"
    assert slugify("  Đường GTNT — xóm Đông  ") == "duong-gtnt-xom-dong"
