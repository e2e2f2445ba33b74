//! What several experiments share: the reports they come from, the networks they train and
//! the parts of their results that read the same (one family's code in one place).

use crate::analysis::{KNN_K, LineView, SureClasses};
use crate::presets::plan::{Init, Job, PresetSize, job};
use crate::presets::verdict::Claim;
use crate::presets::report::{GenerativeScores, JobOutcome, Report, curves, curves_held_out_as};
use crate::presets::result::{Bars, Chart, Unit};
use crate::settings::{ContrastiveLoss, ConvStack, Hyperparams, LossKind, ModelKind, OptimizerKind, OutputKind};
use crate::thousands::signed;

pub const MNIST_2025: &str = "Reported in a course report (autoencoders, transfer and contrastive learning; MNIST and CIFAR-10; 2025).";
pub const SSL_REPORT: &str = "Reported in a course report (self-supervised, classification-guided and contrastive encoders; MNIST and CIFAR-10).";
pub const AE_2024: &str = "Reported in a course report (autoencoder-initialised classifiers; MNIST; 2024).";
pub const CIFAR_MLP: &str = "Reported in a course report (linear SVM and MLP autoencoders; CIFAR-10).";
pub const FASHION: &str = "Reported in a course report (convolutional autoencoders and VAEs; Fashion-MNIST).";
pub const CIFAR_SUBSET: &str =
    "The lab trains on the shipped CIFAR-10 subset: 4,000 training and 1,000 test images, not 50,000/10,000, for 5 epochs, not 22. Dropout 0.25 after each conv block, as reported (until 2026-12-05 the lab dropped out once, before the output layer).";

/// Training images at the quick size for the CIFAR CNNs, whose every image costs ~40 times an
/// MLP's.
pub const QUICK_CNN_IMAGES: usize = 500;

/// B1's autoencoder (B5 walks its codes): the lab's 784-256-128 with an L1 loss, batch 32 for
/// 10 epochs (3,120 steps). The report trained it until it stopped improving; 5 epochs at batch
/// 128 (390 steps) left its test MAE at 2.4× the report's.
pub fn b1_autoencoder(size: PresetSize) -> Hyperparams {
    Hyperparams { loss: LossKind::L1, batch: 32, epochs: size.epochs(10, 20), ..Hyperparams::default() }
}

/// B2's conv autoencoder (B6 compares its codes): 3→64→128→256, linear to 128, L1, batch 64.
pub fn b2_autoencoder(size: PresetSize) -> Hyperparams {
    Hyperparams { model: ModelKind::ConvAe, loss: LossKind::L1, latent: 128, batch: 64, epochs: size.epochs(5, 20), ..Hyperparams::default() }
}

/// B4's SimCLR encoder (B3 compares its codes): the MLP 784-256-128, NT-Xent with τ = 0.5,
/// batch 128.
pub fn b4_simclr(size: PresetSize) -> Hyperparams {
    simclr(ModelKind::MlpContrastive, size.epochs(5, 20))
}

/// B4 on CIFAR-10's SimCLR encoder (B6 compares its codes): B2's conv encoder, NT-Xent with
/// τ = 0.5, batch 128.
pub fn b4c_simclr(size: PresetSize) -> Hyperparams {
    simclr(ModelKind::ConvContrastive, size.epochs(3, 100))
}

fn simclr(model: ModelKind, epochs: usize) -> Hyperparams {
    Hyperparams { model, contrastive: ContrastiveLoss::NtXent, temperature: 0.5, latent: 128, batch: 128, epochs, ..Hyperparams::default() }
}

/// The report's MNIST autoencoder 784-1000-k-1000-784.
pub fn wide_mlp(k: usize, epochs: usize) -> Hyperparams {
    Hyperparams { hidden: 1000, latent: k, epochs, ..Hyperparams::default() }
}

/// A1's and A2's batch for the wide MLP: 128 at the full size, 32 on the subset, where batch 128
/// stopped this network far from converged in the few hundred steps a card's epochs give
/// (docs/findings-a1.md, docs/findings-a2.md; A4 trains at 32 at every size).
pub fn wide_mlp_batch(size: PresetSize) -> usize {
    if size == PresetSize::Full { 128 } else { 32 }
}

