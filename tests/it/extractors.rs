//! Each extractor on the shapes real documents use, and on the near misses it must refuse.

use vanban::extract::Extractor;
use vanban::model::Extract;

fn ex(text: &str) -> Extract {
    Extractor::built_in().extract_text(&format!("{text}\n"))
}

fn ids(text: &str) -> Vec<String> {
    ex(text).references.into_iter().map(|r| r.id).collect()
}

// ---------- references ----------

#[test]
fn an_id_is_read_the_same_way_as_own_number_and_as_reference() {
    // The type code of a party body's id comes after the number (`93-KL/TW`): the own number
    // of a document without a heading gets its type from it as a reference does.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/ket-luan-ban-bi-thu-pho-bien-phap-luat-2024.md"
    );
    let doc = vanban::load(std::path::Path::new(path), &Default::default()).unwrap();
    let own = Extractor::built_in().extract(&doc).meta;
    assert_eq!(own.number.as_deref(), Some("93-KL/TW"));
    assert_eq!(own.doc_type.as_deref(), Some("Kết luận"));
    let cited = ex("Thực hiện Kết luận số 93-KL/TW của Ban Bí thư").references;
    assert_eq!(cited[0].doc_type.as_deref(), Some("Kết luận"));
    let id = Extractor::built_in().doc_id("93-kl/tw").unwrap();
    assert_eq!((id.type_code(), id.issuer_code()), ("KL", Some("TW")));
    assert_eq!(id.key(), vanban::model::id_key("93-KL/TW"));
}

#[test]
fn reference_shapes() {
    assert_eq!(
        ids("Quyết định số 3241/QĐ-UBND ngày 03/6/2022"),
        ["3241/QĐ-UBND"]
    );
    assert_eq!(
        ids("theo Nghị định 42/2022/NĐ-CP của Chính phủ"),
        ["42/2022/NĐ-CP"]
    );
    assert_eq!(
        ids("Công văn 2995/UBND-VX về việc đánh giá"),
        ["2995/UBND-VX"]
    );
    assert_eq!(
        ids("Kế hoạch số 71-KH/HU và Nghị quyết 04-NQ/TU"),
        ["71-KH/HU", "04-NQ/TU"]
    );
    assert_eq!(ids("Quyết định số 861/QĐ-UBND-HC"), ["861/QĐ-UBND-HC"]);
    assert_eq!(
        ids("Công văn số 1453/STTTT-CNTT-BCVT"),
        ["1453/STTTT-CNTT-BCVT"]
    );
    assert_eq!(
        ids("Danh sách thành viên (kèm theo Quyết định số 88/QĐ-BCĐCĐS)"),
        ["88/QĐ-BCĐCĐS"]
    );
    assert_eq!(ids("Luật số 20/2023/QH15"), ["20/2023/QH15"]);
}

#[test]
fn folded_and_spaced_forms_give_the_canonical_id() {
    assert_eq!(ids("Quyết định 45 / 2016 / QĐ - TTg"), ["45/2016/QĐ-TTg"]);
    assert_eq!(ids("Quyết định 45/2016/QD-TTg"), ["45/2016/QĐ-TTg"]);
    assert_eq!(ids("Kế hoạch 2198 /KH – UBND"), ["2198/KH-UBND"]);
}

