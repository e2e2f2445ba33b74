//! A class's results without a server. A student's "share my result" link is the lab's link to
//! a finished run (its settings, so anyone can train it again) plus who ran it and what it
//! reached — the held-out figures and the test-loss curve, never the weights. A teacher pastes
//! the links of a class into one table ([`ClassTable`]), which says what the students varied
//! and, where they varied one number (each a different learning rate, say), draws the class's
//! sweep of it.

use serde::{Deserialize, Serialize};

use super::settings::{QUERY_KEYS, Settings, field, percent_decode};

/// The longest name a link keeps (characters).
pub const NAME_MAX: usize = 40;
/// The most test-loss points a link carries (a longer curve is thinned, its ends kept).
pub const CURVE_MAX: usize = 40;

/// The keys a result link adds to the settings' (none of them is a settings key).
pub const RESULT_KEYS: [&str; 8] = ["by", "r_loss", "r_kl", "r_acc", "r_epochs", "r_secs", "r_on", "r_curve"];

/// A student's finished run, as a result link carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedResult {
    /// Who ran it, as they typed it (at most [`NAME_MAX`] characters; may be empty).
    pub name: String,
    /// What was trained: everything the lab's own link carries.
    pub settings: Settings,
    /// Epochs trained (fewer than asked for when the run was stopped).
    pub epochs: usize,
    /// The held-out figures of the run's final weights.
    #[serde(deserialize_with = "super::nan_as_null::f32")]
    pub test_loss: f32,
    pub kl: Option<f32>,
    pub accuracy: Option<f32>,
    /// Training time, and the backend that trained (`CPU`, `WebGPU`).
    pub seconds: Option<f64>,
    pub backend: String,
    /// The test loss at each evaluation (before training first), thinned to [`CURVE_MAX`].
    pub curve: Vec<f32>,
}

/// Why a pasted text is not a result link.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ResultLinkError {
    #[error("it is a link to the lab but carries no result (use “Share result” on a saved run)")]
    NoResult,
    #[error("its {key} ({value}) is not a number")]
    NotANumber { key: &'static str, value: String },
    #[error("its settings do not read: {0}")]
    Settings(String),
}

/// `v` to 4 significant digits, written as short as it reads back.
fn short(v: f32) -> String {
    if !v.is_finite() {
        return "NaN".into();
    }
    let rounded: f32 = format!("{v:.3e}").parse().unwrap_or(v);
    format!("{rounded}")
}

/// Percent-encode a query value (letters, digits and `-_.~` stay as they are).
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// At most `max` points of `curve`, evenly picked, the first and last always kept.
fn thinned(curve: &[f32], max: usize) -> Vec<f32> {
    if curve.len() <= max || max < 2 {
        return curve.to_vec();
    }
    (0..max).map(|i| curve[i * (curve.len() - 1) / (max - 1)]).collect()
}

impl SharedResult {
    /// A result with the name trimmed to [`NAME_MAX`] characters and the curve thinned to
    /// [`CURVE_MAX`] points: what its link will carry.
    #[allow(clippy::too_many_arguments)]
    pub fn new(name: &str, settings: Settings, epochs: usize, test_loss: f32, kl: Option<f32>, accuracy: Option<f32>, seconds: Option<f64>, backend: &str, curve: &[f32]) -> Self {
        Self {
            name: name.trim().chars().take(NAME_MAX).collect(),
            settings,
            epochs,
            test_loss,
            kl,
            accuracy,
            seconds,
            backend: backend.to_string(),
            curve: thinned(curve, CURVE_MAX),
        }
    }

    /// The same result under the name `name` (trimmed to [`NAME_MAX`] characters).
    pub fn named(self, name: &str) -> Self {
        Self { name: name.trim().chars().take(NAME_MAX).collect(), ..self }
    }

    /// The link's query (no leading `?`): the settings, then the result's keys.
    pub fn to_query(&self) -> String {
        let mut q = self.settings.to_query();
        q.push_str(&format!("&by={}&r_loss={}", percent_encode(&self.name), short(self.test_loss)));
        if let Some(kl) = self.kl {
            q.push_str(&format!("&r_kl={}", short(kl)));
        }
        if let Some(a) = self.accuracy {
            q.push_str(&format!("&r_acc={}", short(a)));
        }
        q.push_str(&format!("&r_epochs={}", self.epochs));
        if let Some(s) = self.seconds {
            q.push_str(&format!("&r_secs={}", s.round()));
        }
        if !self.backend.is_empty() {
            q.push_str(&format!("&r_on={}", percent_encode(&self.backend)));
        }
        if !self.curve.is_empty() {
            q.push_str(&format!("&r_curve={}", self.curve.iter().map(|v| short(*v)).collect::<Vec<_>>().join("_")));
        }
        q
    }