/// The reports' CIFAR-10 CNN (A6) with Adam 1e-3 and a little weight decay.
pub fn cnn(epochs: usize) -> Hyperparams {
    Hyperparams { model: ModelKind::Cnn, batch: 64, weight_decay: 1e-4, epochs, ..Hyperparams::default() }
}

/// D3's CIFAR-10 MLP autoencoder 3072-128-32-128-3072 with a linear output (`model`: plain or
/// tied).
pub fn colour_mlp(model: ModelKind, epochs: usize) -> Hyperparams {
    Hyperparams { model, hidden: 128, latent: 32, output: OutputKind::Linear, epochs, ..Hyperparams::default() }
}

/// E1's Fashion-MNIST conv autoencoder (or VAE) with a `latent`-wide code, batch 256: the
/// report's layout (32 maps of 3 × 3 = 288 features, then [`FASHION_LINEAR`] units and
/// dropout [`FASHION_DROPOUT`] in the linear layers).
pub fn fashion_conv(model: ModelKind, latent: usize, lr: f64, epochs: usize) -> Hyperparams {
    Hyperparams {
        model,
        latent,
        lr,
        batch: 256,
        epochs,
        conv_hidden: FASHION_LINEAR,
        conv_stack: ConvStack::Report,
        dropout: FASHION_DROPOUT,
        ..Hyperparams::default()
    }
}

/// The Fashion-MNIST report's linear layer between the feature maps and the code (288 → 64).
pub const FASHION_LINEAR: usize = 64;
/// Dropout in its linear layers: the report does not give E1's rate; this is the rate its
/// hyper-parameter search (E2) chose.
pub const FASHION_DROPOUT: f64 = 0.005;

/// E4/E5's conv autoencoder and VAE (d = 44): batch 32 for 10 epochs (3,120 steps on the
/// subset), the VAE at the report's lr 2e-4 and the autoencoder at E1's 1e-3. At batch 256 for
/// 5 epochs (195 steps) the VAE had not learned yet: its samples were uniform grey blobs.
pub fn latent_explorers(size: crate::presets::plan::PresetSize) -> (Hyperparams, Hyperparams) {
    let epochs = size.epochs(10, 10);
    let vae = Hyperparams { batch: 32, ..fashion_conv(ModelKind::ConvVae, 44, 2e-4, epochs) };
    let ae = Hyperparams { batch: 32, ..fashion_conv(ModelKind::ConvAe, 44, 1e-3, epochs) };
    (vae, ae)
}

/// A classifier on an MLP or conv encoder (see [`Init::Encoder`]).
pub fn on_encoder(label: &str, hp: Hyperparams, conv: bool, from: Option<usize>, frozen: bool, code: bool, head: &[usize]) -> Job {
    let hp = Hyperparams { model: ModelKind::MlpClassifier, ..hp };
    Job { init: Init::Encoder { conv, from, frozen, code, head: head.to_vec() }, ..job(label, hp) }
}

/// The notebook's linear SVM on frog (−1) vs horse (+1).
pub fn svm(label: &str, lr: f64, weight_decay: f64, momentum: f64, c: f64, epochs: usize) -> Job {
    let hp = Hyperparams {
        model: ModelKind::Svm,
        optimizer: OptimizerKind::Sgd,
        lr,
        weight_decay,
        momentum,
        svm_c: c,
        batch: 64,
        epochs,
        ..Hyperparams::default()
    };
    Job { data: crate::presets::plan::JobData::Pair { negative: 6, positive: 7 }, ..job(label, hp) }
}

/// The three encoders B3/B6 compare, all with 128-dimensional codes: the `autoencoder` and the
/// `simclr` encoder each trained as its own card trains it (B1 or B2, B4 or B4 on CIFAR-10), so
/// neither arm gets less care here than there, and a classification-guided encoder. The
/// classifier gets more, smaller steps (`guided_epochs`, batch 64): few images.
pub fn three_encoders(conv: bool, autoencoder: Hyperparams, simclr: Hyperparams, guided_epochs: usize) -> Vec<Job> {
    let head: &[usize] = if conv { &[256, 128] } else { &[64] };
    let guided_hp = Hyperparams { latent: 128, dropout: if conv { 0.5 } else { 0.0 }, batch: 64, epochs: guided_epochs, ..Hyperparams::default() };
    vec![
        job("autoencoder", autoencoder),
        on_encoder("classification-guided", guided_hp, conv, None, false, true, head),
        job("contrastive (SimCLR)", simclr),
    ]
}