#[test]
fn reference_date_issuer_title_and_type() {
    let f = ex("Thực hiện Kế hoạch số 1086/KH-UBND ngày 28 tháng 4 năm 2023 của Ủy ban nhân dân tỉnh về chuyển đổi số năm 2023; Công văn 655/UBND-VX.");
    let r = &f.references[0];
    assert_eq!(r.doc_type.as_deref(), Some("Kế hoạch"));
    assert_eq!(r.date.as_deref(), Some("2023-04-28"));
    assert_eq!(r.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh"));
    assert_eq!(r.title.as_deref(), Some("chuyển đổi số năm 2023"));
    assert_eq!(
        r.text,
        "Kế hoạch số 1086/KH-UBND ngày 28 tháng 4 năm 2023 của Ủy ban nhân dân tỉnh"
    );
    // The date is listed in `dates` too.
    assert!(f.dates.iter().any(|d| d.value == "2023-04-28"));
    // A code with an issuer first is a Công văn; no date follows.
    assert_eq!(f.references[1].doc_type.as_deref(), Some("Công văn"));
    assert_eq!(f.references[1].date, None);
    // Type inferred from the code when no words name it.
    assert_eq!(
        ex("62/KH-UBND").references[0].doc_type.as_deref(),
        Some("Kế hoạch")
    );
}

#[test]
fn quoted_title() {
    let f = ex("Kế hoạch số 2694/KH-UBND ngày 18/5/2022 về thực hiện Đề án “Nâng cao nhận thức, phổ cập kỹ năng số” trên địa bàn huyện");
    assert_eq!(
        f.references[0].title.as_deref(),
        Some("Đề án “Nâng cao nhận thức, phổ cập kỹ năng số”")
    );
}

#[test]
fn roles_from_the_sentence() {
    let f = ex("Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020; Nghị định 42/2022/NĐ-CP ngày 24/6/2022;\n\
                Thực hiện Kế hoạch số 2198/KH-UBND ngày 28/4/2022 về thực hiện chuyển đổi số; Kế hoạch số 2223/KH-UBND ngày 29/4/2022, huyện báo cáo.\n\
                Quyết định này thay thế Quyết định số 2214/QĐ-UBND; bãi bỏ Quyết định số 1187/QĐ-UBND.\n\
                Sửa đổi Điều 2 Quyết định số 15/QĐ-UBND.\n\
                Ủy ban nhân dân huyện đã ban hành Quyết định số 3241/QĐ-UBND.");
    let roles: Vec<(&str, &str)> = f
        .references
        .iter()
        .map(|r| (r.id.as_str(), r.role.as_str()))
        .collect();
    assert_eq!(
        roles,
        [
            ("749/QĐ-TTg", "legal_basis"),
            ("42/2022/NĐ-CP", "legal_basis"),
            ("2198/KH-UBND", "implements"),
            ("2223/KH-UBND", "implements"),
            ("2214/QĐ-UBND", "replaces"),
            ("1187/QĐ-UBND", "repeals"),
            ("15/QĐ-UBND", "amends"),
            ("3241/QĐ-UBND", "mention"),
        ]
    );
}

#[test]
fn a_reference_broken_across_lines_and_in_a_table_row() {
    let f = ex("Thực hiện Kế hoạch số\n2198/KH-UBND ngày 28/4/2022");
    assert_eq!(f.references[0].id, "2198/KH-UBND");
    assert_eq!(
        f.references[0].text,
        "Kế hoạch số 2198/KH-UBND ngày 28/4/2022"
    );
    let f = ex("1\t62/KH-UBND\t10/04/2024\tUBND huyện");
    assert_eq!(f.references[0].date.as_deref(), Some("2024-04-10"));
}

#[test]
fn own_number_goes_to_meta_not_references() {
    let f = ex("ỦY BAN NHÂN DÂN\nHUYỆN THÁP MƯỜI\nSố: 2183/BC-UBND\nTháp Mười, ngày 28 tháng 3 năm 2023\n\nBÁO CÁO\nKết quả thực hiện chuyển đổi số\n\nThực hiện Kế hoạch số 2198/KH-UBND.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An");
    assert_eq!(f.meta.number.as_deref(), Some("2183/BC-UBND"));
    assert_eq!(f.meta.kind.as_str(), "report");
    assert_eq!(f.meta.place.as_deref(), Some("Tháp Mười"));
    assert_eq!(f.meta.date.as_deref(), Some("2023-03-28"));
    assert_eq!(
        f.meta.title.as_deref(),
        Some("Kết quả thực hiện chuyển đổi số")
    );
    assert_eq!(
        f.meta.issuer.as_deref(),
        Some("ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI")
    );
    assert_eq!(f.meta.signer.as_deref(), Some("Nguyễn Văn An"));
    let ids: Vec<&str> = f.references.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["2198/KH-UBND"]);
}

#[test]
fn draft_meta_blank_number_and_day() {
    let f = ex("Số:    /KH-UBND\nTháp Mười, ngày      tháng 6 năm 2024\n\nKẾ HOẠCH\nChuyển đổi số");
    assert_eq!(f.meta.number, None);
    assert_eq!(f.meta.kind.as_str(), "plan");
    assert_eq!(f.meta.date.as_deref(), Some("2024-06"));
    let f = ex("Số: /KH-UBND\nTháp Mười, ngày   tháng   năm 2022");
    assert_eq!(f.meta.date, None);
    assert_eq!(f.meta.place.as_deref(), Some("Tháp Mười"));
}

