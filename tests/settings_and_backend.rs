use replab::lab::backend::{AdapterReport, BackendKind, choose_backend};
use replab::lab::data::DatasetId;
use replab::lab::settings::{
    BackendChoice, ContrastiveLoss, Hyperparams, LossKind, ModelKind, OptimizerKind, OutputKind, Settings,
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

#[test]
fn query_round_trips() {
    let s = Settings {
        dataset: DatasetId::Cifar10,
        hp: Hyperparams {
            model: ModelKind::ConvContrastive,
            beta: 0.5,
            hidden: 512,
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
    };
    let (back, warnings) = Settings::from_query(&s.to_query());
    assert!(warnings.is_empty());
    assert_eq!(back, s);
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
    let sw = AdapterReport { is_fallback: true, description: "SwiftShader".into() };
    let hw = AdapterReport { is_fallback: false, description: "NVIDIA".into() };
    assert_eq!(choose_backend(BackendChoice::Auto, Some(&sw)).0, BackendKind::Cpu);
    assert!(choose_backend(BackendChoice::Auto, Some(&sw)).1.contains("software"));
    assert_eq!(choose_backend(BackendChoice::Auto, Some(&hw)).0, BackendKind::WebGpu);
    assert_eq!(choose_backend(BackendChoice::Auto, None).0, BackendKind::Cpu);
    assert_eq!(choose_backend(BackendChoice::WebGpu, Some(&sw)).0, BackendKind::WebGpu);
    assert_eq!(choose_backend(BackendChoice::WebGpu, None).0, BackendKind::Cpu);
    assert_eq!(choose_backend(BackendChoice::Cpu, Some(&hw)).0, BackendKind::Cpu);
}
