//! A realistic synthetic corpus at any size, for benchmarks and load tests (`vanban-gen`).
//!
//! Each document is a report, plan, decision or commune criterion report of a province, district
//! or commune, written from the templates here and the word lists in [`vocab`]. Documents cite
//! real national decrees and each other, state results as fractions and percentages, set targets,
//! carry budgets, and some are hard-wrapped like PDF exports, NFD-encoded, or CRLF with a BOM.
//! About one in eight carries a deliberate inconsistency (a wrong percentage, a sum or count
//! that does not add up, an evaluation that contradicts its figures) for `vanban check` to find.
//!
//! Output is deterministic: document `i` of seed `s` is the same bytes whatever the number of
//! documents asked for or the number of threads. A `manifest.jsonl` lists every document with
//! its number, kind, variant, the documents it cites and the inconsistencies put in it.
//!
//! ```
//! let a = vanban_gen::document(7, 12);
//! let b = vanban_gen::document(7, 12);
//! assert_eq!(a.text, b.text);
//! assert!(a.entry.number.contains('/'));
//! ```

pub mod vocab;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use vanban_core::normalize::fold;
use vocab::{Indicator, INDICATORS, NATIONAL};

/// Why a corpus could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// Writing a file or folder failed.
    #[error("{path}: cannot write: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The output folder already holds files.
    #[error("{path}: the folder is not empty; choose a new folder or pass --force to overwrite")]
    NotEmpty {
        /// The folder.
        path: PathBuf,
    },
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// Number of documents.
    pub docs: usize,
    /// Seed: the same seed gives the same corpus.
    pub seed: u64,
    /// Write into a folder that already holds files (same-named files are overwritten).
    pub force: bool,
}

/// One line of `manifest.jsonl`: what a generated document is and what was put in it.
#[derive(Debug, Clone, Serialize)]
pub struct ManifestEntry {
    /// Path relative to the output folder.
    pub path: String,
    /// The document's own number and symbol (`27/KH-UBND`).
    pub number: String,
    /// `report`, `plan`, `decision` or `criteria_report`.
    pub kind: &'static str,
    /// The issuing body.
    pub issuer: String,
    /// Date of issue, `YYYY-MM-DD`.
    pub date: String,
    /// `plain`, `wrapped` (hard line breaks like a PDF export), `nfd` or `crlf_bom`.
    pub variant: &'static str,
    /// Numbers of the documents it cites (national and generated).
    pub cites: Vec<String>,
    /// Inconsistencies put in on purpose: `percent_mismatch`, `sum_mismatch`,
    /// `count_mismatch`, `evaluation_contradicts_figures`.
    pub injected: Vec<&'static str>,
    /// Size in bytes.
    pub bytes: usize,
}

/// A generated document.
#[derive(Debug, Clone)]
pub struct GenDoc {
    /// Its text, encoded as written to disk (UTF-8, with a BOM for `crlf_bom`).
    pub text: String,
    /// What it is.
    pub entry: ManifestEntry,
}