#[test]
fn not_references() {
    for text in [
        "mạng 4G/5G",
        "hoạt động 24/7",
        "tỷ lệ 2.400/4.611 hồ sơ",
        "ngày 28/4/2022",
        "Đề án 06/CP",
        "đi/đến",
        "năm học 2021/2022",
    ] {
        assert!(ids(text).is_empty(), "{text}: {:?}", ids(text));
    }
}

// ---------- dates and periods ----------

fn date_values(text: &str) -> Vec<String> {
    ex(text).dates.into_iter().map(|d| d.value).collect()
}

#[test]
fn date_forms() {
    assert_eq!(
        date_values("ngày 28/4/2022 và 09/09/2021"),
        ["2022-04-28", "2021-09-09"]
    );
    assert_eq!(
        date_values("Tháp Mười, ngày 28 tháng 3 năm 2023"),
        ["2023-03-28"]
    );
    assert_eq!(date_values("trong tháng 6 năm 2024"), ["2024-06"]);
    assert_eq!(date_values("ngày 22/11/2022."), ["2022-11-22"]);
    assert_eq!(date_values("ngày 15.11.2022"), ["2022-11-15"]);
}

#[test]
fn not_dates() {
    for text in [
        "phục vụ 24/7",
        "đạt 12/12 chỉ tiêu",
        "ngày 31/2/2022",
        "ngày 12/13/2022",
        "1.934.512 lượt",
        "ngày 10/10 hằng năm",
    ] {
        assert!(
            date_values(text).is_empty(),
            "{text}: {:?}",
            date_values(text)
        );
    }
}

#[test]
fn period_forms() {
    let f = ex(
        "giai đoạn 2021 – 2025, định hướng đến năm 2030; kế hoạch 2021-2030; 6 tháng đầu năm 2024; quý III/2025",
    );
    let got: Vec<(&str, &str)> = f
        .periods
        .iter()
        .map(|p| (p.from.as_str(), p.to.as_str()))
        .collect();
    // `đến năm 2030` is a horizon, not a period.
    assert_eq!(
        got,
        [
            ("2021", "2025"),
            ("2021", "2030"),
            ("2024-01", "2024-06"),
            ("2025-07", "2025-09")
        ]
    );
    assert!(ex("số điện thoại 2021-2025-333").periods.is_empty());
}

// ---------- fractions ----------

fn fractions(text: &str) -> Vec<(f64, f64, Option<String>)> {
    ex(text)
        .fractions
        .into_iter()
        .map(|f| (f.numerator, f.denominator, f.unit))
        .collect()
}

#[test]
fn fraction_forms() {
    assert_eq!(
        fractions("có 2.400/4.611 hồ sơ"),
        [(2400.0, 4611.0, Some("hồ sơ".into()))]
    );
    assert_eq!(
        fractions("đạt 12/12 chỉ tiêu"),
        [(12.0, 12.0, Some("chỉ tiêu".into()))]
    );
    assert_eq!(
        fractions("05/15 cơ sở"),
        [(5.0, 15.0, Some("cơ sở".into()))]
    );
    assert_eq!(
        fractions("23.676/138.073 công dân"),
        [(23676.0, 138073.0, Some("công dân".into()))]
    );
    assert_eq!(
        fractions("150/100 lượt"),
        [(150.0, 100.0, Some("lượt".into()))]
    );
    assert_eq!(fractions("(12.999/131.823)"), [(12999.0, 131823.0, None)]);
}

#[test]
fn not_fractions() {
    for text in [
        "ngày 28/4/2022",
        "Kế hoạch số 2198/KH-UBND",
        "Quyết định 45/2016/QĐ-TTg",
        "trực 24/7",
        "mạng 4G/5G",
        "tuyến đi/đến",
        "xem https://tinh.gov.vn/2022/12/12",
        "năm học 2021/2022",
        "ngày 12/12",
    ] {
        assert!(fractions(text).is_empty(), "{text}: {:?}", fractions(text));
    }
}

// ---------- percentages ----------

fn percents(text: &str) -> Vec<(f64, Option<String>, Option<String>)> {
    ex(text)
        .percentages
        .into_iter()
        .map(|p| {
            (
                p.value,
                p.qualifier,
                p.comparator.map(|c| c.as_str().to_string()),
            )
        })
        .collect()
}

