//! A classifier's confusion matrix and its per-class precision, recall and F1.

use serde::{Deserialize, Serialize};

/// Counts of (true class, predicted class) over some images.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Confusion {
    pub classes: usize,
    /// `classes × classes`, row-major: row = true class, column = prediction.
    pub counts: Vec<u32>,
}

/// One class's figures (NaN where undefined, e.g. precision of a never-predicted class; its F1
/// is then 0 if it has images).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClassMetrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Images of this class.
    pub support: u32,
}

impl Confusion {
    /// Count `truth[i]` against `predicted[i]`; labels ≥ `classes` are ignored.
    ///
    /// Panics if the two slices differ in length (a bug).
    pub fn new(truth: &[u8], predicted: &[u8], classes: usize) -> Confusion {
        assert_eq!(truth.len(), predicted.len(), "one prediction per label");
        let mut counts = vec![0; classes * classes];
        for (&t, &p) in truth.iter().zip(predicted) {
            let (t, p) = (usize::from(t), usize::from(p));
            if t < classes && p < classes {
                counts[t * classes + p] += 1;
            }
        }
        Confusion { classes, counts }
    }

    pub fn count(&self, truth: usize, predicted: usize) -> u32 {
        self.counts[truth * self.classes + predicted]
    }

    /// Images of class `truth`.
    pub fn row_total(&self, truth: usize) -> u32 {
        (0..self.classes).map(|p| self.count(truth, p)).sum()
    }

    /// Share of class `truth`'s images predicted as `predicted` (0 for an empty row).
    pub fn row_share(&self, truth: usize, predicted: usize) -> f64 {
        f64::from(self.count(truth, predicted)) / f64::from(self.row_total(truth).max(1))
    }

    /// Share of all images on the diagonal.
    pub fn accuracy(&self) -> f64 {
        let correct: u32 = (0..self.classes).map(|c| self.count(c, c)).sum();
        f64::from(correct) / f64::from(self.counts.iter().sum::<u32>().max(1))
    }

    /// Precision, recall and F1 of every class.
    pub fn per_class(&self) -> Vec<ClassMetrics> {
        (0..self.classes)
            .map(|c| {
                let hits = f64::from(self.count(c, c));
                let predicted: u32 = (0..self.classes).map(|t| self.count(t, c)).sum();
                let support = self.row_total(c);
                let precision = hits / f64::from(predicted);
                let recall = hits / f64::from(support);
                // F1 = 2·TP / (2·TP + FP + FN): 0 when the class has images or predictions but no
                // hit (a precision of 0/0 included), undefined only with neither.
                let f1 = 2.0 * hits / f64::from(predicted + support);
                ClassMetrics { precision, recall, f1, support }
            })
            .collect()
    }
}