/// What a generation run wrote.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GenSummary {
    /// Documents written.
    pub docs: usize,
    /// Bytes written (documents only).
    pub bytes: u64,
    /// Documents with at least one injected inconsistency.
    pub with_inconsistency: usize,
    /// Documents hard-wrapped like PDF exports.
    pub wrapped: usize,
    /// Wall time in seconds.
    pub seconds: f64,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Report,
    Plan,
    Decision,
    Criteria,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Report | Kind::Criteria => "BC",
            Kind::Plan => "KH",
            Kind::Decision => "QĐ",
        }
    }
    fn word(self) -> &'static str {
        match self {
            Kind::Report | Kind::Criteria => "Báo cáo",
            Kind::Plan => "Kế hoạch",
            Kind::Decision => "Quyết định",
        }
    }
    fn name(self) -> &'static str {
        match self {
            Kind::Report => "report",
            Kind::Plan => "plan",
            Kind::Decision => "decision",
            Kind::Criteria => "criteria_report",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Level {
    Province,
    District,
    Commune,
}

/// Who issued a document, when, under which number: everything another document needs to cite
/// it. Computed from (seed, index) alone.
#[derive(Clone, Debug)]
struct Ident {
    kind: Kind,
    level: Level,
    province: &'static str,
    district: &'static str,
    commune: &'static str,
    number: u32,
    year: u32,
    month: u32,
    day: u32,
    subject: usize,
}

impl Ident {
    fn new(seed: u64, i: usize) -> Ident {
        let mut r = fastrand::Rng::with_seed(mix(seed, i as u64, 1));
        let kind = match r.u32(0..100) {
            0..=39 => Kind::Report,
            40..=64 => Kind::Plan,
            65..=79 => Kind::Decision,
            _ => Kind::Criteria,
        };
        let level = if kind == Kind::Criteria {
            Level::Commune
        } else {
            match r.u32(0..10) {
                0..=1 => Level::Province,
                2..=5 => Level::District,
                _ => Level::Commune,
            }
        };
        let max_number = match level {
            Level::Province => 4000,
            Level::District => 1500,
            Level::Commune => 300,
        };
        Ident {
            kind,
            level,
            province: pick(&mut r, vocab::PROVINCES),
            district: pick(&mut r, vocab::DISTRICTS),
            commune: pick(&mut r, vocab::COMMUNES),
            number: r.u32(1..=max_number),
            year: r.u32(2020..=2025),
            month: r.u32(1..=12),
            day: r.u32(1..=28),
            subject: r.usize(0..vocab::PLAN_SUBJECTS.len()),
        }
    }

    fn number(&self) -> String {
        format!("{}/{}-UBND", self.number, self.kind.code())
    }

    /// "xã Mỹ Hòa", "huyện An Phú", "tỉnh An Giang".
    fn place(&self) -> String {
        match self.level {
            Level::Province => format!("tỉnh {}", self.province),
            Level::District => format!("huyện {}", self.district),
            Level::Commune => format!("xã {}", self.commune),
        }
    }

    fn place_name(&self) -> &'static str {
        match self.level {
            Level::Province => self.province,
            Level::District => self.district,
            Level::Commune => self.commune,
        }
    }

    fn issuer(&self) -> String {
        format!("Ủy ban nhân dân {}", self.place())
    }

    fn date_iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    fn sort_key(&self) -> (u32, u32, u32) {
        (self.year, self.month, self.day)
    }

    /// The document's title line under the kind heading.
    fn title(&self) -> String {
        let place = self.place();
        match self.kind {
            Kind::Report => format!(
                "Kết quả thực hiện chuyển đổi số {} của {}",
                self.period(),
                place
            ),
            Kind::Criteria => format!(
                "Kết quả thực hiện và tự đánh giá tiêu chí xã chuyển đổi số năm {}",
                self.year
            ),
            Kind::Plan => format!(
                "{} {} năm {}",
                vocab::PLAN_SUBJECTS[self.subject],
                place,
                self.year
            ),
            Kind::Decision => format!(
                "Về việc kiện toàn Ban Chỉ đạo chuyển đổi số {} năm {}",
                place, self.year
            ),
        }
    }

    /// The reporting period of a report, from its month of issue.
    fn period(&self) -> String {
        match self.month {
            1 | 2 => format!("năm {}", self.year - 1),
            3..=5 => format!("quý I năm {}", self.year),
            6..=8 => format!("6 tháng đầu năm {}", self.year),
            9..=11 => format!("9 tháng năm {}", self.year),
            _ => format!("năm {}", self.year),
        }
    }

    /// How another document cites this one.
    fn citation(&self, r: &mut fastrand::Rng) -> String {
        let about = match self.kind {
            Kind::Plan => format!("về {}", lower_first(vocab::PLAN_SUBJECTS[self.subject])),
            Kind::Decision => "về việc kiện toàn Ban Chỉ đạo chuyển đổi số".to_string(),
            Kind::Report | Kind::Criteria => "về kết quả thực hiện chuyển đổi số".to_string(),
        };
        format!(
            "{} số {} ngày {} của {} {}",
            self.kind.word(),
            self.number(),
            short_date(r, self.day, self.month, self.year),
            self.issuer(),
            about
        )
    }

    fn rel_path(&self, i: usize) -> String {
        let province = slug(self.province);
        let kind = match self.kind {
            Kind::Report => "bao-cao",
            Kind::Criteria => "bao-cao-tieu-chi",
            Kind::Plan => "ke-hoach",
            Kind::Decision => "quyet-dinh",
        };
        format!(
            "{province}/{}/{:07}-{kind}-{}-{}.txt",
            self.year,
            i,
            self.number,
            slug(self.place_name())
        )
    }
}