#[test]
fn percentage_forms_and_decimals() {
    assert_eq!(percents("(52,04%)")[0].0, 52.04);
    assert_eq!(percents("đạt 23.1% kế hoạch")[0].0, 23.1);
    assert_eq!(percents("100 % hồ sơ")[0].0, 100.0);
    assert_eq!(percents("tăng 20%/năm")[0].0, 20.0);
    // Thousands dots are never read as decimals.
    assert_eq!(percents("tăng 1.200%")[0].0, 1200.0);
}

#[test]
fn percentage_qualifiers() {
    let q = |t: &str| percents(t)[0].2.clone();
    assert_eq!(q("Ít nhất 80% hồ sơ").as_deref(), Some(">="));
    assert_eq!(q("Trên 55% doanh nghiệp").as_deref(), Some(">"));
    assert_eq!(
        q("60% dân số trở lên").as_deref(),
        None,
        "`trở lên` must follow the number"
    );
    assert_eq!(q("đạt 95% trở lên").as_deref(), Some(">="));
    assert_eq!(q("tăng tối thiểu 7%").as_deref(), Some(">="));
    assert_eq!(q("khoảng 51,1% hộ").as_deref(), Some("~"));
    assert_eq!(q("dưới 5%").as_deref(), Some("<"));
    assert_eq!(q("tối đa 10%").as_deref(), Some("<="));
    assert_eq!(percents("khoảng 51,1% hộ")[0].1.as_deref(), Some("khoảng"));
    assert_eq!(q("có 10% doanh nghiệp"), None);
}

// ---------- money ----------

fn money(text: &str) -> Vec<f64> {
    ex(text).money.into_iter().map(|m| m.value_vnd).collect()
}

#[test]
fn money_forms() {
    assert_eq!(money("Kinh phí: 1.937.640.550 đồng"), [1937640550.0]);
    assert_eq!(money("giải ngân 623.000.000đ."), [623000000.0]);
    assert_eq!(money("khoảng 3.8 tỷ đồng"), [3800000000.0]);
    assert_eq!(money("kinh phí dự kiến khoản 3,8 tỷ"), [3800000000.0]);
    assert_eq!(money("45 triệu đồng"), [45000000.0]);
    assert_eq!(money("500.000 VNĐ"), [500000.0]);
}

#[test]
fn not_money() {
    for text in [
        "02 đồng chí tham dự",
        "Tổ công nghệ số cộng đồng",
        "đồng bộ 14 hệ thống",
        "3 triệu người dân",
        "12 điểm",
    ] {
        assert!(money(text).is_empty(), "{text}: {:?}", money(text));
    }
}

#[test]
fn a_table_header_names_money_by_the_scales_and_currencies_of_the_rules() {
    // `tỉ đồng` and `ngàn đồng` are scales of `money.toml` as much as `tỷ đồng`; a place
    // named `Đông …` is no currency.
    let e = ex(
        "| STT | Nội dung | Kinh phí tỉ đồng | Phí ngàn đồng | Xã Đông Hòa |\n\
                |---|---|---|---|---|\n\
                | 1 | Thu phí | 1,5 | 350 | 12 |",
    );
    let got: Vec<f64> = e.money.iter().map(|m| m.value_vnd).collect();
    assert_eq!(got, [1_500_000_000.0, 350_000.0]);
}

#[test]
fn every_mention_has_its_line_and_text() {
    let f = ex("Dòng một.\nĐạt 2.400/4.611 hồ sơ (52,04%), kinh phí 623.000.000đ.");
    assert_eq!(
        (f.fractions[0].line, f.fractions[0].text.as_str()),
        (2, "2.400/4.611")
    );
    assert_eq!(
        (f.percentages[0].line, f.percentages[0].text.as_str()),
        (2, "52,04%")
    );
    assert_eq!(
        (f.money[0].line, f.money[0].text.as_str()),
        (2, "623.000.000đ")
    );
}

// ---------- titles ----------

