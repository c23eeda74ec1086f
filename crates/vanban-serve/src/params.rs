//! Query-string parameters, read leniently (any bytes decode) and checked strictly: a value
//! out of bounds or not a number is a 400 with a Vietnamese message naming the parameter.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::error::AppError;

/// The decoded `key=value` pairs of a request's query string.
#[derive(Debug, Clone, Default)]
pub struct Params(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Params::parse(parts.uri.query().unwrap_or("")))
    }
}

/// The language a request asks findings to be said in: `?lang=en` or `?lang=vi`, else the
/// `Accept-Language` header, else Vietnamese.
#[derive(Debug, Clone, Copy)]
pub struct AskedLang(pub vanban_core::messages::Lang);

impl<S: Send + Sync> FromRequestParts<S> for AskedLang {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        use vanban_core::messages::Lang;
        let query = Params::parse(parts.uri.query().unwrap_or(""));
        if let Some(l) = query.get("lang").and_then(Lang::parse) {
            return Ok(AskedLang(l));
        }
        let header = parts
            .headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        Ok(AskedLang(Lang::from_accept_language(header)))
    }
}

impl Params {
    /// Decodes a query string (`+` and `%XX`; invalid UTF-8 replaced).
    pub fn parse(query: &str) -> Params {
        Params(
            form_urlencoded::parse(query.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first non-blank value of `key`, trimmed.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .find(|v| !v.is_empty())
    }

    /// A text value of at most `max` characters, without control characters.
    pub fn text(&self, key: &str, label: &str, max: usize) -> Result<Option<String>, AppError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        if v.chars().count() > max {
            return Err(AppError::BadRequest(format!(
                "{label} quá dài: tối đa {max} ký tự."
            )));
        }
        Ok(Some(
            v.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        ))
    }

    /// A whole number within `min..=max`.
    pub fn number(
        &self,
        key: &str,
        label: &str,
        min: u64,
        max: u64,
    ) -> Result<Option<u64>, AppError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        match v.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(AppError::BadRequest(format!(
                "{label} phải là một số nguyên từ {min} đến {max} (nhận được «{}»).",
                v.chars().take(40).collect::<String>()
            ))),
        }
    }

    /// The page number (from 1), bounded so that no page starts past
    /// [`super::MAX_DEPTH`] results.
    pub fn page(&self, per_page: usize) -> Result<usize, AppError> {
        let max = (super::MAX_DEPTH / per_page.max(1)).max(1) as u64;
        Ok(self.number("page", "Số trang", 1, max)?.unwrap_or(1) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_trims() {
        let p = Params::parse("q=chuy%E1%BB%83n+%C4%91%E1%BB%95i&kind=&kind=plan&x=%FF");
        assert_eq!(p.get("q"), Some("chuyển đổi"));
        assert_eq!(p.get("kind"), Some("plan"));
        assert_eq!(p.get("x"), Some("\u{FFFD}"));
        assert_eq!(p.get("missing"), None);
    }

    #[test]
    fn numbers_out_of_bounds_are_refused_in_vietnamese() {
        let p = Params::parse("year=20x&page=0&ok=2024");
        let e = p.number("year", "Năm", 1900, 2100).unwrap_err();
        assert!(e.message().contains("Năm phải là một số nguyên"));
        assert!(p.page(20).is_err());
        assert_eq!(p.number("ok", "Năm", 1900, 2100).unwrap(), Some(2024));
        assert_eq!(Params::parse("").page(20).unwrap(), 1);
        assert!(Params::parse("page=99999999999999999999").page(20).is_err());
    }

    #[test]
    fn long_text_is_refused() {
        let p = Params::parse(&format!("q={}", "a".repeat(600)));
        assert!(p.text("q", "Câu truy vấn", 512).is_err());
    }
}
