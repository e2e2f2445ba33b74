mod common;

use replab_core::backend::{AdapterReport, BackendKind, Calibration, choose_backend, measures_both};
use replab_core::data::DatasetId;
use replab_core::settings::{
    BackendChoice, ContrastiveLoss, ConvStack, Hyperparams, LossKind, ModelKind, OptimizerKind, OutputKind, QUERY_KEYS, Settings,
};

#[test]
fn query_from_the_issue_opens_that_experiment() {
    let (s, warnings) = Settings::from_query("?dataset=mnist&k=32&lr=0.001&batch=64&seed=7&backend=cpu");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(s.dataset, DatasetId::Mnist);
    assert_eq!((s.hp.latent, s.hp.lr, s.hp.batch, s.hp.seed), (32, 0.001, 64, 7));
    assert_eq!(s.backend, BackendChoice::Cpu);
    assert_eq!(s.hp.hidden, 256);
}

/// Settings in which every field differs from the default.
fn all_changed() -> Settings {
    Settings {
        dataset: DatasetId::Cifar10,
        hp: Hyperparams {
            model: ModelKind::ConvContrastive,
            beta: 0.5,
            hidden: 512,
            conv_hidden: 64,
            conv_stack: ConvStack::Padded,
            latent: 16,
            loss: LossKind::L1,
            lr: 3e-4,
            batch: 32,
            epochs: 9,
            seed: 123,
            contrastive: ContrastiveLoss::NtXent,
            margin: 3.5,
            temperature: 0.2,
            optimizer: OptimizerKind::Sgd,
            momentum: 0.9,
            weight_decay: 0.01,
            dropout: 0.3,
            output: OutputKind::Linear,
            svm_c: 0.1,
            patience: 3,
        },
        backend: BackendChoice::WebGpu,
    }
}

#[test]
fn query_round_trips() {
    let s = all_changed();
    let (back, warnings) = Settings::from_query(&s.to_query());
    assert!(warnings.is_empty());
    assert_eq!(back, s);
}

/// A copied link must carry the whole experiment: every field of `Settings` has its own key.
#[test]
fn every_setting_has_its_own_key_in_the_link() {
    let s = all_changed();
    let d = Settings::default();
    // No `..` here: a new field stops this test compiling until it is listed (and given a key).
    let Settings { dataset, hp, backend } = &s;
    let Hyperparams {
        model,
        hidden,
        conv_hidden,
        conv_stack,
        latent,
        loss,
        lr,
        batch,
        epochs,
        seed,
        beta,
        contrastive,
        margin,
        temperature,
        optimizer,
        momentum,
        weight_decay,
        dropout,
        output,
        svm_c,
        patience,
    } = hp;
    let differs = [
        *dataset != d.dataset,
        *backend != d.backend,
        *model != d.hp.model,
        *hidden != d.hp.hidden,
        *conv_hidden != d.hp.conv_hidden,
        *conv_stack != d.hp.conv_stack,
        *latent != d.hp.latent,
        *loss != d.hp.loss,
        *lr != d.hp.lr,
        *batch != d.hp.batch,
        *epochs != d.hp.epochs,
        *seed != d.hp.seed,
        *beta != d.hp.beta,
        *contrastive != d.hp.contrastive,
        *margin != d.hp.margin,
        *temperature != d.hp.temperature,
        *optimizer != d.hp.optimizer,
        *momentum != d.hp.momentum,
        *weight_decay != d.hp.weight_decay,
        *dropout != d.hp.dropout,
        *output != d.hp.output,
        *svm_c != d.hp.svm_c,
        *patience != d.hp.patience,
    ];
    assert!(differs.iter().all(|&x| x), "every field of all_changed() differs from the default: {differs:?}");
    assert_eq!(QUERY_KEYS.len(), differs.len(), "one key per field");
    // Each key alone changes its own field and no other.
    for key in QUERY_KEYS {
        let (one, warnings) = Settings::from_query(&format!("{key}={}", s.get(key)));
        assert!(warnings.is_empty(), "{key}: {warnings:?}");
        for other in QUERY_KEYS {
            let expected = if other == key { s.get(other) } else { d.get(other) };
            assert_eq!(one.get(other), expected, "{key}={} set {other}", s.get(key));
        }
    }
    for key in QUERY_KEYS {
        assert!(s.to_query().contains(&format!("{key}={}", s.get(key))), "{key} is written");
    }
}