/// B1/B2: an L1 autoencoder's test MAE and the accuracy of the classifier on its frozen codes.
pub fn codes_as_features(r: &mut Report<'_>) {
    if let Some(o) = r.outcomes.first() {
        r.put("mae", o.final_test(), Unit::Loss);
    }
    let nets = r.classifiers();
    if let Some(o) = nets.first() {
        r.put("accuracy", o.accuracy(), Unit::Fraction);
    }
    let autoencoder: Vec<&JobOutcome> = r.outcomes.iter().take(1).collect();
    r.chart(curves(&autoencoder, "The autoencoder's train and test MAE per epoch", "MAE (L1)", true, |o, test| o.curve(test)));
    r.chart(curves(&nets, "The classifier's error fraction per epoch", "error fraction", false, JobOutcome::error_curve));
}

/// B4's jobs (MNIST and CIFAR-10): SimCLR (`simclr`), then the 128-64-10 classifier (`head`)
/// on its frozen codes, and the same classifier on a frozen encoder that was never trained —
/// the baseline that says how much of the accuracy SimCLR earned (a random conv encoder's
/// features alone classify photos well above chance).
pub fn simclr_then_frozen(simclr: Hyperparams, head: Hyperparams, conv: bool) -> Vec<Job> {
    let encoder = if conv { "SimCLR conv encoder" } else { "SimCLR encoder" };
    vec![
        job(encoder, simclr),
        on_encoder("classifier 128-64-10 on the frozen codes", head.clone(), conv, Some(0), true, true, &[64]),
        on_encoder("baseline: the same classifier on a random, untrained frozen encoder", head, conv, None, true, true, &[64]),
    ]
}

/// B4 (MNIST and CIFAR-10): the accuracy of the classifier on the frozen SimCLR codes beside
/// the untrained encoder's, the encoder's NT-Xent curve and the classifiers' error curves.
pub fn frozen_codes_accuracy(r: &mut Report<'_>) {
    let nets = r.classifiers();
    if let Some(o) = nets.first() {
        r.put("accuracy", o.accuracy(), Unit::Fraction);
    }
    if let (Some(simclr), Some(random)) = (nets.first(), nets.get(1)) {
        let (simclr, random) = (simclr.accuracy(), random.accuracy());
        r.put_lab_only("accuracy_random_encoder", "baseline: the classifier on a random, untrained frozen encoder", random, Unit::Fraction);
        r.note(format!(
            "SimCLR's codes give the classifier {:.1}%; the same classifier on an encoder that never trained gets {:.1}%: SimCLR earned {} points.",
            simclr * 100.0,
            random * 100.0,
            signed((simclr - random) * 100.0, 1)
        ));
    }
    let encoder: Vec<&JobOutcome> = r.outcomes.iter().take(1).collect();
    r.chart(curves(&encoder, "NT-Xent loss per epoch", "loss", true, |o, test| o.curve(test)));
    r.chart(curves(&nets, "The classifier's error fraction per epoch", "error fraction", false, JobOutcome::error_curve));
}

/// A6/A7: the CNN's test accuracy and cross-entropies, and its curves.
pub fn cnn_accuracy(r: &mut Report<'_>) {
    let nets = r.classifiers();
    if let Some(o) = nets.first() {
        r.put("test_accuracy", o.accuracy(), Unit::Fraction);
        r.put_lab_only("train_ce", "train CE", o.final_train(), Unit::Loss);
        r.put_lab_only("test_ce", "test CE", o.final_test(), Unit::Loss);
    }
    r.chart(curves(&nets, "Cross-entropy per epoch", "cross-entropy", true, |o, test| o.curve(test)));
    r.chart(curves(&nets, "Error fraction per epoch", "error fraction", false, JobOutcome::error_curve));
}

