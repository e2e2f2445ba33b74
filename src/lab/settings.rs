//! Everything a user sets before pressing Train, and its round trip through the URL query
//! (`?dataset=mnist&k=32&lr=0.001&batch=64&seed=7&backend=cpu`), so a link opens a ready
//! experiment.

use serde::{Deserialize, Serialize};

use super::data::DatasetId;
use super::keyed::keyed_enum;

keyed_enum! {
    /// The reconstruction loss.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum LossKind {
        Mse = "mse" | "l2",
        L1 = "l1" | "mae",
    }
}

keyed_enum! {
    /// What a contrastive embedder minimises.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ContrastiveLoss {
        /// Margin loss on labelled pairs (a batch against a permutation of itself).
        Margin = "margin",
        /// SimCLR's NT-Xent on two augmented views of each image (no labels).
        NtXent = "ntxent" | "nt-xent" | "simclr",
    }
}

keyed_enum! {
    /// The optimiser.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum OptimizerKind {
        Adam = "adam",
        /// Stochastic gradient descent (with `momentum`, 0 for plain SGD).
        Sgd = "sgd",
    }
}

keyed_enum! {
    /// What an autoencoder's last layer ends with.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum OutputKind {
        /// Values in (0, 1), like the pixels.
        Sigmoid = "sigmoid",
        /// No activation (the CIFAR MLP report's D3/D4 autoencoders).
        Linear = "linear" | "none",
    }
}

keyed_enum! {
    /// Which network is trained.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ModelKind {
        /// MLP autoencoder `input → hidden → k → hidden → input`.
        MlpAe = "mlp",
        /// Convolutional autoencoder (stride-2 convolutions, transposed on the way back).
        ConvAe = "conv",
        /// Variational MLP autoencoder.
        MlpVae = "vae",
        /// Variational convolutional autoencoder.
        ConvVae = "convvae",
        /// The CIFAR-10 report's CNN classifier (3×3 conv blocks 32/64/128, FC 256).
        Cnn = "cnn",
        /// MLP embedder trained with a contrastive loss.
        MlpContrastive = "contrastive",
        /// Convolutional embedder trained with a contrastive loss.
        ConvContrastive = "convcontrastive",
        /// MLP autoencoder whose decoder reuses the encoder's weights, transposed (own biases).
        TiedMlpAe = "tied",
        /// MLP classifier: an autoencoder's encoder (`input → hidden → k`) and a linear layer to
        /// the classes (the classification-guided encoder of B3).
        MlpClassifier = "mlpclassifier",
        /// A linear SVM for two classes (hinge loss; labels 0 and 1 become −1 and +1).
        Svm = "svm",
    }
}

impl ModelKind {
    /// Every model, in the order the model menu lists them.
    pub const ALL: [ModelKind; 10] = [
        ModelKind::MlpAe,
        ModelKind::TiedMlpAe,
        ModelKind::ConvAe,
        ModelKind::MlpVae,
        ModelKind::ConvVae,
        ModelKind::Cnn,
        ModelKind::MlpContrastive,
        ModelKind::ConvContrastive,
        ModelKind::MlpClassifier,
        ModelKind::Svm,
    ];

    /// For people: "MLP autoencoder", …
    pub fn label(self) -> &'static str {
        match self {
            ModelKind::MlpAe => "MLP autoencoder",
            ModelKind::ConvAe => "Conv autoencoder",
            ModelKind::MlpVae => "MLP VAE",
            ModelKind::ConvVae => "Conv VAE",
            ModelKind::Cnn => "CNN classifier",
            ModelKind::MlpContrastive => "MLP contrastive",
            ModelKind::ConvContrastive => "Conv contrastive",
            ModelKind::TiedMlpAe => "Weight-tied MLP autoencoder",
            ModelKind::MlpClassifier => "MLP classifier",
            ModelKind::Svm => "Linear SVM (two classes)",
        }
    }

    /// Has a decoder (reconstructions, latent views).
    pub fn is_autoencoder(self) -> bool {
        matches!(self, ModelKind::MlpAe | ModelKind::ConvAe | ModelKind::MlpVae | ModelKind::ConvVae | ModelKind::TiedMlpAe)
    }

    /// Trained with a contrastive loss (margin or NT-Xent).
    pub fn is_contrastive(self) -> bool {
        matches!(self, ModelKind::MlpContrastive | ModelKind::ConvContrastive)
    }

    /// Reports an accuracy.
    pub fn is_classifier(self) -> bool {
        matches!(self, ModelKind::Cnn | ModelKind::MlpClassifier | ModelKind::Svm)
    }

    pub fn is_variational(self) -> bool {
        matches!(self, ModelKind::MlpVae | ModelKind::ConvVae)
    }

    /// Uses the `hidden` width.
    pub fn is_mlp(self) -> bool {
        matches!(
            self,
            ModelKind::MlpAe | ModelKind::MlpVae | ModelKind::MlpContrastive | ModelKind::TiedMlpAe | ModelKind::MlpClassifier
        )
    }
}