/// Generates document `i` of the corpus with seed `seed`.
pub fn document(seed: u64, i: usize) -> GenDoc {
    let me = Ident::new(seed, i);
    let mut r = fastrand::Rng::with_seed(mix(seed, i as u64, 2));
    let mut w = Writer {
        out: String::with_capacity(48 * 1024),
        r: fastrand::Rng::with_seed(mix(seed, i as u64, 3)),
        dot_decimals: false,
        injected: Vec::new(),
        inject: Vec::new(),
    };
    w.dot_decimals = r.u32(0..10) == 0;
    if r.u32(0..8) == 0 {
        let choices: &[&'static str] = match me.kind {
            Kind::Criteria => &[
                "percent_mismatch",
                "count_mismatch",
                "evaluation_contradicts_figures",
            ],
            Kind::Report => &["percent_mismatch", "sum_mismatch"],
            _ => &[],
        };
        if !choices.is_empty() {
            w.inject.push(choices[r.usize(0..choices.len())]);
        }
    }
    let target_bytes = r.usize(16_000..54_000);

    let mut cites = Vec::new();
    // Earlier documents of the corpus this one refers to, issued before it.
    let mut local = Vec::new();
    for _ in 0..r.usize(0..4) {
        if i == 0 {
            break;
        }
        let j = i - 1 - r.usize(0..i.min(3000));
        let other = Ident::new(seed, j);
        if other.sort_key() < me.sort_key() && other.kind != Kind::Criteria {
            cites.push(other.number());
            local.push(other);
        }
    }
    let mut national: Vec<&vocab::National> = Vec::new();
    for _ in 0..r.usize(1..4) {
        let n = &NATIONAL[r.usize(0..NATIONAL.len())];
        if !national.iter().any(|m| m.number == n.number) && n.date.2 <= me.year {
            cites.push(n.number.to_string());
            national.push(n);
        }
    }

    w.header(&me);
    match me.kind {
        Kind::Report => w.report(&me, &national, &local, target_bytes),
        Kind::Criteria => w.criteria(&me, &national, &local),
        Kind::Plan => w.plan(&me, &national, &local, target_bytes),
        Kind::Decision => w.decision(&me, &national, &local, target_bytes),
    }
    w.footer(&me);

    let variant = match r.u32(0..100) {
        0..=19 => "wrapped",
        20..=22 => "nfd",
        23..=25 => "crlf_bom",
        _ => "plain",
    };
    let text = match variant {
        "wrapped" => hard_wrap(&w.out, r.usize(68..93)),
        "nfd" => w.out.nfd().collect(),
        "crlf_bom" => format!("\u{FEFF}{}", w.out.replace('\n', "\r\n")),
        _ => w.out,
    };
    let entry = ManifestEntry {
        path: me.rel_path(i),
        number: me.number(),
        kind: me.kind.name(),
        issuer: me.issuer(),
        date: me.date_iso(),
        variant,
        cites,
        injected: w.injected,
        bytes: text.len(),
    };
    GenDoc { text, entry }
}