/// B3/B6: each encoder's held-out k-NN accuracy, the guided classifier's accuracy, and the
/// encoders in order of separability.
pub fn separability(r: &mut Report<'_>) {
    let outcomes = r.outcomes;
    for o in outcomes {
        let key = o.label.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default().to_lowercase();
        r.put_lab_only(format!("knn_{key}"), format!("10-NN accuracy of the codes, {}", o.label), o.knn.unwrap_or(f64::NAN), Unit::Fraction);
        if o.confusion.is_some() {
            r.put("accuracy", o.accuracy(), Unit::Fraction);
        }
    }
    let pixels = r.image_space.map(|s| s.knn);
    if let Some(knn) = pixels {
        r.put_lab_only("knn_pixels", format!("{KNN_K}-NN accuracy of the raw images (image space)"), knn, Unit::Fraction);
    }
    let order = separability_order(outcomes);
    if !order.is_empty() {
        let baseline = pixels.map_or_else(String::new, |knn| format!(" (the raw images themselves: {:.1}%)", knn * 100.0));
        r.note(format!("By the held-out {KNN_K}-NN accuracy of their test codes: {order}{baseline}."));
    }
    let mut groups: Vec<String> = outcomes.iter().map(|o| o.label.clone()).collect();
    let mut values: Vec<f64> = outcomes.iter().map(|o| o.knn.unwrap_or(f64::NAN)).collect();
    if let Some(knn) = pixels {
        groups.insert(0, "raw images".into());
        values.insert(0, knn);
    }
    r.chart(Chart::Bars {
        title: format!("Separability: held-out {KNN_K}-NN accuracy of the test codes (and of the raw images)"),
        y_label: "accuracy".into(),
        groups,
        bars: vec![Bars { name: "k-NN accuracy".into(), values, errors: None }],
    });
    r.answer("separability", Some(order).filter(|s| !s.is_empty()));
}

/// The encoders by k-NN separability, best first ("classification-guided 97.1% > …").
fn separability_order(outcomes: &[JobOutcome]) -> String {
    let mut scored: Vec<&JobOutcome> = outcomes.iter().filter(|o| o.knn.is_some()).collect();
    scored.sort_by(|a, b| b.knn.unwrap_or(0.0).total_cmp(&a.knn.unwrap_or(0.0)));
    scored.iter().map(|o| format!("{} {:.1}%", o.label, o.knn.unwrap_or(f64::NAN) * 100.0)).collect::<Vec<_>>().join(" > ")
}

/// C1/C2: the autoencoder and the three classifiers that start from it (or not).
pub fn autoencoder_initialised(size: PresetSize) -> Vec<Job> {
    let ae = Hyperparams { hidden: 256, latent: 64, epochs: size.epochs(5, 20), ..Hyperparams::default() };
    let hp = Hyperparams { batch: 64, epochs: size.epochs(10, 20), ..ae.clone() };
    vec![
        job("autoencoder", ae),
        on_encoder("Case I (frozen)", hp.clone(), false, Some(0), true, false, &[]),
        on_encoder("Case II (fine-tuned)", hp.clone(), false, Some(0), false, false, &[]),
        on_encoder("baseline (random)", hp, false, None, false, false, &[]),
    ]
}

/// C1/C2: the report's order of the three cases' test errors.
pub const CASE_ORDER: Claim = Claim::Rises {
    metric: "case_order",
    label: "test error: Case II < Case I < baseline",
    text: "0.016 < 0.019 < 0.069",
    chain: &["test_error_ii", "test_error_i", "test_error_baseline"],
};

/// C1/C2: each case's test and training error, and the error curves.
pub fn case_errors(r: &mut Report<'_>) {
    let nets = r.classifiers();
    for o in &nets {
        let case = match o.label.as_str() {
            l if l.starts_with("Case II") => "ii",
            l if l.starts_with("Case I") => "i",
            _ => "baseline",
        };
        r.put_lab_only(format!("test_error_{case}"), format!("test error, {}", o.label), 1.0 - o.accuracy(), Unit::Loss);
        r.put_lab_only(format!("train_error_{case}"), format!("train error, {}", o.label), o.train_error(), Unit::Loss);
    }
    r.chart(curves(&nets, "Error fraction per epoch", "error fraction", false, JobOutcome::error_curve));
}

