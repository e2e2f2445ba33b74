//! C3 · Digits the autoencoder never saw: trained on 0–4, the reconstruction error of every
//! digit.

use super::shared::AE_2024;
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, JobData, PresetSize, job};
use crate::presets::report::{Report, mean_of};
use crate::presets::result::{Bars, Chart, Unit};
use crate::presets::Preset;
use crate::presets::verdict::Claim;
use crate::settings::Hyperparams;

pub struct C3;

static CARD: Preset = Preset {
    id: "c3",
    title: "C3 · Digits the autoencoder never saw",
    question: "Train on digits 0–4 only, then reconstruct all ten: how much worse are the unseen 5–9?",
    setup: "MLP autoencoder trained on digits 0–4, mean reconstruction error ± σ per digit on the test set.",
    source: AE_2024,
    differences: "The lab's default MLP autoencoder (784-256-128) on the subset's 0–4 images.",
    dataset: DatasetId::Mnist,
    reported: &[
        figure("error_0", "digit 0 (seen)", 0.0083, "0.0083 ± 0.0039"),
        figure("error_1", "digit 1 (seen)", 0.0023, "0.0023 ± 0.0013"),
        figure("error_2", "digit 2 (seen)", 0.0094, "0.0094 ± 0.0040"),
        figure("error_3", "digit 3 (seen)", 0.0083, "0.0083 ± 0.0039"),
        figure("error_4", "digit 4 (seen)", 0.0082, "0.0082 ± 0.0038"),
        figure("error_5", "digit 5 (unseen)", 0.0134, "0.0134 ± 0.0053"),
        figure("error_6", "digit 6 (unseen)", 0.0121, "0.0121 ± 0.0051"),
        figure("error_7", "digit 7 (unseen)", 0.0114, "0.0114 ± 0.0060"),
        figure("error_8", "digit 8 (unseen)", 0.0127, "0.0127 ± 0.0051"),
        figure("error_9", "digit 9 (unseen)", 0.0082, "0.0082 ± 0.0032"),
    ],
};

impl Experiment for C3 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![Job {
            data: JobData::TrainClasses((0..=4).collect()),
            ..job("trained on 0–4", Hyperparams { epochs: size.epochs(5, 20), ..Hyperparams::default() })
        }]
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::ErrorPerClass { shown: &[5, 6, 7, 8, 9], caption: "unseen digit" }]
    }

    fn claims(&self) -> &'static [Claim] {
        &[Claim::Rises {
            metric: "unseen_worse",
            label: "unseen digits reconstruct worse",
            text: "mean error 0–4 < 5–9 (0.0073 < 0.0116)",
            chain: &["error_seen", "error_unseen"],
        }]
    }

    fn report(&self, r: &mut Report<'_>) {
        let Some(o) = r.outcomes.first() else { return };
        for (digit, &(mean, sd)) in o.per_class.iter().enumerate() {
            r.put_spread(format!("error_{digit}"), mean, sd, Unit::Loss);
        }
        let lab = |seen: bool| Bars {
            name: if seen { "lab, seen (0–4)" } else { "lab, unseen (5–9)" }.into(),
            values: o.per_class.iter().enumerate().map(|(d, v)| if (d < 5) == seen { v.0 } else { f64::NAN }).collect(),
            errors: Some(o.per_class.iter().map(|v| v.1).collect()),
        };
        let reported = Bars { name: "reported".into(), values: CARD.reported.iter().map(|r| r.value.unwrap_or(f64::NAN)).collect(), errors: None };
        let (seen, unseen) = (mean_of(&o.per_class[..5.min(o.per_class.len())]), mean_of(o.per_class.get(5..).unwrap_or(&[])));
        r.put_lab_only("error_seen", "mean error, seen digits 0–4", seen, Unit::Loss);
        r.put_lab_only("error_unseen", "mean error, unseen digits 5–9", unseen, Unit::Loss);
        r.note(format!("Unseen digits average {:.4}, seen ones {:.4}: {:.1}× the error.", unseen, seen, unseen / seen));
        r.chart(Chart::Bars {
            title: "Test reconstruction error per digit (trained on 0–4)".into(),
            y_label: "MSE".into(),
            groups: (0..10).map(|d| d.to_string()).collect(),
            bars: vec![lab(true), lab(false), reported],
        });
    }
}
