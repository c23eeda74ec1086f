//! The message catalogue: every sentence a finding says, in Vietnamese (the default) and in
//! English, kept as Fluent files in `messages/` (`vi.ftl`, `en.ftl`) and compiled into the
//! library. A finding carries its [`Note`]s (a message name and its arguments), so it can be
//! said again in the other language long after it was found (`vanban check --lang en`, the
//! web app's `?lang=en`).
//!
//! ```
//! use vanban_core::messages::{say, Lang};
//! use vanban_core::model::Note;
//! let n = Note::new("bad-date").arg("date", "31/02/2024");
//! assert_eq!(say(&n, Lang::Vi), "31/02/2024 không phải là ngày có thật");
//! assert_eq!(say(&n, Lang::En), "31/02/2024 is no calendar date");
//! ```

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::model::{Arg, Note};

/// The Vietnamese catalogue.
const VI: &str = include_str!("../messages/vi.ftl");
/// The English catalogue.
const EN: &str = include_str!("../messages/en.ftl");

/// A language messages are said in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The language a code names (`vi`, `en`, `en-US`), or `None`.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language an HTTP `Accept-Language` header prefers among those the catalogue
    /// holds (`en-US,en;q=0.9,vi;q=0.8` → English); Vietnamese when it names neither.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut it = part.split(';');
            let Some(lang) = it.next().and_then(Lang::parse) else {
                continue;
            };
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::Vi, |(_, l)| l)
    }

    /// The code of the language (`vi`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// The compiled catalogue of a language.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static VI_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, source) = match lang {
        Lang::Vi => (&VI_BUNDLE, VI),
        Lang::En => (&EN_BUNDLE, EN),
    };
    cell.get_or_init(|| {
        let id: unic_langid::LanguageIdentifier =
            lang.code().parse().expect("a language code parses");
        let resource = FluentResource::try_new(source.to_string())
            .expect("the built-in catalogue parses (tested)");
        let mut b = FluentBundle::new_concurrent(vec![id]);
        // Messages go into plain text, CSV and JSON: no bidirectional isolation marks.
        b.set_use_isolating(false);
        b.add_resource(resource)
            .expect("the built-in catalogue has each message once (tested)");
        b
    })
}