/// D1/D2: each SVM's accuracy on the held-out test frogs and horses (`metric` of its label),
/// its validation accuracy, and its curves.
pub fn svm_accuracy(r: &mut Report<'_>, metric: impl Fn(&JobOutcome) -> String) {
    let nets = r.classifiers();
    for o in &nets {
        r.put(metric(o), o.heldout_accuracy.unwrap_or(f64::NAN), Unit::Fraction);
        let val = 1.0 - o.error_curve(true).last().map_or(f64::NAN, |p| p.1);
        r.put_lab_only(format!("val_accuracy_{}", o.label.replace(' ', "_")), format!("validation accuracy, {}", o.label), val, Unit::Fraction);
    }
    // The per-epoch held-out curves are the validation split's (the 30%), not the test set's.
    r.chart(curves_held_out_as(&nets, "Hinge loss per epoch (train and validation)", "loss", true, "validation", |o, test| o.curve(test)));
    r.chart(curves_held_out_as(&nets, "Error fraction per epoch (train and validation)", "error fraction", false, "validation", JobOutcome::error_curve));
}

/// D3/D4: each autoencoder's validation MSE, parameters and seconds per epoch (metric ids with
/// `_plain`/`_tied` when `suffixed`).
pub fn colour_autoencoders(r: &mut Report<'_>, suffixed: bool) {
    for o in r.outcomes {
        let name = if o.hp.model == ModelKind::TiedMlpAe { "tied" } else { "plain" };
        let suffix = if suffixed { format!("_{name}") } else { String::new() };
        r.put(format!("val_mse{suffix}"), o.final_test(), Unit::Loss);
        r.put(format!("params{suffix}"), o.params as f64, Unit::Count);
        r.put_lab_only(format!("seconds_{name}"), format!("seconds per epoch, {name}"), f64::from(o.seconds_per_epoch), Unit::Seconds);
    }
    let chart = r.loss_curves("Validation MSE per epoch", "MSE", suffixed);
    r.chart(chart);
}