keyed_enum! {
    /// Which compute backend the user asked for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum BackendChoice {
        /// On a hardware WebGPU adapter, each model is timed on it and on the CPU and trains on
        /// the faster; without one (or on a software adapter), the CPU.
        Auto = "auto",
        WebGpu = "webgpu" | "gpu" | "wgpu",
        Cpu = "cpu" | "flex",
        /// Time each model on both backends whenever WebGPU exists, even a software adapter.
        Measure = "measure",
    }
}

/// Hyper-parameters of one training run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hyperparams {
    pub model: ModelKind,
    /// Width of the hidden layer on each side of the bottleneck.
    pub hidden: usize,
    /// Bottleneck size k.
    pub latent: usize,
    pub loss: LossKind,
    pub lr: f64,
    pub batch: usize,
    pub epochs: usize,
    pub seed: u64,
    /// Weight of the KL term of a VAE's loss.
    pub beta: f64,
    /// The loss of a contrastive model.
    pub contrastive: ContrastiveLoss,
    /// The margin M of the margin contrastive loss (on squared distances).
    pub margin: f64,
    /// The temperature τ of NT-Xent.
    pub temperature: f64,
    pub optimizer: OptimizerKind,
    /// SGD's momentum (0: plain SGD; unused by Adam).
    pub momentum: f64,
    /// L2 weight decay added to the gradients (0: none).
    pub weight_decay: f64,
    /// Dropout probability after each hidden activation of an MLP (0: none).
    pub dropout: f64,
    /// An autoencoder's output activation.
    pub output: OutputKind,
    /// The SVM's C (weight of the hinge term).
    pub svm_c: f64,
    /// Early stopping: end when the test (validation) loss has not improved for this many
    /// epochs, keeping the best epoch's weights (0: off).
    pub patience: usize,
}

impl Default for Hyperparams {
    fn default() -> Self {
        Self {
            model: ModelKind::MlpAe,
            hidden: 256,
            latent: 128,
            loss: LossKind::Mse,
            lr: 1e-3,
            batch: 128,
            epochs: 5,
            seed: 42,
            beta: 1.0,
            contrastive: ContrastiveLoss::Margin,
            margin: 2.0,
            temperature: 0.5,
            optimizer: OptimizerKind::Adam,
            momentum: 0.0,
            weight_decay: 0.0,
            dropout: 0.0,
            output: OutputKind::Sigmoid,
            svm_c: 1.0,
            patience: 0,
        }
    }
}

/// The accepted range of each numeric hyper-parameter: (name, min, max).
pub const HIDDEN_RANGE: (usize, usize) = (1, 4096);
pub const LATENT_RANGE: (usize, usize) = (1, 1024);
pub const BATCH_RANGE: (usize, usize) = (1, 4096);
pub const EPOCHS_RANGE: (usize, usize) = (1, 1000);
/// Adam with a learning rate above this diverges on every model here.
pub const LR_RANGE: (f64, f64) = (1e-7, 10.0);
pub const BETA_RANGE: (f64, f64) = (0.0, 100.0);
pub const MARGIN_RANGE: (f64, f64) = (1e-3, 1000.0);
pub const TEMPERATURE_RANGE: (f64, f64) = (0.01, 10.0);
pub const MOMENTUM_RANGE: (f64, f64) = (0.0, 0.999);
pub const WEIGHT_DECAY_RANGE: (f64, f64) = (0.0, 10.0);
pub const DROPOUT_RANGE: (f64, f64) = (0.0, 0.95);
pub const SVM_C_RANGE: (f64, f64) = (1e-4, 1e4);