/// An argument as the catalogue takes it: notes are said first, lists joined by `, `.
fn value(arg: &Arg, lang: Lang) -> FluentValue<'static> {
    match arg {
        Arg::Int(n) => FluentValue::from(*n),
        Arg::Text(s) => FluentValue::from(s.clone()),
        Arg::Note(n) => FluentValue::from(say(n, lang)),
        Arg::List(items) => FluentValue::from(
            items
                .iter()
                .map(|a| match value(a, lang) {
                    FluentValue::String(s) => s.into_owned(),
                    FluentValue::Number(n) => n.as_string().into_owned(),
                    _ => String::new(),
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}

/// A note said in `lang`. A name the catalogue lacks is said as the name with its arguments,
/// so nothing is lost.
pub fn say(note: &Note, lang: Lang) -> String {
    let b = bundle(lang);
    let Some(pattern) = b.get_message(&note.id).and_then(|m| m.value()) else {
        let args: Vec<String> = note
            .args
            .iter()
            .map(|(k, v)| format!("{k}={}", say_arg(v, lang)))
            .collect();
        return format!("{} ({})", note.id, args.join(", "));
    };
    let mut args = FluentArgs::new();
    for (k, v) in &note.args {
        args.set(k.clone(), value(v, lang));
    }
    let mut errors = Vec::new();
    b.format_pattern(pattern, Some(&args), &mut errors)
        .into_owned()
}

/// An argument said in `lang`, as text.
fn say_arg(arg: &Arg, lang: Lang) -> String {
    match value(arg, lang) {
        FluentValue::String(s) => s.into_owned(),
        FluentValue::Number(n) => n.as_string().into_owned(),
        _ => String::new(),
    }
}

/// Several notes said in `lang`, joined by `; `.
pub fn say_all(notes: &[Note], lang: Lang) -> String {
    notes
        .iter()
        .map(|n| say(n, lang))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;

    /// The variables a pattern uses, into `out`.
    fn vars_of_pattern(p: &ast::Pattern<&str>, out: &mut Vec<String>) {
        for e in &p.elements {
            if let ast::PatternElement::Placeable { expression } = e {
                vars_of_expression(expression, out);
            }
        }
    }

    fn vars_of_expression(e: &ast::Expression<&str>, out: &mut Vec<String>) {
        match e {
            ast::Expression::Inline(i) => vars_of_inline(i, out),
            ast::Expression::Select { selector, variants } => {
                vars_of_inline(selector, out);
                for v in variants {
                    vars_of_pattern(&v.value, out);
                }
            }
        }
    }

    fn vars_of_inline(i: &ast::InlineExpression<&str>, out: &mut Vec<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => out.push(id.name.to_string()),
            ast::InlineExpression::Placeable { expression } => vars_of_expression(expression, out),
            _ => {}
        }
    }

    /// The names of a catalogue's messages, each with the arguments it uses.
    fn names(source: &str) -> Vec<(String, Vec<String>)> {
        let res = fluent_syntax::parser::parse(source).expect("the catalogue parses");
        let mut out = Vec::new();
        for entry in &res.body {
            if let ast::Entry::Message(m) = entry {
                let mut args = Vec::new();
                if let Some(p) = &m.value {
                    vars_of_pattern(p, &mut args);
                }
                args.sort();
                args.dedup();
                out.push((m.id.name.to_string(), args));
            }
        }
        out.sort();
        out
    }

    #[test]
    fn both_catalogues_hold_the_same_messages_with_the_same_arguments() {
        assert_eq!(names(VI), names(EN));
        assert!(names(VI).len() > 20);
    }

    #[test]
    fn both_catalogues_compile() {
        for lang in [Lang::Vi, Lang::En] {
            let n = Note::new("sum-mismatch")
                .arg("total", "2.560")
                .arg("unit", " văn bản")
                .arg("parts", "2.210 + 330")
                .arg("sum", "2.540")
                .arg("diff", "20");
            let said = say(&n, lang);
            assert!(said.contains("2.560 văn bản") && said.contains("(") && !said.contains('{'));
        }
    }

    #[test]
    fn selectors_and_nested_notes() {
        let n = Note::new("weekday-wrong")
            .arg("date", "02/01/2011")
            .arg("said", Arg::Int(1))
            .arg("real", Arg::Int(0));
        assert_eq!(
            say(&n, Lang::En),
            "02/01/2011 is written as a Monday, but that day was a Sunday"
        );
        assert_eq!(
            say(&n, Lang::Vi),
            "02/01/2011 được ghi là thứ Hai, nhưng ngày đó là chủ nhật"
        );
        let label = Note::new("label-footnote")
            .arg("mark", "3")
            .arg("fraction", "4/5");
        let n = Note::new("percent-mismatch")
            .arg("label", label)
            .arg("computed", "80")
            .arg("stated", "85");
        assert_eq!(
            say(&n, Lang::En),
            "footnote 3: 4/5 = 80%, but the text states 85%"
        );
        assert_eq!(
            say(&n, Lang::Vi),
            "chú thích 3: 4/5 = 80%, nhưng văn bản ghi 85%"
        );
    }

    #[test]
    fn languages_from_codes_and_headers() {
        assert_eq!(Lang::parse("en-US"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(
            Lang::from_accept_language("en-US,en;q=0.9,vi;q=0.8"),
            Lang::En
        );
        assert_eq!(
            Lang::from_accept_language("vi-VN,vi;q=0.9,en;q=0.5"),
            Lang::Vi
        );
        assert_eq!(Lang::from_accept_language("fr-FR"), Lang::Vi);
        assert_eq!(Lang::from_accept_language(""), Lang::Vi);
    }
}