/// E4/E5: each model's test reconstruction error, and its samples and traversal in numbers:
/// the share of samples a reference classifier is sure about (p ≥ 0.9), their pixel variance,
/// and the traversal's largest step as a share of its path. Metric ids end in the model's
/// label (`sample_confident_conv_VAE`).
pub fn generative(r: &mut Report<'_>) {
    let mut samples = Vec::new();
    let mut traversals = Vec::new();
    for o in r.outcomes {
        let name = o.label.replace(' ', "_");
        r.put_lab_only(format!("test_loss_{name}"), format!("test reconstruction MSE, {}", o.label), o.final_test(), Unit::Loss);
        let Some(g) = o.generative else { continue };
        r.put_lab_only(
            format!("sample_confident_{name}"),
            format!("samples a classifier is sure of (p ≥ 0.9), {}", o.label),
            g.confident_share,
            Unit::Fraction,
        );
        r.put_lab_only(format!("sample_variance_{name}"), format!("pixel variance across samples, {}", o.label), g.pixel_variance, Unit::Number);
        if let Some(sure) = g.sure_classes {
            r.put_lab_only(
                format!("sample_sure_top_{name}"),
                format!("sure samples given their commonest class, {}", o.label),
                sure.top_share(),
                Unit::Fraction,
            );
            r.put_lab_only(format!("sample_sure_classes_{name}"), format!("classes among the sure samples, {}", o.label), sure.distinct as f64, Unit::Count);
        }
        let mut said = format!("{}: {:.0}% of {} samples sure (pixel variance {:.4}", o.label, g.confident_share * 100.0, g.samples, g.pixel_variance);
        if let Some(d) = g.frechet {
            r.put_lab_only(format!("sample_frechet_{name}"), format!("samples' Fréchet distance to real test images, {} (lower: closer)", o.label), d, Unit::Number);
            said += &format!(", Fréchet distance {d:.2}");
        }
        if let Some(fitted) = g.fitted_prior {
            r.put_lab_only(
                format!("sample_confident_fitted_{name}"),
                format!("samples a classifier is sure of, {} from a Gaussian fitted to its codes", o.label),
                fitted.confident_share,
                Unit::Fraction,
            );
            said += &format!("; from a Gaussian fitted to its codes {:.0}% sure", fitted.confident_share * 100.0);
            if let Some(d) = fitted.frechet {
                r.put_lab_only(
                    format!("sample_frechet_fitted_{name}"),
                    format!("samples' Fréchet distance to real test images, {} from a Gaussian fitted to its codes", o.label),
                    d,
                    Unit::Number,
                );
                said += &format!(", Fréchet distance {d:.2}");
            }
        }
        samples.push(said + ")");
        if let Some(step) = g.traversal_step {
            let label = format!("traversal: largest step's share of the path, {} (even: {:.3})", o.label, 1.0 / (g.side - 1) as f64);
            r.put_lab_only(format!("traversal_step_{name}"), label, step, Unit::Number);
            traversals.push(format!("{}: largest step {:.3} of the path (even {:.3})", o.label, step, 1.0 / (g.side - 1) as f64));
        }
        if let Some(line) = g.traversal_line {
            let even = 1.0 / (g.side - 1) as f64;
            let label = format!("traversal: largest step along the line between the ends, {} (even: {even:.3})", o.label);
            r.put_lab_only(format!("traversal_pace_{name}"), label, line.pace, Unit::Number);
            let label = format!("traversal: distance off that line, {} (0: blends of the two ends)", o.label);
            r.put_lab_only(format!("traversal_detour_{name}"), label, line.detour, Unit::Number);
        }
        if let Some(e) = g.path_energy {
            let label = format!("traversal: perceptual path energy, {} (median of {} lines; 1: even, higher: jumps or detours)", o.label, e.paths);
            r.put_lab_only(format!("path_energy_{name}"), label, e.median, Unit::Number);
            let mut said = format!("{}: perceptual path energy {:.2}", o.label, e.median);
            if let Some(fade) = e.cross_fade {
                r.put_lab_only(
                    format!("path_energy_cross_fade_{name}"),
                    format!("traversal: perceptual path energy of pixel cross-fades between the same decoded ends, {}", o.label),
                    fade,
                    Unit::Number,
                );
                said += &format!(" (a cross-fade of the same ends: {fade:.2})");
            }
            traversals.push(said);
        }
        if samples.len() == 1 {
            r.note(format!(
                "Samples are codes drawn from N(0, I) and decoded (the report's draw; the VAE's prior). They are judged by a \
                 reference classifier (MLP 784-256-128-10 trained on the same images, test accuracy {:.1}%): a sample counts as \
                 meaningful when it gives one class probability ≥ 0.9, and the Fréchet distance between the classifier's features \
                 of the samples and of as many real test images (the FID's formula with this classifier) also counts how varied \
                 they are. Smoothness is measured twice: as the largest step between adjacent frames of the traversal grid's rows \
                 and columns, as a share of the whole path (in pixels: a cross-fade scores as smooth as can be), and as the \
                 perceptual path energy of {} straight lines between test images of different classes, each decoded at {} \
                 points: how unevenly the classifier's features move along the line, K·Σ|Δf|²/|f_K − f_0|² (1: an even change, \
                 {}: all of it in one jump), the median over the lines; a perceptual path length (Karras et al. 2019) divided by \
                 the distance between the ends, so that blur is not taken for smoothness.",
                g.reference_accuracy * 100.0,
                g.path_energy.map_or(0, |e| e.paths),
                g.path_energy.map_or(0, |e| e.frames),
                g.path_energy.map_or(0, |e| e.frames.saturating_sub(1)),
            ));
        }
    }
    r.answer("samples", (!samples.is_empty()).then(|| samples.join("; ")));
    r.answer("traversal", (!traversals.is_empty()).then(|| traversals.join("; ")));
    if let Some(note) = look_alikes_note(r.outcomes) {
        r.note(note);
    }
    if let Some(note) = pace_note(r.outcomes) {
        r.note(note);
    }
}