#[test]
fn wild_values_fall_back_to_defaults_with_a_warning() {
    let (s, warnings) = Settings::from_query("lr=1e9&batch=0&k=abc&dataset=imagenet&loss=l1&epochs=%33");
    assert_eq!(s.hp.lr, 1e-3);
    assert_eq!(s.hp.batch, 128);
    assert_eq!(s.hp.latent, 128);
    assert_eq!(s.dataset, DatasetId::Mnist);
    assert_eq!(s.hp.loss, LossKind::L1);
    assert_eq!(s.hp.epochs, 3, "percent-decoded");
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("learning rate")));
}

#[test]
fn contrastive_settings_are_checked_and_fall_back() {
    let (s, warnings) = Settings::from_query("model=contrastive&closs=ntxent&tau=0&margin=-1");
    assert_eq!(s.hp.model, ModelKind::MlpContrastive);
    assert_eq!(s.hp.contrastive, ContrastiveLoss::NtXent);
    assert_eq!((s.hp.temperature, s.hp.margin), (0.5, 2.0), "defaults replace the wild values");
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("temperature")) && warnings.iter().any(|w| w.contains("margin")));
    assert!(ModelKind::MlpContrastive.is_contrastive() && !ModelKind::MlpContrastive.is_autoencoder());
}

#[test]
fn backend_choice_prefers_cpu_over_a_software_adapter() {
    let sw = AdapterReport { is_fallback: true, description: "SwiftShader".into(), max_buffer_bytes: None };
    let hw = AdapterReport { is_fallback: false, description: "NVIDIA".into(), max_buffer_bytes: None };
    assert_eq!(choose_backend(BackendChoice::Auto, Some(&sw)).0, BackendKind::Cpu);
    assert!(choose_backend(BackendChoice::Auto, Some(&sw)).1.contains("software"));
    assert_eq!(choose_backend(BackendChoice::Auto, Some(&hw)).0, BackendKind::WebGpu);
    assert_eq!(choose_backend(BackendChoice::Auto, None).0, BackendKind::Cpu);
    assert_eq!(choose_backend(BackendChoice::WebGpu, Some(&sw)).0, BackendKind::WebGpu);
    assert_eq!(choose_backend(BackendChoice::WebGpu, None).0, BackendKind::Cpu);
    assert_eq!(choose_backend(BackendChoice::Cpu, Some(&hw)).0, BackendKind::Cpu);
}

#[test]
fn models_are_timed_on_both_backends_where_a_gpu_might_win() {
    let sw = AdapterReport { is_fallback: true, description: "SwiftShader".into(), max_buffer_bytes: None };
    let hw = AdapterReport { is_fallback: false, description: "NVIDIA".into(), max_buffer_bytes: None };
    // auto: only on a hardware adapter; measure: on any adapter; never without one.
    assert!(measures_both(BackendChoice::Auto, Some(&hw)));
    assert!(!measures_both(BackendChoice::Auto, Some(&sw)));
    assert!(measures_both(BackendChoice::Measure, Some(&sw)));
    assert!(!measures_both(BackendChoice::Measure, None) && !measures_both(BackendChoice::Auto, None));
    assert!(!measures_both(BackendChoice::Cpu, Some(&hw)) && !measures_both(BackendChoice::WebGpu, Some(&hw)));
    assert_eq!(choose_backend(BackendChoice::Measure, Some(&sw)).0, BackendKind::WebGpu, "the GPU device is started to be timed");
    assert_eq!(choose_backend(BackendChoice::Measure, None).0, BackendKind::Cpu);
    assert_eq!(BackendChoice::from_key("measure"), Some(BackendChoice::Measure));
    assert_eq!(Settings::from_query("backend=measure").0.backend, BackendChoice::Measure);

    let gpu_wins = Calibration { gpu_images_per_s: 9_000.0, cpu_images_per_s: 2_000.0 };
    assert_eq!(gpu_wins.chosen(), BackendKind::WebGpu);
    assert!((gpu_wins.speedup() - 4.5).abs() < 1e-4);
    let reason = gpu_wins.reason();
    assert!(reason.contains("9000") && reason.contains("2000") && reason.contains("WebGPU trains"), "{reason}");
    let cpu_wins = Calibration { gpu_images_per_s: 120.0, cpu_images_per_s: 6_000.0 };
    assert_eq!(cpu_wins.chosen(), BackendKind::Cpu);
    assert!(cpu_wins.reason().contains("CPU trains (50.0× faster)"), "{}", cpu_wins.reason());
    let tie = Calibration { gpu_images_per_s: 100.0, cpu_images_per_s: 100.0 };
    assert_eq!(tie.chosen(), BackendKind::Cpu, "a tie keeps the CPU");
}