    /// Read a result link: a whole URL, or just its query (with or without `?`). The settings
    /// must read without a warning: a result whose settings were changed would misstate what
    /// was trained.
    pub fn from_link(text: &str) -> Result<Self, ResultLinkError> {
        let text = text.trim();
        let text = text.split_once('#').map_or(text, |(before, _)| before);
        let query = text.split_once('?').map_or(text, |(_, q)| q);
        let value = |key: &str| {
            query.split('&').filter_map(|p| p.split_once('=')).find(|(k, _)| *k == key).map(|(_, v)| percent_decode(v))
        };
        let number = |key: &'static str, text: Option<String>| -> Result<Option<f64>, ResultLinkError> {
            match text {
                None => Ok(None),
                Some(t) => t.trim().parse::<f64>().map(Some).map_err(|_| ResultLinkError::NotANumber { key, value: t }),
            }
        };
        let test_loss = number("test loss", value("r_loss"))?.ok_or(ResultLinkError::NoResult)? as f32;
        let kl = number("KL", value("r_kl"))?.map(|v| v as f32);
        let accuracy = number("accuracy", value("r_acc"))?.map(|v| v as f32);
        let epochs = number("epoch count", value("r_epochs"))?.unwrap_or(0.0).max(0.0) as usize;
        let seconds = number("training time", value("r_secs"))?;
        let curve = match value("r_curve") {
            None => Vec::new(),
            Some(c) => c
                .split('_')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<f32>().map_err(|_| ResultLinkError::NotANumber { key: "curve", value: s.to_string() }))
                .collect::<Result<_, _>>()?,
        };
        let settings_query: Vec<&str> =
            query.split('&').filter(|p| !RESULT_KEYS.contains(&p.split_once('=').map_or(*p, |(k, _)| k))).collect();
        let (settings, warnings) = Settings::from_query(&settings_query.join("&"));
        if let Some(w) = warnings.into_iter().next() {
            return Err(ResultLinkError::Settings(w));
        }
        Ok(Self::new(&value("by").unwrap_or_default(), settings, epochs, test_loss, kl, accuracy, seconds, &value("r_on").unwrap_or_default(), &curve))
    }

    /// The name to show: the one given, or "(no name)".
    pub fn shown_name(&self) -> &str {
        if self.name.is_empty() { "(no name)" } else { &self.name }
    }
}

/// One link of a paste that did not read, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct PasteProblem {
    /// 1-based, among the pasted links.
    pub index: usize,
    pub text: String,
    pub error: ResultLinkError,
}

impl std::fmt::Display for PasteProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown: String = self.text.chars().take(60).collect();
        let more = if self.text.chars().count() > 60 { "…" } else { "" };
        write!(f, "link {} ({shown}{more}): {}", self.index, self.error)
    }
}

/// A setting the class's results differ in.
#[derive(Debug, Clone, PartialEq)]
pub struct Varied {
    /// Its link key (`lr`, `k`, `dataset`, …) and its label in the form.
    pub key: &'static str,
    pub label: &'static str,
    /// Whether every value is a number (a sweep can be drawn over it).
    pub numeric: bool,
}

/// The settings that `all` differ in, in the link's order (the backend is not a setting of the
/// run's maths and is left out): the class table's columns, and what tells saved runs apart.
pub fn varied(all: &[&Settings]) -> Vec<Varied> {
    let Some(first) = all.first() else { return Vec::new() };
    QUERY_KEYS
        .iter()
        .filter(|&&key| key != "backend")
        .filter(|&&key| {
            let v = first.get(key);
            all.iter().any(|s| s.get(key) != v)
        })
        .map(|&key| Varied {
            key,
            label: field(key).map_or(if key == "dataset" { "Dataset" } else { key }, |f| f.label),
            numeric: all.iter().all(|s| s.get(key).parse::<f64>().is_ok()),
        })
        .collect()
}