/// Where the largest-step measure scores one model's traversal grid smoother than another's
/// (E5: the plain autoencoder's beside the VAE's, reversed at the default size), what the run
/// measured about why, in words: each grid's rows and columns against the straight pixel line
/// between their ends, how unevenly the pictures move along it and how far they stray off it.
/// `None` when no pair of models has those figures, or the other grid's pace along the line is
/// not the more uneven (then the pace does not explain the largest step).
fn pace_note(outcomes: &[JobOutcome]) -> Option<String> {
    let scored: Vec<(&JobOutcome, &GenerativeScores, f64, LineView)> = outcomes
        .iter()
        .filter_map(|o| o.generative.as_ref().and_then(|g| Some((o, g, g.traversal_step?, g.traversal_line?))))
        .collect();
    let (a, b) = scored.iter().flat_map(|a| scored.iter().map(move |b| (a, b))).find(|(a, b)| a.2 < b.2 && b.3.pace > a.3.pace)?;
    let even = 1.0 / (a.1.side.max(2) - 1) as f64;
    let mut said = format!(
        "The traversal's largest step scores the {}'s grid smoother ({:.3} of the path against the {}'s {:.3}; even steps: {even:.3}). \
         Measured along the straight pixel line between each row's or column's two ends, the {}'s pictures move unevenly: \
         their largest step covers {:.3} of the way, the {}'s {:.3}",
        a.0.label, a.2, b.0.label, b.2, b.0.label, b.3.pace, a.0.label, a.3.pace,
    );
    let (near, far) = if b.3.detour < a.3.detour { (b, a) } else { (a, b) };
    said += &format!(
        ". The {}'s in-between pictures stay nearer that line, that is nearer blends of the two ends ({:.2} against {:.2} off it, \
         as a share of the distance between the ends), while the {}'s pass through other pictures on the way",
        near.0.label, near.3.detour, far.3.detour, far.0.label,
    );
    if let (Some(ea), Some(eb)) = (a.1.path_energy, b.1.path_energy) {
        let (smoother, low, high) = if ea.median < eb.median { (&a.0.label, ea.median, eb.median) } else { (&b.0.label, eb.median, ea.median) };
        said += &format!(
            ". The perceptual path energy, which sees the in-between pictures through the classifier, finds the {smoother}'s lines \
             between test images smoother ({low:.2} against {high:.2})"
        );
    }
    Some(said + ".")
}