#[test]
fn a_title_may_begin_with_the_words_that_open_a_body() {
    let title = |text: &str| ex(text).meta.title;
    // The title itself begins with `Thực hiện` or `Theo`.
    assert_eq!(
        title("ỦY BAN NHÂN DÂN\nXÃ ĐÔNG HƯNG\nSố: 14/KH-UBND\n\nKẾ HOẠCH\nThực hiện công tác cải cách hành chính năm 2023\n\nCăn cứ Kế hoạch số 5/KH-UBND ngày 02/01/2023 của UBND huyện;"),
        Some("Thực hiện công tác cải cách hành chính năm 2023".to_string())
    );
    assert_eq!(
        title("SỞ Y TẾ\nSố: 88/BC-SYT\n\nBÁO CÁO\nTheo dõi dịch bệnh tháng 5 năm 2021\n"),
        Some("Theo dõi dịch bệnh tháng 5 năm 2021".to_string())
    );
    // A body sentence right under the heading is no title.
    assert_eq!(
        title("ỦY BAN NHÂN DÂN\nSố: 9/KH-UBND\n\nKẾ HOẠCH\nThực hiện Kế hoạch số 3/KH-UBND ngày 02/01/2023 của huyện,\nỦy ban nhân dân xã ban hành kế hoạch như sau:"),
        None
    );
}

#[test]
fn a_code_letter_printed_twice_by_ocr_is_read_once() {
    assert_eq!(
        ids("Quyết định số 1629/QĐĐ-UBND ngày 27/6/2025"),
        ["1629/QĐ-UBND"]
    );
    assert_eq!(
        ids("Kế hoạch số 51/KHH-UBND ngày 02/3/2024"),
        ["51/KH-UBND"]
    );
    // Codes that are written with a double letter, or that no rule knows, keep their letters.
    assert_eq!(
        ids("Thông tư số 12/2020/TT-BTC ngày 05/3/2020"),
        ["12/2020/TT-BTC"]
    );
    assert_eq!(ids("Kế hoạch số 7/KH-CCHC ngày 05/3/2020"), ["7/KH-CCHC"]);
}

// ---------- tables ----------

#[test]
fn a_plan_tables_past_year_column_is_its_baseline_not_a_target() {
    let e = ex("UBND XÃ TÂN HÒA\nSố: 8/KH-UBND\nTân Hòa, ngày 10 tháng 01 năm 2022\n\nKẾ HOẠCH\nCải cách hành chính năm 2022\n\nChỉ tiêu cụ thể:\nSTT\tChỉ tiêu\tNăm 2021\tKế hoạch 2022\n1\tHồ sơ giải quyết đúng hạn\t91%\tít nhất 98%\n");
    let targets: Vec<f64> = e.targets.iter().map(|t| t.value).collect();
    assert_eq!(targets, [98.0], "{:?}", e.targets);
    assert!(
        e.results.iter().any(|r| r.stated_percent == Some(91.0)),
        "{:?}",
        e.results
    );
}

#[test]
fn a_figure_that_is_the_condition_of_a_rule_is_no_target() {
    let e = ex("SỞ NỘI VỤ\nSố: 12/HD-SNV\n\nHƯỚNG DẪN\nĐánh giá cán bộ năm 2024\n\nĐơn vị có trên 25% số người chưa hoàn thành nhiệm vụ thì người đứng đầu không được xếp loại xuất sắc.\nCác đơn vị bảo đảm trên 90% hồ sơ đánh giá được nộp đúng hạn.\n");
    let values: Vec<f64> = e.targets.iter().map(|t| t.value).collect();
    assert_eq!(values, [90.0], "{:?}", e.targets);
    // `thi` without its accent (an exam, emulation) is no condition.
    let e = ex("SỞ GIÁO DỤC\nSố: 3/HD-SGD\n\nHƯỚNG DẪN\nTổ chức kỳ thi năm 2024\n\nBảo đảm trên 95% thí sinh dự thi đúng giờ.\n");
    assert_eq!(e.targets.len(), 1, "{:?}", e.targets);
}

const DIRECTIVE_HEAD: &str = "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC\nSố: 09/CT-UBND\nBình Phước, ngày 14 tháng 11 năm 2025\nCHỈ THỊ\nVề phòng, chống cháy rừng mùa khô\n";

#[test]
fn rule_words_written_with_accents_keep_them() {
    // `Mỗi cơ quan` folds like the achieved words `mới có`: its figure stays a requirement.
    let e = ex(&format!(
        "{DIRECTIVE_HEAD}a) Mỗi cơ quan kiểm tra ít nhất 02 lần trong mùa khô.\n"
    ));
    assert_eq!(e.targets.len(), 1, "{:?}", e.targets);
    assert_eq!(
        (e.targets[0].value, e.targets[0].unit.as_str()),
        (2.0, "lần")
    );
    // Written without any accents, the same words still count.
    let e = ex(&format!(
        "{DIRECTIVE_HEAD}a) Xa moi co 3/4 thon (dat 75%) co to cong nghe so.\n"
    ));
    assert_eq!(e.results.len(), 1, "{:?}", e.results);
}

