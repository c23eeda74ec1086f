//! Vietnamese words for the values the index stores in English (kinds, roles, severities,
//! finding kinds, evaluations). An unknown value is shown as stored.

/// A document kind (`report` → `Báo cáo`).
pub fn kind(k: &str) -> &str {
    match k {
        "report" => "Báo cáo",
        "plan" => "Kế hoạch",
        "decision" => "Quyết định",
        "letter" => "Công văn",
        "other" => "Văn bản khác",
        other => other,
    }
}

/// The role of a citation (`legal_basis` → `Căn cứ`).
pub fn role(r: &str) -> &str {
    match r {
        "legal_basis" => "Căn cứ",
        "implements" => "Thực hiện",
        "replaces" => "Thay thế",
        "amends" => "Sửa đổi, bổ sung",
        "repeals" => "Bãi bỏ",
        "mention" => "Dẫn chiếu",
        other => other,
    }
}

/// The role seen from the cited document (`legal_basis` → `là căn cứ của`).
pub fn role_inverse(r: &str) -> &str {
    match r {
        "legal_basis" => "Được dùng làm căn cứ",
        "implements" => "Được thực hiện bởi",
        "replaces" => "Bị thay thế bởi",
        "amends" => "Được sửa đổi bởi",
        "repeals" => "Bị bãi bỏ bởi",
        "mention" => "Được dẫn chiếu",
        other => other,
    }
}

/// A finding's severity.
pub fn severity(s: &str) -> &str {
    match s {
        "error" => "Lỗi",
        "warning" => "Cảnh báo",
        "info" => "Lưu ý",
        other => other,
    }
}

/// A finding's kind, in words.
pub fn finding(k: &str) -> &str {
    match k {
        "percent_mismatch" => "Tỷ lệ không khớp với phép chia",
        "rounding_truncation" => "Tỷ lệ bị cắt bớt thay vì làm tròn",
        "implausible_over_100" => "Tỷ lệ của một tổng thể vượt 100%",
        "sum_mismatch" => "Các phần cộng lại không bằng tổng",
        "count_mismatch" => "Số đếm tổng hợp không khớp với chi tiết",
        "evaluation_contradicts_figures" => "Đánh giá trái với số liệu",
        "target_missed" => "Chưa đạt chỉ tiêu kế hoạch",
        "implausible_date" => "Ngày tháng không hợp lệ",
        "unparsed_number" => "Số không đọc được",
        "value_mismatch" => "Một số liệu nêu hai lần với hai giá trị khác nhau",
        other => other,
    }
}

/// A criterion's evaluation as written in the document.
pub fn evaluation(e: &str) -> &str {
    match e {
        "met" => "Đạt",
        "not_met" => "Chưa đạt",
        "exceeded" => "Vượt",
        "in_progress" => "Đang thực hiện",
        other => other,
    }
}

/// A comparator in words (`>=` → `tối thiểu`).
pub fn comparator(c: &str) -> &str {
    match c {
        ">=" => "≥",
        ">" => ">",
        "<=" => "≤",
        "<" => "<",
        "~" => "khoảng",
        "=" => "=",
        "between" => "từ",
        other => other,
    }
}

/// A number written the Vietnamese way, without trailing zero decimals (`52,04`, `2.400`).
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let s = vanban_core::extract::numbers::format_vn(x, 2);
    let s = if s.contains(',') {
        s.trim_end_matches('0').trim_end_matches(',').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_the_vietnamese_way() {
        assert_eq!(num(2400.0), "2.400");
        assert_eq!(num(52.04), "52,04");
        assert_eq!(num(80.0), "80");
        assert_eq!(num(12.5), "12,5");
        assert_eq!(num(f64::NAN), "—");
    }

    #[test]
    fn unknown_values_pass_through() {
        assert_eq!(kind("plan"), "Kế hoạch");
        assert_eq!(kind("memo"), "memo");
        assert_eq!(role("legal_basis"), "Căn cứ");
        assert_eq!(finding("something_new"), "something_new");
    }
}