/// Where one model's samples are more often sure yet less varied than another's (E5: the plain
/// autoencoder's N(0, I) samples beside the VAE's), what the run measured about why, in words:
/// the share of sure samples cannot tell many look-alikes from varied pictures, the Fréchet
/// distance can. `None` when no pair of models disagrees that way.
fn look_alikes_note(outcomes: &[JobOutcome]) -> Option<String> {
    let scored: Vec<(&JobOutcome, &GenerativeScores)> = outcomes.iter().filter_map(|o| o.generative.as_ref().map(|g| (o, g))).collect();
    let (sure, varied) = scored.iter().flat_map(|a| scored.iter().map(move |b| (a, b))).find(|((_, a), (_, b))| {
        a.confident_share > b.confident_share && a.pixel_variance < b.pixel_variance
    })?;
    let ((o, a), (p, b)) = (sure, varied);
    let classes = |o: &JobOutcome, s: &SureClasses| {
        let class = o.class_names.get(s.top_class).map_or_else(|| format!("class {}", s.top_class), |n| n.clone());
        format!("{:.0}% in one class ({class}), {} classes in all", s.top_share() * 100.0, s.distinct)
    };
    let mut said = format!(
        "The share of sure samples favours the {} ({:.0}% against the {}'s {:.0}%), yet its samples vary {:.1}× less pixel by pixel \
         (pixel variance {:.4} against {:.4})",
        o.label,
        a.confident_share * 100.0,
        p.label,
        b.confident_share * 100.0,
        b.pixel_variance / a.pixel_variance.max(f64::MIN_POSITIVE),
        a.pixel_variance,
        b.pixel_variance,
    );
    if let (Some(sa), Some(sb)) = (a.sure_classes, b.sure_classes) {
        said += &format!("; of its sure samples {} (of the {}'s, {})", classes(o, &sa), p.label, classes(p, &sb));
    }
    said += ". A classifier can be sure of many near-identical pictures, so that share counts look-alikes as meaningful samples";
    if let (Some(fa), Some(fb)) = (a.frechet, b.frechet) {
        let (closer, near, far) = if fb < fa { (&p.label, fb, fa) } else { (&o.label, fa, fb) };
        said += &format!("; the Fréchet distance, which also counts how varied they are, puts the {closer}'s samples closer to real images ({near:.1} against {far:.1})");
    }
    Some(said + ".")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::report::PathEnergy;

    fn scored(label: &str, confident_share: f64, pixel_variance: f64, sure: Option<SureClasses>, frechet: f64) -> JobOutcome {
        let mut o = JobOutcome::new(label.into(), Hyperparams::default(), 0);
        o.class_names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"].map(String::from).to_vec();
        o.generative = Some(GenerativeScores {
            confident_share,
            pixel_variance,
            sure_classes: sure,
            frechet: Some(frechet),
            fitted_prior: None,
            samples: 1000,
            reference_accuracy: 0.84,
            traversal_step: None,
            traversal_line: None,
            side: 8,
            path_energy: None,
            walks: None,
        });
        o
    }

    fn traversed(label: &str, step: f64, pace: f64, detour: f64, energy: f64) -> JobOutcome {
        let mut o = scored(label, 0.5, 0.02, None, 100.0);
        let g = o.generative.as_mut().unwrap();
        (g.traversal_step, g.traversal_line) = (Some(step), Some(LineView { pace, detour }));
        g.path_energy = Some(PathEnergy { median: energy, cross_fade: None, paths: 100, frames: 17 });
        o
    }

    #[test]
    fn an_uneven_pace_is_named_only_where_it_explains_the_largest_step() {
        let vae = traversed("conv VAE", 0.240, 0.257, 0.108, 1.62);
        let ae = traversed("conv autoencoder", 0.192, 0.207, 0.232, 1.82);
        let note = pace_note(&[vae.clone(), ae]).expect("the autoencoder's grid scores smoother and the VAE's pace is the more uneven");
        assert!(note.starts_with("The traversal's largest step scores the conv autoencoder's grid smoother (0.192 of the path against the conv VAE's 0.240; even steps: 0.143). "), "{note}");
        assert!(note.contains("the conv VAE's pictures move unevenly: their largest step covers 0.257 of the way, the conv autoencoder's 0.207. "), "{note}");
        assert!(note.contains("The conv VAE's in-between pictures stay nearer that line, that is nearer blends of the two ends (0.11 against 0.23 off it,"), "{note}");
        assert!(note.contains("while the conv autoencoder's pass through other pictures on the way."), "{note}");
        assert!(note.ends_with("finds the conv VAE's lines between test images smoother (1.62 against 1.82)."), "{note}");
        // The rougher grid's pace is not the more uneven one: the pace does not explain it.
        let even_vae = traversed("conv VAE", 0.240, 0.190, 0.108, 1.62);
        assert_eq!(pace_note(&[even_vae, traversed("conv autoencoder", 0.192, 0.207, 0.232, 1.82)]), None);
        assert_eq!(pace_note(&[vae]), None, "one model");
    }

    #[test]
    fn look_alikes_are_named_only_where_the_sure_share_and_the_variety_disagree() {
        let vae = scored("conv VAE", 0.10, 0.030, Some(SureClasses { sure: 100, top_class: 1, top_count: 30, distinct: 8 }), 90.0);
        let ae = scored("conv autoencoder", 0.60, 0.010, Some(SureClasses { sure: 600, top_class: 8, top_count: 540, distinct: 3 }), 200.0);
        let note = look_alikes_note(&[vae.clone(), ae.clone()]).expect("the autoencoder is surer but less varied");
        assert!(note.starts_with("The share of sure samples favours the conv autoencoder (60% against the conv VAE's 10%)"), "{note}");
        assert!(note.contains("vary 3.0× less"), "{note}");
        assert!(note.contains("; of its sure samples 90% in one class (Bag), 3 classes in all (of the conv VAE's, 30% in one class (Trouser), 8 classes in all)."), "{note}");
        assert!(note.contains("puts the conv VAE's samples closer to real images (90.0 against 200.0)"), "{note}");
        // The surer model also varies more: nothing to explain.
        let varied_ae = scored("conv autoencoder", 0.60, 0.040, None, 200.0);
        assert_eq!(look_alikes_note(&[vae.clone(), varied_ae]), None);
        assert_eq!(look_alikes_note(&[vae]), None, "one model");
    }
}