#[test]
fn a_share_in_brackets_makes_its_count_a_result_in_a_directive() {
    let e = ex(&format!(
        "{DIRECTIVE_HEAD}Năm 2025 xảy ra 58 vụ cháy rừng, giảm 9 vụ (13,43%) so với năm 2024. \
         Toàn tỉnh có 212/230 tổ đội xung kích (đạt 92,17%) được huấn luyện nghiệp vụ.\n"
    ));
    let mut got: Vec<_> = e
        .results
        .iter()
        .map(|r| (r.numerator, r.denominator, r.stated_percent))
        .collect();
    got.sort_by(|a, b| a.2.partial_cmp(&b.2).unwrap());
    assert_eq!(
        got,
        [
            (None, None, Some(13.43)),
            (Some(212.0), Some(230.0), Some(92.17))
        ]
    );
    assert!(e
        .results
        .iter()
        .any(|r| r.numerator.is_some() && r.indicator.contains("tổ đội xung kích")));
    assert!(e.targets.is_empty(), "{:?}", e.targets);
}

#[test]
fn a_table_cell_may_name_its_own_unit_and_a_bare_rate_column_is_the_ratio() {
    let e = ex(
        "UBND HUYỆN ĐẠ TẺH\nSố: 77/BC-UBND\nĐạ Tẻh, ngày 05 tháng 10 năm 2023\nBÁO CÁO\n\
         Kết quả 9 tháng năm 2023\nI. KẾT QUẢ\n\
         STT\tChỉ tiêu\tKế hoạch năm 2023\tThực hiện 9 tháng\tTỷ lệ\n\
         1\tThôn có tổ công nghệ số\t42 thôn\t40 thôn\t95,24%\n\
         2\tTrường dùng sổ điểm điện tử\t18 trường\t12 trường\t66,67%\n",
    );
    let targets: Vec<_> = e
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_str(), t.line))
        .collect();
    assert_eq!(targets, [(42.0, "thôn", 8), (18.0, "trường", 9)]);
    let results: Vec<_> = e
        .results
        .iter()
        .map(|r| (r.numerator, r.denominator, r.stated_percent))
        .collect();
    assert_eq!(
        results,
        [
            (Some(40.0), Some(42.0), Some(95.24)),
            (Some(12.0), Some(18.0), Some(66.67))
        ]
    );
    // A rate column with its own subject is not the ratio of the others.
    let e = ex(
        "UBND HUYỆN ĐẠ TẺH\nSố: 78/BC-UBND\nĐạ Tẻh, ngày 05 tháng 10 năm 2023\nBÁO CÁO\n\
         Kết quả 9 tháng năm 2023\nI. KẾT QUẢ\n\
         STT\tXã\tKế hoạch năm 2023\tThực hiện 9 tháng\tTỷ lệ hộ nghèo\n\
         1\tTriệu Hải\t42 hộ\t40 hộ\t3,1%\n",
    );
    assert!(
        e.results.iter().all(|r| r.numerator.is_none()),
        "{:?}",
        e.results
    );
}

#[test]
fn a_plain_count_is_a_target_only_in_a_sentence_that_sets_a_goal() {
    let e = ex(
        "UBND HUYỆN CHỢ MỚI\nSố: 40/BC-UBND\nChợ Mới, ngày 20 tháng 12 năm 2021\nBÁO CÁO\n\
         Kết quả xây dựng nông thôn mới năm 2021\nIII. NHIỆM VỤ NĂM 2022\n\
         - Phấn đấu năm 2022 có thêm 03 xã đạt chuẩn nông thôn mới nâng cao.\n\
         - Tổ chức 4 lớp tập huấn cho cán bộ xã.\n",
    );
    let got: Vec<_> = e
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_str(), t.line))
        .collect();
    assert_eq!(got, [(3.0, "xã", 7)], "{:?}", e.targets);
}

#[test]
fn the_share_of_a_group_just_counted_is_a_statistic_in_a_guide() {
    let e = ex("SỞ NỘI VỤ TỈNH HẬU GIANG\nSố: 15/HD-SNV\nHậu Giang, ngày 02 tháng 02 năm 2024\nHƯỚNG DẪN\n\
         Xếp loại chất lượng năm 2024\nNăm 2023 có 96 người (2,4%) được xếp loại hoàn thành nhiệm vụ nhưng còn hạn chế.\n");
    let got: Vec<_> = e.results.iter().map(|r| r.stated_percent).collect();
    assert_eq!(got, [Some(2.4)], "{:?}", e.results);
    assert!(e.targets.is_empty(), "{:?}", e.targets);
}