impl Varied {
    /// Its label in running text: lower case, without the form's parenthesis ("Linear layer
    /// (0: none)" → "linear layer", "β (KL weight)" → "β").
    pub fn short_label(&self) -> String {
        let label = self.label.split(" (").next().unwrap_or(self.label);
        let mut chars = label.chars();
        match (chars.next(), chars.clone().next()) {
            // "C" and "Margin M" keep their case where a capital is the name itself.
            (Some(c), Some(next)) if next.is_lowercase() => c.to_lowercase().chain(chars).collect(),
            _ => label.to_string(),
        }
    }

    /// Its value in `settings`, named in running text: "hidden width 64".
    pub fn describe(&self, settings: &Settings) -> String {
        format!("{} {}", self.short_label(), settings.get(self.key))
    }
}

/// What tells runs apart in one legend, given their names and settings: their names where no
/// two are alike; where runs share one name (one model saved under its default name), only
/// the settings they differ in ("learning rate 0.01"); where some names repeat, each name with
/// those settings. Runs alike in name and settings keep their names.
pub fn telling_apart(names: &[&str], settings: &[&Settings]) -> Vec<String> {
    let own = || names.iter().map(|n| n.to_string()).collect();
    let alike = names.iter().enumerate().any(|(i, a)| names[..i].contains(a));
    let varied = varied(settings);
    if !alike || varied.is_empty() {
        return own();
    }
    let one_name = names.iter().all(|n| *n == names[0]);
    names
        .iter()
        .zip(settings)
        .map(|(name, s)| {
            let differ = varied.iter().map(|v| v.describe(s));
            if one_name { differ.collect::<Vec<_>>() } else { std::iter::once(name.to_string()).chain(differ).collect() }.join(" · ")
        })
        .collect()
}

/// The class's sweep of one number: each result's test loss against its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    pub varied: Varied,
    /// (value, test loss, row index), in row order.
    pub points: Vec<(f64, f32, usize)>,
    /// The values span a factor of 10 or more (all positive): draw them on a log axis (a
    /// learning rate's 0.001, 0.003, 0.01 sit evenly there; linear, the first two crowd).
    pub log_x: bool,
}

/// The teacher's table: every result pasted so far, in the order pasted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassTable {
    pub rows: Vec<SharedResult>,
}

impl ClassTable {
    /// Add every result link in `text` (links separated by white space, one per line or not);
    /// returns how many were added, the duplicates skipped, and the links that did not read.
    pub fn paste(&mut self, text: &str) -> (usize, usize, Vec<PasteProblem>) {
        let (mut added, mut duplicates, mut problems) = (0, 0, Vec::new());
        for (i, token) in text.split_whitespace().enumerate() {
            match SharedResult::from_link(token) {
                // By the link (a diverged run's NaN loss equals nothing, itself included).
                Ok(result) if self.rows.iter().any(|r| r.to_query() == result.to_query()) => duplicates += 1,
                Ok(result) => {
                    self.rows.push(result);
                    added += 1;
                }
                Err(error) => problems.push(PasteProblem { index: i + 1, text: token.to_string(), error }),
            }
        }
        (added, duplicates, problems)
    }

    /// The settings the rows differ in, in the link's order (the backend is not a setting of the
    /// run's maths and is left out).
    pub fn varied(&self) -> Vec<Varied> {
        varied(&self.rows.iter().map(|r| &r.settings).collect::<Vec<_>>())
    }