/// Whether `v` is a finite number in `lo..=hi`.
fn within(v: f64, (lo, hi): (f64, f64)) -> bool {
    v.is_finite() && v >= lo && v <= hi
}

impl Hyperparams {
    /// Every problem with these settings, as sentences for the user (empty when all is well).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut int = |name: &str, v: usize, (lo, hi): (usize, usize)| {
            if !(lo..=hi).contains(&v) {
                out.push(format!("{name} must be between {lo} and {hi} (got {v})"));
            }
        };
        int("hidden width", self.hidden, HIDDEN_RANGE);
        int("bottleneck k", self.latent, LATENT_RANGE);
        int("batch size", self.batch, BATCH_RANGE);
        int("epochs", self.epochs, EPOCHS_RANGE);
        if !within(self.lr, LR_RANGE) {
            out.push(format!(
                "learning rate must be between {:e} and {} (got {}); 0.001 is a good start",
                LR_RANGE.0, LR_RANGE.1, self.lr
            ));
        }
        let mut real = |name: &str, v: f64, range: (f64, f64)| {
            if !within(v, range) {
                out.push(format!("{name} must be between {} and {} (got {v})", range.0, range.1));
            }
        };
        real("beta", self.beta, BETA_RANGE);
        real("the margin", self.margin, MARGIN_RANGE);
        real("the temperature", self.temperature, TEMPERATURE_RANGE);
        real("momentum", self.momentum, MOMENTUM_RANGE);
        real("weight decay", self.weight_decay, WEIGHT_DECAY_RANGE);
        real("dropout", self.dropout, DROPOUT_RANGE);
        real("C", self.svm_c, SVM_C_RANGE);
        out
    }
}

/// The keys a link carries, in the order [`Settings::to_query`] writes them.
pub const QUERY_KEYS: [&str; 21] = [
    "dataset", "model", "hidden", "k", "loss", "lr", "batch", "epochs", "seed", "beta", "closs", "margin", "tau", "opt",
    "momentum", "wd", "dropout", "out", "c", "patience", "backend",
];

/// The whole experiment a URL can describe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub dataset: DatasetId,
    pub hp: Hyperparams,
    pub backend: BackendChoice,
}

impl Default for Settings {
    fn default() -> Self {
        Self { dataset: DatasetId::Mnist, hp: Hyperparams::default(), backend: BackendChoice::Auto }
    }
}