/// Writes `opts.docs` documents and `manifest.jsonl` under `out`, in parallel. `progress` is
/// called with the number of documents written so far, from any thread.
pub fn generate(
    opts: &GenOptions,
    out: &Path,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<GenSummary, GenError> {
    let started = Instant::now();
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GenError::Io { path, source }
    };
    if !opts.force {
        if let Ok(mut entries) = std::fs::read_dir(out) {
            if entries.next().is_some() {
                return Err(GenError::NotEmpty {
                    path: out.to_path_buf(),
                });
            }
        }
    }
    std::fs::create_dir_all(out).map_err(io(out))?;
    let done = AtomicUsize::new(0);
    let entries: Vec<ManifestEntry> = (0..opts.docs)
        .into_par_iter()
        .map(|i| {
            let doc = document(opts.seed, i);
            let path = out.join(&doc.entry.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            std::fs::write(&path, doc.text.as_bytes()).map_err(io(&path))?;
            progress(done.fetch_add(1, Ordering::Relaxed) + 1);
            Ok(doc.entry)
        })
        .collect::<Result<_, GenError>>()?;
    let manifest = out.join("manifest.jsonl");
    let file = std::fs::File::create(&manifest).map_err(io(&manifest))?;
    let mut file = std::io::BufWriter::new(file);
    let mut summary = GenSummary::default();
    for e in &entries {
        let line = serde_json::to_string(e).expect("a manifest entry always serialises");
        writeln!(file, "{line}").map_err(io(&manifest))?;
        summary.docs += 1;
        summary.bytes += e.bytes as u64;
        summary.with_inconsistency += usize::from(!e.injected.is_empty());
        summary.wrapped += usize::from(e.variant == "wrapped");
    }
    file.flush().map_err(io(&manifest))?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Builds one document's text.
struct Writer {
    out: String,
    r: fastrand::Rng,
    /// Write percentages as `23.1%` instead of `23,10%`.
    dot_decimals: bool,
    /// Inconsistencies still to put in.
    inject: Vec<&'static str>,
    /// Inconsistencies put in.
    injected: Vec<&'static str>,
}

impl Writer {
    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    /// Takes the inconsistency `what` if it is still to be put in.
    fn take(&mut self, what: &'static str) -> bool {
        if let Some(k) = self.inject.iter().position(|w| *w == what) {
            self.inject.remove(k);
            self.injected.push(what);
            true
        } else {
            false
        }
    }

    fn header(&mut self, me: &Ident) {
        self.line("ỦY BAN NHÂN DÂN");
        self.line(&me.place().to_uppercase());
        self.line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        self.line("Độc lập - Tự do - Hạnh phúc");
        self.line(&format!("Số: {}", me.number()));
        let day = pad(&mut self.r, me.day);
        let month = pad(&mut self.r, me.month);
        self.line(&format!(
            "{}, ngày {day} tháng {month} năm {}",
            me.place_name(),
            me.year
        ));
        self.blank();
        self.line(&me.kind.word().to_uppercase());
        self.line(&me.title());
        self.blank();
    }

    fn footer(&mut self, me: &Ident) {
        self.blank();
        self.line("Nơi nhận:");
        self.line(match me.level {
            Level::Province => "- Bộ Thông tin và Truyền thông;",
            Level::District => "- Ủy ban nhân dân tỉnh;",
            Level::Commune => "- Ủy ban nhân dân huyện;",
        });
        self.line("- Lưu: VT.");
        self.line("TM. ỦY BAN NHÂN DÂN");
        let signer = if self.r.bool() {
            "CHỦ TỊCH"
        } else {
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
        };
        self.line(signer);
        let name = self.person();
        self.line(&name);
    }

    fn person(&mut self) -> String {
        format!(
            "{} {} {}",
            pick(&mut self.r, vocab::SURNAMES),
            pick(&mut self.r, vocab::MIDDLE),
            pick(&mut self.r, vocab::GIVEN)
        )
    }

    /// "Căn cứ …;" / "Thực hiện …;" lines for the cited documents.
    fn grounds(&mut self, lead: &str, national: &[&vocab::National], local: &[Ident]) {
        for n in national {
            let date = short_date(&mut self.r, n.date.0, n.date.1, n.date.2);
            self.line(&format!(
                "{lead} {} số {} ngày {date} của {} {};",
                n.kind, n.number, n.issuer, n.subject
            ));
        }
        for l in local {
            let c = l.citation(&mut self.r);
            self.line(&format!("Thực hiện {c};"));
        }
    }

    fn narrative(&mut self, me: &Ident, n: usize) {
        let mut para = String::new();
        let mut used: Vec<usize> = Vec::with_capacity(n);
        for k in 0..n {
            let mut at = self.r.usize(0..vocab::NARRATIVE.len());
            while used.contains(&at) {
                at = (at + 1) % vocab::NARRATIVE.len();
            }
            used.push(at);
            let s = vocab::NARRATIVE[at];
            let agency = pick(&mut self.r, vocab::AGENCIES);
            let s = s
                .replace("{place}", &me.place())
                .replace("{agency}", agency)
                .replace("{year}", &me.year.to_string())
                .replace("{next}", &(me.year + 1).to_string());
            if k > 0 {
                para.push(' ');
            }
            para.push_str(&s);
        }
        self.line(&para);
    }

    /// `done/total` as a percentage rounded half up, shifted by `shift` hundredths of a point
    /// (for an injected mismatch).
    fn percent(&self, done: u64, total: u64, shift: i64) -> String {
        let places: u32 = if self.dot_decimals { 1 } else { 2 };
        let scale = 100 * 10u128.pow(places);
        let exact = u128::from(done) * scale;
        let total = u128::from(total.max(1));
        let rounded = ((2 * exact + total) / (2 * total)) as i64 + shift * 10i64.pow(places) / 100;
        let (whole, frac) = (rounded / 10i64.pow(places), rounded % 10i64.pow(places));
        if self.dot_decimals {
            format!("{whole}.{frac}%")
        } else {
            format!("{whole},{frac:02}%")
        }
    }

    /// A stated result for `ind`: a fraction and its percentage, in one of several phrasings.
    fn result(&mut self, ind: &Indicator) {
        let total = self.r.u64(ind.total.0..=ind.total.1);
        let done = if ind.share || self.r.u32(0..4) > 0 {
            self.r.u64(total / 5..=total)
        } else {
            self.r.u64(total / 2..=total + total / 3)
        };
        let mut shift = 0;
        if self.take("percent_mismatch") {
            shift = if done * 2 > total { -1250 } else { 1250 };
        }
        let pct = self.percent(done, total, shift);
        let (d, t) = (vn_int(done), vn_int(total));
        let (unit, rest) = (ind.unit, ind.rest);
        let line = match self.r.u32(0..4) {
            // Done beyond the planned number: a quota, not a rate.
            _ if done > total => format!("- Thực hiện {d}/{t} {unit} {rest}, đạt {pct} kế hoạch."),
            0 => format!("- Có {d}/{t} {unit} {rest}, đạt {pct}."),
            1 => format!("- Tỷ lệ {unit} {rest} đạt {pct} ({d}/{t} {unit})."),
            2 => format!("- Số {unit} {rest}: {d}/{t} {unit}, chiếm {pct};"),
            _ => format!("- Đã có {d}/{t} {unit} {rest}, đạt tỷ lệ {pct}."),
        };
        self.line(&line);
    }

    /// "Tổng số văn bản đi là A, trong đó ký số B, không ký số C" (a sum to check).
    fn sum_line(&mut self) {
        let total = self.r.u64(200..30_000);
        let signed = self.r.u64(total / 2..=total);
        let mut unsigned = total - signed;
        if self.take("sum_mismatch") {
            unsigned += self.r.u64(7..200);
        }
        self.line(&format!(
            "- Tổng số văn bản đi là {} văn bản, trong đó ký số {} văn bản, không ký số {} văn bản.",
            vn_int(total),
            vn_int(signed),
            vn_int(unsigned)
        ));
    }

    fn money(&mut self) -> String {
        match self.r.u32(0..3) {
            0 => format!("{} đồng", vn_int(self.r.u64(50..20_000) * 1_000_000)),
            1 => format!("{} triệu đồng", vn_int(self.r.u64(50..9_000))),
            _ => format!("{},{} tỷ đồng", self.r.u32(1..30), self.r.u32(1..10)),
        }
    }

    fn date_after(&mut self, me: &Ident) -> String {
        let month = self.r.u32(1..=12);
        let day = self.r.u32(1..=28);
        // A day of the document's own month that is not after its day falls next year.
        let next_year = month < me.month || (month == me.month && day <= me.day);
        short_date(&mut self.r, day, month, me.year + u32::from(next_year))
    }

    fn indicators_of(&mut self, pillar: usize, n: usize) -> Vec<&'static Indicator> {
        let all: Vec<&'static Indicator> = INDICATORS
            .iter()
            .filter(|(p, _)| *p == pillar)
            .map(|(_, ind)| ind)
            .collect();
        let mut chosen = Vec::new();
        for _ in 0..n {
            let ind = all[self.r.usize(0..all.len())];
            if !chosen.iter().any(|c: &&Indicator| std::ptr::eq(*c, ind)) {
                chosen.push(ind);
            }
        }
        chosen
    }

    fn report(&mut self, me: &Ident, national: &[&vocab::National], local: &[Ident], size: usize) {
        self.grounds("Thực hiện", national, local);
        self.line(&format!(
            "{} báo cáo kết quả thực hiện chuyển đổi số {} như sau:",
            me.issuer(),
            me.period()
        ));
        self.blank();
        self.line("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH");
        let n = self.r.usize(2..5);
        self.narrative(me, n);
        let issued = self.r.u32(1..=me.number.max(2));
        let date = self.date_after(me);
        self.line(&format!(
            "Ủy ban nhân dân {} đã ban hành Kế hoạch số {issued}/KH-UBND ngày {date} về thực hiện chuyển đổi số năm {}.",
            me.place(),
            me.year
        ));
        self.blank();
        self.line("II. KẾT QUẢ THỰC HIỆN");
        for (k, pillar) in vocab::PILLARS.iter().enumerate() {
            self.line(&format!("{}. {pillar}", k + 1));
            let n = self.r.usize(2..5);
            for ind in self.indicators_of(k, n) {
                self.result(ind);
            }
            if k == 0 {
                self.sum_line();
                let m = self.money();
                self.line(&format!("- Kinh phí thực hiện: {m}."));
            }
            let n = self.r.usize(1..3);
            self.narrative(me, n);
        }
        self.blank();
        // Results unit by unit, until the document has its size.
        let units: &[&str] = match me.level {
            Level::Province => vocab::DISTRICTS,
            _ => vocab::COMMUNES,
        };
        let unit_word = match me.level {
            Level::Province => "Huyện",
            Level::District => "Xã",
            Level::Commune => "Ấp",
        };
        self.line("III. KẾT QUẢ CỦA TỪNG ĐƠN VỊ");
        let mut k = 0;
        while self.out.len() < size.saturating_sub(2500) && k < 200 {
            k += 1;
            let name = pick(&mut self.r, units);
            self.line(&format!("{k}. {unit_word} {name}"));
            let pillar = self.r.usize(0..vocab::PILLARS.len());
            let n = self.r.usize(2..4);
            for ind in self.indicators_of(pillar, n) {
                self.result(ind);
            }
            let n = self.r.usize(1..3);
            self.narrative(me, n);
        }
        self.blank();
        self.line("IV. ĐÁNH GIÁ CHUNG");
        self.line("1. Ưu điểm");
        let n = self.r.usize(2..4);
        self.narrative(me, n);
        self.line("2. Hạn chế, khó khăn");
        let n = self.r.usize(1..3);
        self.narrative(me, n);
        self.blank();
        self.line(&format!("V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {}", me.year + 1));
        for _ in 0..self.r.usize(3..6) {
            let t = pick(&mut self.r, vocab::TASKS);
            self.line(&format!("- {t}"));
        }
    }

    fn criteria(&mut self, me: &Ident, national: &[&vocab::National], local: &[Ident]) {
        self.grounds("Căn cứ", national, local);
        self.line(&format!(
            "Ủy ban nhân dân xã {} báo cáo kết quả tự đánh giá như sau:",
            me.commune
        ));
        self.blank();
        // Pick the criteria and their outcomes first: the summary counts come before them.
        let n = self.r.usize(4..9);
        let mut items = Vec::new();
        for _ in 0..n {
            let (_, ind) = &INDICATORS[self.r.usize(0..INDICATORS.len())];
            if !ind.share
                || items
                    .iter()
                    .any(|(i, ..): &(&Indicator, u64, u64, u32)| std::ptr::eq(*i, ind))
            {
                continue;
            }
            let total = self.r.u64(ind.total.0..=ind.total.1.min(20_000));
            let done = self.r.u64(total / 3..=total);
            let required = [30, 40, 50, 60, 70, 80, 90][self.r.usize(0..7)];
            items.push((ind, done, total, required));
        }
        let met = |done: u64, total: u64, req: u32| done * 100 >= u64::from(req) * total;
        // The stated evaluations: the figures' verdict, one of them flipped when a
        // contradiction is to be put in (only a clear case, well away from the threshold).
        let mut stated = Vec::with_capacity(items.len());
        for (_, done, total, required) in &items {
            let ok = met(*done, *total, *required);
            let margin = (*done as f64 * 100.0 / *total as f64 - f64::from(*required)).abs();
            let flip = margin > 5.0 && self.take("evaluation_contradicts_figures");
            stated.push(ok != flip);
        }
        let count = items.len();
        let mut met_count = stated.iter().filter(|ok| **ok).count();
        let mut not_met = count - met_count;
        if self.take("count_mismatch") {
            if met_count < count {
                met_count += 1;
            } else {
                not_met += 1;
            }
        }
        self.line("I. TỔNG HỢP KẾT QUẢ");
        self.line(&format!("Tổng số chỉ tiêu đánh giá: {count:02} chỉ tiêu."));
        self.line(&format!(
            "Chỉ tiêu đạt: {met_count:02}/{count:02} chỉ tiêu."
        ));
        self.line(&format!("Chỉ tiêu chưa đạt: {not_met:02} chỉ tiêu."));
        self.blank();
        self.line("II. KẾT QUẢ TỪNG TIÊU CHÍ");
        for (k, ((ind, done, total, required), ok)) in items.into_iter().zip(stated).enumerate() {
            self.line(&format!(
                "{}. Tiêu chí {}: Tỷ lệ {} {}",
                k + 1,
                k + 1,
                ind.unit,
                ind.rest
            ));
            self.line(&format!(
                "a) Yêu cầu tiêu chí: Tỷ lệ {} {} đạt từ {required}% trở lên.",
                ind.unit, ind.rest
            ));
            let pct = self.percent(done, total, 0);
            self.line(&format!(
                "b) Kết quả: {}/{} {} {}, đạt {pct}.",
                vn_int(done),
                vn_int(total),
                ind.unit,
                ind.rest
            ));
            self.line(if ok {
                "c) Đánh giá: Đạt."
            } else {
                "c) Đánh giá: Chưa đạt."
            });
            self.blank();
        }
        self.line("III. KIẾN NGHỊ, ĐỀ XUẤT");
        let n = self.r.usize(1..3);
        self.narrative(me, n);
    }

    fn plan(&mut self, me: &Ident, national: &[&vocab::National], local: &[Ident], size: usize) {
        self.grounds("Căn cứ", national, local);
        self.line(&format!(
            "{} ban hành Kế hoạch {} năm {} như sau:",
            me.issuer(),
            lower_first(vocab::PLAN_SUBJECTS[me.subject]),
            me.year
        ));
        self.blank();
        self.line("I. MỤC ĐÍCH, YÊU CẦU");
        let n = self.r.usize(1..3);
        self.narrative(me, n);
        self.blank();
        self.line("II. MỤC TIÊU");
        for (k, pillar) in vocab::PILLARS.iter().enumerate() {
            self.line(&format!("{}. {pillar}", k + 1));
            let n = self.r.usize(1..4);
            for ind in self.indicators_of(k, n) {
                let p = [50, 60, 70, 75, 80, 85, 90, 95, 100][self.r.usize(0..9)];
                let lead = ["Phấn đấu", "Ít nhất", "Tối thiểu", "Trên"][self.r.usize(0..4)];
                self.line(&format!(
                    "- {lead} {p}% {} {} vào cuối năm {}.",
                    ind.unit, ind.rest, me.year
                ));
            }
        }
        self.blank();
        self.line("III. NHIỆM VỤ VÀ GIẢI PHÁP");
        let mut k = 0;
        while self.out.len() < size.saturating_sub(1500) && k < 120 {
            k += 1;
            let t = pick(&mut self.r, vocab::TASKS);
            let agency = pick(&mut self.r, vocab::AGENCIES);
            let date = self.date_after(me);
            self.line(&format!("{k}. {t}"));
            self.line(&format!(
                "Đơn vị chủ trì: {agency}; thời gian hoàn thành: trước ngày {date}."
            ));
            let n = self.r.usize(1..3);
            self.narrative(me, n);
        }
        self.blank();
        self.line("IV. KINH PHÍ THỰC HIỆN");
        let m = self.money();
        self.line(&format!(
            "Tổng kinh phí dự kiến: {m}, từ nguồn ngân sách {} và các nguồn hợp pháp khác.",
            me.place()
        ));
        self.blank();
        self.line("V. TỔ CHỨC THỰC HIỆN");
        let n = self.r.usize(2..4);
        self.narrative(me, n);
    }

    fn decision(
        &mut self,
        me: &Ident,
        national: &[&vocab::National],
        local: &[Ident],
        size: usize,
    ) {
        self.line(&format!("CHỦ TỊCH {}", me.issuer().to_uppercase()));
        self.line("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;");
        self.grounds("Căn cứ", national, local);
        let agency = pick(&mut self.r, vocab::AGENCIES);
        self.line(&format!("Theo đề nghị của {agency}."));
        self.blank();
        self.line("QUYẾT ĐỊNH:");
        self.line(&format!(
            "Điều 1. Kiện toàn Ban Chỉ đạo chuyển đổi số {}, gồm các ông (bà) có tên sau:",
            me.place()
        ));
        let mut k = 0;
        while self.out.len() < (size / 3).saturating_sub(800) && k < 60 {
            k += 1;
            let name = self.person();
            let agency = pick(&mut self.r, vocab::AGENCIES);
            let role = if k == 1 {
                "Trưởng ban"
            } else if k < 4 {
                "Phó Trưởng ban"
            } else {
                "Thành viên"
            };
            self.line(&format!("{k}. Ông (bà) {name}, Trưởng {agency} - {role};"));
        }
        self.line("Điều 2. Ban Chỉ đạo có nhiệm vụ:");
        for _ in 0..self.r.usize(3..7) {
            let t = pick(&mut self.r, vocab::TASKS);
            self.line(&format!("- {t}"));
        }
        let n = self.r.usize(1..3);
        self.narrative(me, n);
        let m = self.money();
        self.line(&format!(
            "Kinh phí hoạt động của Ban Chỉ đạo năm {}: {m}.",
            me.year
        ));
        let old = self.r.u32(1..=me.number.max(2));
        let date = short_date(&mut self.r, me.day, me.month, me.year - 1);
        self.line(&format!(
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số {old}/QĐ-UBND ngày {date} của {}.",
            me.issuer()
        ));
    }
}

/// `1234567` → `1.234.567`.
fn vn_int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A `d/m/yyyy` date, with or without leading zeros.
fn short_date(r: &mut fastrand::Rng, d: u32, m: u32, y: u32) -> String {
    let mut s = String::new();
    if r.bool() {
        let _ = write!(s, "{d:02}/{m:02}/{y}");
    } else {
        let _ = write!(s, "{d}/{m}/{y}");
    }
    s
}

fn pad(r: &mut fastrand::Rng, n: u32) -> String {
    if r.bool() {
        format!("{n:02}")
    } else {
        n.to_string()
    }
}

fn pick<T: Copy>(r: &mut fastrand::Rng, items: &[T]) -> T {
    items[r.usize(0..items.len())]
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An ASCII file-name part: `Mỹ Hòa` → `my-hoa`.
fn slug(s: &str) -> String {
    fold(s).replace(' ', "-")
}

/// SplitMix64 of the seed, the index and a stream number: independent streams per document.
fn mix(seed: u64, i: u64, stream: u64) -> u64 {
    let mut z = seed
        .wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Breaks every body line longer than `width` at spaces, as a PDF text export does. Header
/// lines are short and stay as they are.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for line in text.lines() {
        let mut col = 0;
        for (k, word) in line.split(' ').enumerate() {
            let len = word.chars().count();
            if k > 0 {
                if col + 1 + len > width {
                    out.push('\n');
                    col = 0;
                } else {
                    out.push(' ');
                    col += 1;
                }
            }
            out.push_str(word);
            col += len;
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_dotted() {
        assert_eq!(vn_int(0), "0");
        assert_eq!(vn_int(999), "999");
        assert_eq!(vn_int(1000), "1.000");
        assert_eq!(vn_int(1_234_567), "1.234.567");
    }

    #[test]
    fn wrapping_keeps_every_word_and_the_width() {
        let text = "một hai ba bốn năm sáu bảy tám chín mười một hai ba bốn năm sáu bảy\n";
        let wrapped = hard_wrap(text, 20);
        assert!(wrapped.lines().count() > 2);
        assert!(wrapped.lines().all(|l| l.chars().count() <= 20));
        assert_eq!(wrapped.replace('\n', " ").trim(), text.trim());
    }

    #[test]
    fn documents_differ_by_index_and_seed() {
        assert_ne!(document(1, 0).text, document(1, 1).text);
        assert_ne!(document(1, 0).text, document(2, 0).text);
    }
}