    /// The sweep to draw: where exactly one number other than the seed varies (seeds may vary
    /// too: repeated runs of one value), and nothing else does.
    pub fn sweep(&self) -> Option<Sweep> {
        let varied = self.varied();
        let others: Vec<&Varied> = varied.iter().filter(|v| v.key != "seed").collect();
        let [one] = others.as_slice() else { return None };
        if !one.numeric {
            return None;
        }
        let points: Vec<(f64, f32, usize)> = self
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((r.settings.get(one.key).parse::<f64>().ok()?, r.test_loss, i)))
            .filter(|(_, loss, _)| loss.is_finite())
            .collect();
        let (lo, hi) = points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
        (points.len() >= 2).then(|| Sweep { varied: (*one).clone(), points, log_x: lo > 0.0 && hi / lo >= 10.0 })
    }

    /// Whether the test losses can be ranked against each other: one dataset, one model, one
    /// loss (else a lower number is not a better run).
    pub fn comparable(&self) -> bool {
        self.varied().iter().all(|v| !matches!(v.key, "dataset" | "model" | "loss" | "out"))
    }

    /// The table as CSV: name, the varied settings, epochs, test loss, KL, accuracy, seconds,
    /// backend, and the link that reopens the run.
    pub fn to_csv(&self, page: &str) -> String {
        let varied = self.varied();
        let quote = |s: &str| if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() };
        let mut out = String::from("name");
        for v in &varied {
            out.push(',');
            out.push_str(&quote(v.label));
        }
        out.push_str(",epochs,test loss,KL,accuracy,seconds,backend,link\n");
        let opt = |v: Option<String>| v.unwrap_or_default();
        for r in &self.rows {
            out.push_str(&quote(&r.name));
            for v in &varied {
                out.push(',');
                out.push_str(&quote(&r.settings.get(v.key)));
            }
            out.push_str(&format!(
                ",{},{},{},{},{},{},{}\n",
                r.epochs,
                short(r.test_loss),
                opt(r.kl.map(short)),
                opt(r.accuracy.map(short)),
                opt(r.seconds.map(|s| format!("{s}"))),
                quote(&r.backend),
                quote(&format!("{page}?{}", r.to_query()))
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::ModelKind;

    fn result(name: &str, lr: f64, loss: f32) -> SharedResult {
        let mut settings = Settings::default();
        settings.hp.lr = lr;
        SharedResult::new(name, settings, 5, loss, None, None, Some(41.3), "CPU", &[0.11, 0.05, 0.031, 0.029, 0.0251, 0.0248])
    }

    #[test]
    fn a_legend_names_what_tells_runs_apart() {
        let at = |lr: f64, seed: u64| {
            let mut s = Settings::default();
            s.hp.lr = lr;
            s.hp.seed = seed;
            s
        };
        let (a, b, c) = (at(1e-3, 42), at(1e-2, 42), at(1e-2, 7));
        // One default name for both: only the learning rate tells them apart.
        assert_eq!(telling_apart(&["AE", "AE"], &[&a, &b]), ["learning rate 0.001", "learning rate 0.01"]);
        // Names of their own: kept as they are.
        assert_eq!(telling_apart(&["fast", "slow"], &[&a, &b]), ["fast", "slow"]);
        // A name repeated beside another: each name with what varies.
        assert_eq!(
            telling_apart(&["AE", "AE", "VAE"], &[&a, &b, &c]),
            ["AE · learning rate 0.001 · seed 42", "AE · learning rate 0.01 · seed 42", "VAE · learning rate 0.01 · seed 7"]
        );
        // The same run saved twice: nothing to tell, the names stay.
        assert_eq!(telling_apart(&["AE", "AE"], &[&a, &a]), ["AE", "AE"]);
    }

    #[test]
    fn a_result_link_reads_back_to_the_same_result() {
        let mut r = result("Ana María & co", 3e-4, 0.024_812_345);
        r.settings.hp.model = ModelKind::MlpVae;
        r.kl = Some(12.345_67);
        r.accuracy = Some(0.912_34);
        let link = format!("https://example.org/lab/?{}", r.to_query());
        let back = SharedResult::from_link(&link).unwrap();
        assert_eq!(back.name, "Ana María & co");
        assert_eq!(back.settings, r.settings);
        assert_eq!(back.test_loss, 0.02481, "4 significant digits");
        assert_eq!(back.kl, Some(12.35));
        assert_eq!(back.accuracy, Some(0.9123));
        assert_eq!((back.epochs, back.seconds, back.backend.as_str()), (5, Some(41.0), "CPU"));
        assert_eq!(back.curve, vec![0.11, 0.05, 0.031, 0.029, 0.0251, 0.0248]);
        // Written once more, it is the same link: a pasted link and its re-export agree.
        assert_eq!(SharedResult::from_link(&back.to_query()).unwrap(), back);
    }

    #[test]
    fn links_that_are_not_results_say_why() {
        let plain = format!("http://x/?{}", Settings::default().to_query());
        assert_eq!(SharedResult::from_link(&plain), Err(ResultLinkError::NoResult));
        assert!(matches!(SharedResult::from_link("by=a&r_loss=low"), Err(ResultLinkError::NotANumber { .. })));
        assert!(matches!(SharedResult::from_link("lr=500&r_loss=0.1"), Err(ResultLinkError::Settings(_))));
        assert!(matches!(SharedResult::from_link("r_loss=0.1&r_curve=0.2_x"), Err(ResultLinkError::NotANumber { key: "curve", .. })));
    }

    #[test]
    fn names_are_trimmed_and_curves_thinned() {
        let long: Vec<f32> = (0..100).map(|i| i as f32).collect();
        let r = SharedResult::new(&"n".repeat(100), Settings::default(), 99, 1.0, None, None, None, "", &long);
        assert_eq!(r.name.chars().count(), NAME_MAX);
        assert_eq!(r.curve.len(), CURVE_MAX);
        assert_eq!((r.curve[0], *r.curve.last().unwrap()), (0.0, 99.0));
    }

    #[test]
    fn a_class_that_varied_the_learning_rate_gets_its_sweep() {
        let mut table = ClassTable::default();
        let mut seeded = result("Cem", 1e-3, 0.027);
        seeded.settings.hp.seed = 7;
        let links = [result("Ana", 1e-4, 0.05), result("Bo", 1e-2, 0.031), seeded, result("Dee", 1e-1, f32::NAN)]
            .iter()
            .map(|r| format!("http://x/?{}", r.to_query()))
            .collect::<Vec<_>>();
        let text = format!("{}\n\n  {}\nnot-a-link {} {}", links[0], links[1], links[2], links[3]);
        let (added, duplicates, problems) = table.paste(&text);
        assert_eq!((added, duplicates), (4, 0));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].index, 3);
        assert_eq!(problems[0].error, ResultLinkError::NoResult);
        assert!(problems[0].to_string().starts_with("link 3 (not-a-link): it is a link to the lab but carries no result"));
        // Pasting the same links again adds nothing.
        assert_eq!(table.paste(&links.join(" ")), (0, 4, vec![]));
        let varied: Vec<&str> = table.varied().iter().map(|v| v.key).collect();
        assert_eq!(varied, vec!["lr", "seed"]);
        let sweep = table.sweep().expect("one number varies (and the seed)");
        assert_eq!(sweep.varied.key, "lr");
        assert!(sweep.log_x, "1e-4 to 1e-1");
        // The diverged run (NaN) is not drawn.
        assert_eq!(sweep.points.iter().map(|p| p.2).collect::<Vec<_>>(), vec![0, 1, 2]);
        assert!(table.comparable());
        let csv = table.to_csv("http://x/");
        assert!(csv.starts_with("name,Learning rate,Seed,epochs,test loss,KL,accuracy,seconds,backend,link\n"), "{csv}");
        assert!(csv.contains("\nAna,0.0001,42,5,0.05,,,41,CPU,http://x/?dataset="), "{csv}");
        assert_eq!(csv.lines().count(), 5);
    }

    #[test]
    fn saved_runs_are_told_apart_by_what_they_varied() {
        let a = Settings::default();
        let mut b = a.clone();
        b.hp.hidden = 64;
        b.hp.conv_hidden = 32;
        b.hp.beta = 4.0;
        b.hp.margin = 1.0;
        b.backend = crate::settings::BackendChoice::Cpu;
        let varied = varied(&[&a, &b]);
        assert_eq!(varied.iter().map(|v| v.key).collect::<Vec<_>>(), vec!["hidden", "conv_hidden", "beta", "margin"], "the backend is not listed");
        assert_eq!(varied.iter().map(Varied::short_label).collect::<Vec<_>>(), vec!["hidden width", "linear layer", "β", "margin M"]);
        assert_eq!(varied[0].describe(&b), "hidden width 64");
        assert!(super::varied(&[&a]).is_empty() && super::varied(&[]).is_empty());
    }

    #[test]
    fn a_sweep_over_a_decade_is_drawn_on_a_log_axis() {
        let table = |rates: &[f64]| ClassTable { rows: rates.iter().map(|&lr| result("x", lr, 0.03)).collect() };
        assert!(table(&[1e-3, 3e-3, 1e-2]).sweep().unwrap().log_x, "a decade");
        assert!(!table(&[2e-3, 5e-3, 1e-2]).sweep().unwrap().log_x, "a factor of 5");
    }

    #[test]
    fn a_class_that_changed_the_model_gets_no_sweep_and_no_ranking() {
        let mut table = ClassTable::default();
        let mut vae = result("Bo", 1e-3, 30.0);
        vae.settings.hp.model = ModelKind::MlpVae;
        vae.settings.hp.latent = 2;
        for r in [result("Ana", 1e-3, 0.03), vae] {
            table.paste(&r.to_query());
        }
        assert_eq!(table.varied().iter().map(|v| v.key).collect::<Vec<_>>(), vec!["model", "k"]);
        assert!(!table.varied()[0].numeric && table.varied()[1].numeric);
        assert_eq!(table.sweep(), None);
        assert!(!table.comparable());
    }
}