impl Settings {
    /// Read settings from a URL query (with or without the leading `?`). Unknown keys are
    /// ignored; bad values keep the default and are reported as warnings.
    pub fn from_query(query: &str) -> (Settings, Vec<String>) {
        let mut s = Settings::default();
        let mut warnings = Vec::new();
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(raw);
            if s.set(key, &value).is_err() {
                warnings.push(format!("ignored {key}={value}: not a valid value"));
            }
        }
        let problems = s.hp.problems();
        if !problems.is_empty() {
            warnings.extend(problems.into_iter().map(|p| format!("from the link: {p}; using the default")));
            let defaults = Hyperparams::default();
            let hp = &mut s.hp;
            let fix = |ok: bool, v: &mut usize, d: usize| if !ok { *v = d };
            fix((HIDDEN_RANGE.0..=HIDDEN_RANGE.1).contains(&hp.hidden), &mut hp.hidden, defaults.hidden);
            fix((LATENT_RANGE.0..=LATENT_RANGE.1).contains(&hp.latent), &mut hp.latent, defaults.latent);
            fix((BATCH_RANGE.0..=BATCH_RANGE.1).contains(&hp.batch), &mut hp.batch, defaults.batch);
            fix((EPOCHS_RANGE.0..=EPOCHS_RANGE.1).contains(&hp.epochs), &mut hp.epochs, defaults.epochs);
            let fix = |v: &mut f64, range, d: f64| if !within(*v, range) { *v = d };
            fix(&mut hp.lr, LR_RANGE, defaults.lr);
            fix(&mut hp.beta, BETA_RANGE, defaults.beta);
            fix(&mut hp.margin, MARGIN_RANGE, defaults.margin);
            fix(&mut hp.temperature, TEMPERATURE_RANGE, defaults.temperature);
            fix(&mut hp.momentum, MOMENTUM_RANGE, defaults.momentum);
            fix(&mut hp.weight_decay, WEIGHT_DECAY_RANGE, defaults.weight_decay);
            fix(&mut hp.dropout, DROPOUT_RANGE, defaults.dropout);
            fix(&mut hp.svm_c, SVM_C_RANGE, defaults.svm_c);
        }
        (s, warnings)
    }

    /// Set one field by its URL key (one of [`QUERY_KEYS`]). Unknown keys are ignored. Range checks are
    /// [`Hyperparams::problems`]'s job; this only parses.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let value = value.trim();
        let bad = || format!("{value:?} is not a valid {key}");
        match key {
            "dataset" => self.dataset = DatasetId::from_key(value).ok_or_else(bad)?,
            "model" => self.hp.model = ModelKind::from_key(value).ok_or_else(bad)?,
            "hidden" => self.hp.hidden = value.parse().map_err(|_| bad())?,
            "k" | "latent" => self.hp.latent = value.parse().map_err(|_| bad())?,
            "loss" => self.hp.loss = LossKind::from_key(value).ok_or_else(bad)?,
            "lr" => self.hp.lr = value.parse().map_err(|_| bad())?,
            "batch" => self.hp.batch = value.parse().map_err(|_| bad())?,
            "epochs" => self.hp.epochs = value.parse().map_err(|_| bad())?,
            "seed" => self.hp.seed = value.parse().map_err(|_| bad())?,
            "beta" => self.hp.beta = value.parse().map_err(|_| bad())?,
            "closs" => self.hp.contrastive = ContrastiveLoss::from_key(value).ok_or_else(bad)?,
            "margin" => self.hp.margin = value.parse().map_err(|_| bad())?,
            "tau" | "temperature" => self.hp.temperature = value.parse().map_err(|_| bad())?,
            "opt" | "optimizer" => self.hp.optimizer = OptimizerKind::from_key(value).ok_or_else(bad)?,
            "momentum" => self.hp.momentum = value.parse().map_err(|_| bad())?,
            "wd" | "weight_decay" => self.hp.weight_decay = value.parse().map_err(|_| bad())?,
            "dropout" => self.hp.dropout = value.parse().map_err(|_| bad())?,
            "out" | "output" => self.hp.output = OutputKind::from_key(value).ok_or_else(bad)?,
            "c" => self.hp.svm_c = value.parse().map_err(|_| bad())?,
            "patience" => self.hp.patience = value.parse().map_err(|_| bad())?,
            "backend" => self.backend = BackendChoice::from_key(value).ok_or_else(bad)?,
            _ => {}
        }
        Ok(())
    }

    /// One field as text, by the same keys as [`Settings::set`].
    pub fn get(&self, key: &str) -> String {
        match key {
            "dataset" => self.dataset.key().into(),
            "model" => self.hp.model.key().into(),
            "hidden" => self.hp.hidden.to_string(),
            "k" | "latent" => self.hp.latent.to_string(),
            "loss" => self.hp.loss.key().into(),
            "lr" => self.hp.lr.to_string(),
            "batch" => self.hp.batch.to_string(),
            "epochs" => self.hp.epochs.to_string(),
            "seed" => self.hp.seed.to_string(),
            "beta" => self.hp.beta.to_string(),
            "closs" => self.hp.contrastive.key().into(),
            "margin" => self.hp.margin.to_string(),
            "tau" | "temperature" => self.hp.temperature.to_string(),
            "opt" | "optimizer" => self.hp.optimizer.key().into(),
            "momentum" => self.hp.momentum.to_string(),
            "wd" | "weight_decay" => self.hp.weight_decay.to_string(),
            "dropout" => self.hp.dropout.to_string(),
            "out" | "output" => self.hp.output.key().into(),
            "c" => self.hp.svm_c.to_string(),
            "patience" => self.hp.patience.to_string(),
            "backend" => self.backend.key().into(),
            _ => String::new(),
        }
    }

    /// The query string that [`Settings::from_query`] reads back to `self` (no leading `?`).
    pub fn to_query(&self) -> String {
        QUERY_KEYS.iter().map(|k| format!("{k}={}", self.get(k))).collect::<Vec<_>>().join("&")
    }
}

/// Decode `%XX` escapes and `+` (space); invalid escapes are kept as written.
fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes
            .get(i + 1..i + 3)
            .filter(|_| bytes[i] == b'%')
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, b) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