#[test]
fn throughput_is_measured_on_a_few_real_steps() {
    use replab_engine::train::measure_throughput;
    let data = common::shipped(replab_core::data::DatasetId::Mnist);
    let hp = Hyperparams { hidden: 64, latent: 8, batch: 32, ..Hyperparams::default() };
    let rate = futures_lite::future::block_on(measure_throughput(
        &data,
        &hp,
        &burn::prelude::Device::flex(),
        std::time::Duration::from_millis(50),
    ))
    .expect("the CPU trains");
    assert!(rate.is_finite() && rate > 0.0, "{rate}");
    let bad = Hyperparams { batch: 0, ..hp };
    assert!(futures_lite::future::block_on(measure_throughput(&data, &bad, &burn::prelude::Device::flex(), std::time::Duration::ZERO)).is_err());
}

#[test]
fn a_shared_link_carries_the_settings_the_preset_and_the_switches() {
    use replab_core::link::{LinkExtras, link_query, read_extras};
    use replab_core::presets::PresetSize;
    let s = all_changed();
    let extras = LinkExtras { preset: Some(("a3", PresetSize::Quick)), autorun: true, present: true };
    let query = link_query(&s, &extras);
    assert!(query.ends_with("&preset=a3&preset_size=quick&autorun=1&present=1"), "{query}");
    let (back, warnings) = Settings::from_query(&format!("?{query}"));
    assert_eq!((back, warnings), (s.clone(), vec![]), "the extras are not settings keys");
    assert_eq!(read_extras(&format!("?{query}")), (extras, vec![]));
    // Nothing extra: exactly the settings; the default preset size is left out.
    assert_eq!(link_query(&s, &LinkExtras::default()), s.to_query());
    let only_preset = LinkExtras { preset: Some(("e2", PresetSize::Default)), ..LinkExtras::default() };
    assert!(link_query(&s, &only_preset).ends_with("&preset=e2"));
    assert_eq!(read_extras(&link_query(&s, &only_preset)).0, only_preset);
}

#[test]
fn link_switches_and_bad_presets_are_read_with_care() {
    use replab_core::link::{LinkExtras, read_extras};
    use replab_core::presets::PresetSize;
    let on = |q: &str| read_extras(q).0;
    assert!(on("?autorun=1").autorun && on("autorun=true").autorun && on("autorun").autorun);
    assert!(!on("autorun=0").autorun && !on("autorun=no").autorun && !on("present=off").present);
    assert!(on("present=YES").present && !on("present=2").present);
    // A preset id is matched case-insensitively to the catalogue's spelling.
    assert_eq!(on("preset=A3&preset_size=Full").preset, Some(("a3", PresetSize::Full)));
    let (extras, warnings) = read_extras("preset=zz9&preset_size=huge&autorun=1");
    assert_eq!(extras, LinkExtras { preset: None, autorun: true, present: false });
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("preset=zz9") && warnings[1].contains("preset_size=huge"), "{warnings:?}");
}

