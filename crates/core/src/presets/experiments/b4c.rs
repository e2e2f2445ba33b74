//! B4 on CIFAR-10 · SimCLR without labels on colour photos, then a classifier on the frozen
//! codes: the report's second half of B4, with the lab's small conv encoder in place of its
//! ResNet-18.

use super::shared::{QUICK_CNN_IMAGES, SSL_REPORT, b4c_simclr, frozen_codes_accuracy, simclr_then_frozen};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Job, PresetSize};
use crate::presets::report::Report;
use crate::presets::Preset;
use crate::settings::Hyperparams;

pub struct B4Cifar;

static CARD: Preset = Preset {
    id: "b4c",
    title: "B4 · SimCLR on CIFAR-10, then a classifier on its frozen codes",
    question: "The same recipe as B4 on colour photos: learn codes with no labels by matching two augmented views of each photo (cropped, flipped, colour-jittered, greyed), freeze the encoder and train a small classifier on its 128 numbers. How much of the ten classes do the codes hold?",
    setup: "CIFAR-10: a ResNet-18 (3×3 stem, no max-pool) with a 512-512-128 projection head, SimCLR NT-Xent with τ = 0.5 on crop/flip/colour jitter/greyscale views; then a classifier on the frozen encoder.",
    source: SSL_REPORT,
    differences: "The lab's encoder is B2's small conv encoder (3→64→128→256, linear to 128: about 1.2 M parameters, against the ResNet-18's 11 M, which does not train in a tab) and the classifier on its codes is B4's 128-64-10. 4,000 training images (the report: 50,000); 3 epochs of SimCLR (batch 128; SimCLR usually needs hundreds), 6 (batch 64) for each classifier, as in B6, to keep the card within minutes in a tab. Expect far less than the report: the gap measures what size and training time buy. The lab adds a baseline the report did not run: the same classifier on a random, untrained frozen encoder.",
    dataset: DatasetId::Cifar10,
    reported: &[figure("accuracy", "classifier test accuracy on the frozen SimCLR codes", 0.7499, "74.99%")],
};

impl Experiment for B4Cifar {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        let simclr = b4c_simclr(size);
        let head = Hyperparams { batch: 64, epochs: size.epochs(6, 20), ..simclr.clone() };
        simclr_then_frozen(simclr, head, true)
    }

    fn quick_train_images(&self) -> usize {
        QUICK_CNN_IMAGES
    }

    fn report(&self, r: &mut Report<'_>) {
        frozen_codes_accuracy(r);
    }
}
