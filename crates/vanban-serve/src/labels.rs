//! Vietnamese words for the vocabularies of the extract contract (kinds, roles, severities,
//! finding kinds, evaluations, comparators). Each is an exhaustive match over its enum, so a
//! new value does not compile until it has its words here. Values that come as text (a query
//! parameter, a facet key) go through [`parsed`], which shows an unknown one as written.

use vanban_core::model::{Comparator, Evaluation, FindingKind, Kind, Role, Severity};

/// The words of a value given as its contract string (`plan` → `Kế hoạch`), through `label`;
/// a string that names no value is shown as it is.
pub fn parsed<T>(s: &str, parse: fn(&str) -> Option<T>, label: fn(T) -> &'static str) -> String {
    parse(s).map_or_else(|| s.to_string(), |v| label(v).to_string())
}

/// A document kind (`report` → `Báo cáo`).
pub fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Report => "Báo cáo",
        Kind::Plan => "Kế hoạch",
        Kind::Decision => "Quyết định",
        Kind::Letter => "Công văn",
        Kind::Other => "Văn bản khác",
    }
}

/// The role of a citation (`legal_basis` → `Căn cứ`).
pub fn role(r: Role) -> &'static str {
    match r {
        Role::LegalBasis => "Căn cứ",
        Role::Implements => "Thực hiện",
        Role::Replaces => "Thay thế",
        Role::Amends => "Sửa đổi, bổ sung",
        Role::Repeals => "Bãi bỏ",
        Role::Mention => "Dẫn chiếu",
    }
}

/// The role seen from the cited document (`legal_basis` → `Được dùng làm căn cứ`).
pub fn role_inverse(r: Role) -> &'static str {
    match r {
        Role::LegalBasis => "Được dùng làm căn cứ",
        Role::Implements => "Được thực hiện bởi",
        Role::Replaces => "Bị thay thế bởi",
        Role::Amends => "Được sửa đổi bởi",
        Role::Repeals => "Bị bãi bỏ bởi",
        Role::Mention => "Được dẫn chiếu",
    }
}

/// A finding's severity.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Lỗi",
        Severity::Warning => "Cảnh báo",
        Severity::Info => "Lưu ý",
    }
}

/// A finding's kind, in words.
pub fn finding(k: FindingKind) -> &'static str {
    match k {
        FindingKind::PercentMismatch => "Tỷ lệ không khớp với phép chia",
        FindingKind::RoundingTruncation => "Tỷ lệ bị cắt bớt thay vì làm tròn",
        FindingKind::ImplausibleOver100 => "Tỷ lệ của một tổng thể vượt 100%",
        FindingKind::SumMismatch => "Các phần cộng lại không bằng tổng",
        FindingKind::CountMismatch => "Số đếm tổng hợp không khớp với chi tiết",
        FindingKind::EvaluationContradictsFigures => "Đánh giá trái với số liệu",
        FindingKind::TargetMissed => "Chưa đạt chỉ tiêu kế hoạch",
        FindingKind::ImplausibleDate => "Ngày tháng không hợp lệ",
        FindingKind::UnparsedNumber => "Số không đọc được",
        FindingKind::ValueMismatch => "Một số liệu nêu hai lần với hai giá trị khác nhau",
    }
}

/// A criterion's evaluation as written in the document.
pub fn evaluation(e: Evaluation) -> &'static str {
    match e {
        Evaluation::Met => "Đạt",
        Evaluation::NotMet => "Chưa đạt",
        Evaluation::InProgress => "Đang thực hiện",
    }
}

/// A comparator in words (`>=` → `≥`, `~` → `khoảng`).
pub fn comparator(c: Comparator) -> &'static str {
    match c {
        Comparator::Ge => "≥",
        Comparator::Gt => ">",
        Comparator::Le => "≤",
        Comparator::Lt => "<",
        Comparator::About => "khoảng",
        Comparator::Eq => "=",
        Comparator::Between => "từ",
    }
}

/// A date as Vietnamese readers write it: `2025-11-28` → `28/11/2025`, `2025-11` →
/// `11/2025`; anything else as it is.
pub fn date(iso: &str) -> String {
    vanban_core::model::IsoDate::parse(iso)
        .map(|d| d.written())
        .unwrap_or_else(|| iso.to_string())
}

/// What a document is, in the words it gives itself (`Thông tư`, `Chỉ thị`), else the
/// words of its kind (`Quyết định`, `Văn bản khác`).
pub fn doc_type(meta: &vanban_core::model::Meta) -> String {
    match meta.doc_type.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => {
            // The printed type is in capitals in the letterhead (`THÔNG TƯ`): as a label,
            // its first letter only.
            let lower = t.to_lowercase();
            let mut c = lower.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
        _ => kind(meta.kind).to_string(),
    }
}

/// A number written the Vietnamese way, without trailing zero decimals (`52,04`, `2.400`).
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let s = vanban_core::extract::format_vn(x, 2);
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
    fn dates_read_the_vietnamese_way() {
        assert_eq!(date("2025-11-28"), "28/11/2025");
        assert_eq!(date("2025-11"), "11/2025");
        assert_eq!(date("2025"), "2025");
        assert_eq!(date("không rõ"), "không rõ");
    }

    #[test]
    fn a_document_is_called_what_it_calls_itself() {
        let mut m = vanban_core::model::Meta {
            kind: Kind::Decision,
            ..Default::default()
        };
        assert_eq!(doc_type(&m), "Quyết định");
        m.doc_type = Some("THÔNG TƯ".into());
        assert_eq!(doc_type(&m), "Thông tư");
        m.doc_type = Some("Chỉ thị".into());
        assert_eq!(doc_type(&m), "Chỉ thị");
    }

    #[test]
    fn numbers_read_the_vietnamese_way() {
        assert_eq!(num(2400.0), "2.400");
        assert_eq!(num(52.04), "52,04");
        assert_eq!(num(80.0), "80");
        assert_eq!(num(12.5), "12,5");
        assert_eq!(num(f64::NAN), "—");
    }

    #[test]
    fn values_given_as_text_are_parsed_and_unknown_ones_pass_through() {
        assert_eq!(parsed("plan", Kind::parse, kind), "Kế hoạch");
        assert_eq!(parsed("memo", Kind::parse, kind), "memo");
        assert_eq!(parsed("legal_basis", Role::parse, role), "Căn cứ");
        assert_eq!(
            parsed("something_new", FindingKind::parse, finding),
            "something_new"
        );
    }
}