/// The sentences and their order (whole numbers first, then the others, each in the link's
/// order), as the settings form and a link's warnings show them.
#[test]
fn problems_name_the_setting_and_its_range() {
    let hp = Hyperparams { lr: 1e9, batch: 0, hidden: 0, svm_c: f64::NAN, margin: 0.0, ..Hyperparams::default() };
    assert_eq!(
        hp.problems(),
        [
            "hidden width must be between 1 and 4096 (got 0)",
            "batch size must be between 1 and 4096 (got 0)",
            "learning rate must be between 1e-7 and 10 (got 1000000000); 0.001 is a good start",
            "the margin must be between 0.001 and 1000 (got 0)",
            "C must be between 0.0001 and 10000 (got NaN)",
        ]
    );
    let (s, warnings) = Settings::from_query("c=1e5&dropout=0.99&momentum=1&latent=2000&epochs=1001&beta=-1&wd=11");
    let defaults = Hyperparams::default();
    assert_eq!(
        (s.hp.svm_c, s.hp.dropout, s.hp.momentum, s.hp.latent, s.hp.epochs, s.hp.beta, s.hp.weight_decay),
        (defaults.svm_c, defaults.dropout, defaults.momentum, defaults.latent, defaults.epochs, defaults.beta, defaults.weight_decay)
    );
    assert_eq!(warnings.len(), 7, "{warnings:?}");
    assert_eq!(warnings[0], "from the link: bottleneck k must be between 1 and 1024 (got 2000); using the default");
    assert_eq!(Settings::from_query("k=x").1, ["ignored k=x: not a valid value"]);
    let mut s = Settings::default();
    assert_eq!(s.set("dataset", "user"), Err("\"user\" is not a valid dataset".into()), "a link cannot name the user's files");
    assert_eq!(s.set("unknown", "1"), Ok(()));
    assert_eq!((s.set("weight_decay", " 0.5 "), s.get("wd")), (Ok(()), "0.5".to_string()));
}

#[test]
fn a_run_too_large_for_the_gpus_buffers_is_refused_with_a_batch_that_fits() {
    use replab_core::data::ImageShape;
    use replab_engine::model::Footprint;
    use replab_core::settings::{Hyperparams, ModelKind};
    let cifar = ImageShape { channels: 3, height: 32, width: 32 };
    let mnist = ImageShape { channels: 1, height: 28, width: 28 };
    let limit = 128 << 20; // 128 MiB, WebGPU's default maxStorageBufferBindingSize
    // The CNN at batch 3999: the first block's activations, 3999 × 32 × 32 × 32 floats.
    let cnn = Hyperparams { model: ModelKind::Cnn, batch: 3999, ..Hyperparams::default() };
    let footprint = Footprint::of(&cnn, cifar, 10_000);
    assert_eq!(footprint.bytes, 3999 * 32 * 32 * 32 * 4);
    let why = footprint.refusal(&cnn, limit).expect("refused");
    assert!(why.contains("524 MB") && why.contains("134 MB") && why.contains("maxStorageBufferBindingSize"), "{why}");
    assert!(why.contains("a batch of 1024 or less fits"), "{why}");
    let fits = Hyperparams { batch: 1024, ..cnn.clone() };
    assert_eq!(Footprint::of(&fits, cifar, 10_000).refusal(&fits, limit), None);
    // The default MLP autoencoder on the MNIST subset fits easily.
    let mlp = Hyperparams::default();
    assert_eq!(Footprint::of(&mlp, mnist, 10_000).refusal(&mlp, limit), None);
    // The full CIFAR-10 training set alone is 614 MB on the device: no batch helps.
    let small = Hyperparams { model: ModelKind::Cnn, batch: 64, ..Hyperparams::default() };
    let why = Footprint::of(&small, cifar, 50_000).refusal(&small, limit).expect("refused");
    assert!(why.contains("50000 training images") && why.contains("CPU backend"), "{why}");
}

/// A run saved before the conv stack had a setting keeps the layout it was trained with
/// (padding 1 throughout), while new runs and links get the report's.
#[test]
fn runs_saved_before_the_conv_stack_setting_keep_their_layout() {
    let mut saved = serde_json::to_value(Hyperparams { model: ModelKind::ConvAe, ..Hyperparams::default() }).unwrap();
    let fields = saved.as_object_mut().unwrap();
    fields.remove("conv_stack");
    fields.remove("conv_hidden");
    let old: Hyperparams = serde_json::from_value(saved).unwrap();
    assert_eq!((old.conv_stack, old.conv_hidden), (ConvStack::Padded, 0));
    assert_eq!(Hyperparams::default().conv_stack, ConvStack::Report);
    let (linked, _) = Settings::from_query("model=conv&k=8");
    assert_eq!(linked.hp.conv_stack, ConvStack::Report);
}