#[test]
fn money_is_a_target_only_where_a_table_sets_plan_against_done() {
    let e = ex(
        "UBND HUYỆN HÒN ĐẤT\nSố: 31/KH-UBND\nHòn Đất, ngày 04 tháng 4 năm 2025\nKẾ HOẠCH\n\
         Phát triển hạ tầng số giai đoạn 2025 - 2030\nII. CHỈ TIÊU\n\
         | TT | Chỉ tiêu | ĐVT | Năm 2026 | Năm 2030 |\n|---|---|---|---|---|\n\
         | 1 | Kinh phí nâng cấp mạng nội bộ | triệu đồng | 850 | 2.300 |\n\
         | 2 | Ấp có camera an ninh | ấp | 6 | 11 |\n",
    );
    let got: Vec<_> = e
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_str(), t.horizon))
        .collect();
    // The money row of a goals table is what the plan will spend (a budget), not a target;
    // the count row is.
    assert_eq!(got, [(6.0, "ấp", Some(2026)), (11.0, "ấp", Some(2030))]);
    assert_eq!(e.money.len(), 2, "{:?}", e.money);
    // Beside what was done, the planned amount is the quota the result is judged by.
    let e = ex(
        "UBND HUYỆN HÒN ĐẤT\nSố: 33/BC-UBND\nHòn Đất, ngày 04 tháng 7 năm 2025\nBÁO CÁO\n\
         Kết quả 6 tháng đầu năm 2025\n\
         | Chỉ tiêu | ĐVT | Kế hoạch | Thực hiện | Tỷ lệ (%) |\n|---|---|---|---|---|\n\
         | Thu ngân sách trên địa bàn | triệu đồng | 68.500 | 39.842 | 58,16 |\n",
    );
    let got: Vec<_> = e
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_str()))
        .collect();
    assert_eq!(got, [(68500.0, "triệu đồng")]);
    // A caption's money unit over columns of years: a budget, not targets.
    let e = ex(
        "UBND HUYỆN HÒN ĐẤT\nSố: 32/KH-UBND\nHòn Đất, ngày 04 tháng 4 năm 2025\nKẾ HOẠCH\n\
         Kinh phí giai đoạn 2025 - 2030\nĐVT: triệu đồng\n\
         | TT | Nội dung | Năm 2026 | Năm 2030 |\n|---|---|---|---|\n\
         | 1 | Mua sắm máy tính | 400 | 900 |\n",
    );
    assert!(e.targets.is_empty(), "{:?}", e.targets);
    assert_eq!(e.money.len(), 2, "{:?}", e.money);
}

#[test]
fn an_amount_over_an_amount_is_a_fraction_and_its_rate_a_result() {
    let e = ex(
        "UBND TỈNH CÀ MAU\nSố: 12/BC-UBND\nCà Mau, ngày 04 tháng 11 năm 2025\nBÁO CÁO\n\
         Tình hình thu chi ngân sách năm 2025\n\
         Chi đầu tư phát triển: ước thực hiện cả năm 5.817,196 tỷ đồng/5.937,440 tỷ đồng, đạt 97,97% kế hoạch.\n\
         Chi từ nguồn vay 22,656 tỷ đồng *[4]*/12,9 tỷ đồng, ước đạt 175,63% kế hoạch.\n\
         Truy cập tại https://dulieu.gov.vn/2025/12 và 4G/5G.\n",
    );
    let got: Vec<_> = e
        .fractions
        .iter()
        .map(|f| (f.numerator, f.denominator, f.unit.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (5817.196, 5937.44, Some("tỷ đồng")),
            (22.656, 12.9, Some("tỷ đồng"))
        ]
    );
    let got: Vec<_> = e
        .results
        .iter()
        .map(|r| (r.numerator, r.denominator, r.stated_percent))
        .collect();
    assert_eq!(
        got,
        [
            (Some(5817.196), Some(5937.44), Some(97.97)),
            (Some(22.656), Some(12.9), Some(175.63))
        ]
    );
    // Both amounts are money too.
    assert_eq!(e.money.len(), 4, "{:?}", e.money);
}
