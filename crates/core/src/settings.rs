//! Everything a user sets before pressing Train, and its round trip through the URL query
//! (`?dataset=mnist&k=32&lr=0.001&batch=64&seed=7&backend=cpu`), so a link opens a ready
//! experiment.

use serde::{Deserialize, Serialize};

use super::data::DatasetId;
use super::keyed::{Keyed, keyed_enum};

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
    /// The layout of a conv network's stack for grey 28 × 28 images (colour stacks are the
    /// same in the first two: padding 1, 32 → 16 → 8 → 4), or the A9 report's embedder.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ConvStack {
        /// The Fashion-MNIST report's: the last layer (k3, stride 2) unpadded, 28 → 14 → 7 → 3,
        /// 32 maps of 3 × 3 (288 features).
        Report = "report",
        /// Padding 1 on every layer, 28 → 14 → 7 → 4 (512 features): the lab's layout until
        /// 2026-11-29, which runs saved before then keep.
        Padded = "padded",
        /// The CIFAR-10 margin-contrastive report's embedder (A9), for the conv contrastive
        /// embedder only: two conv blocks (3 × 3 convolution, ReLU, 2 × 2 max-pool, dropout
        /// 0.1) of 32 and 10 channels, then fully connected layers 1000-500-100-10 (ReLU), then
        /// the embedding.
        Blocks = "blocks",
    }
}

impl ConvStack {
    /// What a saved run without the field was trained with.
    fn before_the_field() -> Self {
        ConvStack::Padded
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

    /// A softmax classifier: it gives each class a probability (the SVM gives a side).
    pub fn gives_class_probabilities(self) -> bool {
        matches!(self, ModelKind::Cnn | ModelKind::MlpClassifier)
    }

    pub fn is_variational(self) -> bool {
        matches!(self, ModelKind::MlpVae | ModelKind::ConvVae)
    }

    /// Uses the `hidden` width.
    /// A convolutional network (autoencoder, VAE or contrastive embedder).
    pub fn is_conv(self) -> bool {
        matches!(self, ModelKind::ConvAe | ModelKind::ConvVae | ModelKind::ConvContrastive)
    }

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

/// Hyper-parameters of one training run; each has its line in the table below (`hyperparams!`),
/// which gives its default, link key, range and form label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hyperparams {
    pub model: ModelKind,
    /// Width of the hidden layer on each side of the bottleneck.
    pub hidden: usize,
    /// Width of a conv network's linear layer between its feature maps and the code, on each
    /// side of an autoencoder (0: none).
    #[serde(default)]
    pub conv_hidden: usize,
    /// The conv stack's layout for grey images.
    #[serde(default = "ConvStack::before_the_field")]
    pub conv_stack: ConvStack,
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

/// Every hyper-parameter, one line each; `Default`, the link keys, the range checks and the
/// form's [`Field`]s all come from here. A line reads
///
/// `field: type = default, "key" | "other spelling", "Form label", min..=max "name in problems";`
///
/// with the range part only for a number that has one, and `hint "…"` after it for advice
/// added to its problem. A new setting is a line here and its field in [`Hyperparams`].
macro_rules! hyperparams {
    (@hint) => { None };
    (@hint $hint:literal) => { Some($hint) };
    (@range) => { None };
    (@range $lo:literal, $hi:literal) => { Some(($lo as f64, $hi as f64)) };
    ($(
        $field:ident: $ty:ty = $default:expr, $key:literal $(| $alias:literal)*, $label:literal
        $(, $lo:literal ..= $hi:literal $name:literal $(hint $hint:literal)?)?;
    )+) => {
        impl Default for Hyperparams {
            fn default() -> Self {
                Self { $($field: $default,)+ }
            }
        }

        /// Each hyper-parameter as links and the form know it, in the order links write them.
        pub const FIELDS: &[Field] = &[$(
            Field {
                name: stringify!($field),
                key: $key,
                aliases: &[$($alias),*],
                label: $label,
                step: <$ty as LinkValue>::STEP,
                range: hyperparams!(@range $($lo, $hi)?),
            },
        )+];

        impl Hyperparams {
            /// Every problem with these settings, as sentences for the user (empty when all is
            /// well): the whole-number settings first, then the others.
            pub fn problems(&self) -> Vec<String> {
                let found: Vec<(bool, Option<String>)> = vec![$($(
                    (<$ty as Bound>::WHOLE, out_of_range(self.$field, ($lo, $hi), $name, hyperparams!(@hint $($hint)?))),
                )?)+];
                let (whole, other): (Vec<_>, Vec<_>) = found.into_iter().partition(|(whole, _)| *whole);
                whole.into_iter().chain(other).filter_map(|(_, problem)| problem).collect()
            }

            /// Put back the default of each number outside its range.
            fn reset_out_of_range(&mut self) {
                let defaults = Hyperparams::default();
                $($(
                    if !within(self.$field, ($lo, $hi)) {
                        self.$field = defaults.$field;
                    }
                )?)+
            }

            /// Set the field of a link key (trimmed `value`); other keys are ignored.
            fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
                match key {
                    $($key $(| $alias)* => read_into(&mut self.$field, key, value),)+
                    _ => Ok(()),
                }
            }

            /// The field of a link key as text (empty for other keys).
            fn get(&self, key: &str) -> String {
                match key {
                    $($key $(| $alias)* => self.$field.write(),)+
                    _ => String::new(),
                }
            }
        }
    };
}

hyperparams! {
    model: ModelKind = ModelKind::MlpAe, "model", "Network";
    hidden: usize = 256, "hidden", "Hidden width", 1..=4096 "hidden width";
    conv_hidden: usize = 0, "conv_hidden", "Linear layer (0: none)", 0..=4096 "linear layer width";
    conv_stack: ConvStack = ConvStack::Report, "stack", "Conv stack";
    latent: usize = 128, "k" | "latent", "Bottleneck k", 1..=1024 "bottleneck k";
    loss: LossKind = LossKind::Mse, "loss", "Loss";
    // Adam with a learning rate above 10 diverges on every model here.
    lr: f64 = 1e-3, "lr", "Learning rate", 1e-7..=10.0 "learning rate" hint "0.001 is a good start";
    batch: usize = 128, "batch", "Batch size", 1..=4096 "batch size";
    epochs: usize = 5, "epochs", "Epochs", 1..=1000 "epochs";
    seed: u64 = 42, "seed", "Seed";
    beta: f64 = 1.0, "beta", "β (KL weight)", 0.0..=100.0 "beta";
    contrastive: ContrastiveLoss = ContrastiveLoss::Margin, "closs", "Contrastive loss";
    margin: f64 = 2.0, "margin", "Margin M", 1e-3..=1000.0 "the margin";
    temperature: f64 = 0.5, "tau" | "temperature", "Temperature τ", 0.01..=10.0 "the temperature";
    optimizer: OptimizerKind = OptimizerKind::Adam, "opt" | "optimizer", "Optimiser";
    momentum: f64 = 0.0, "momentum", "Momentum", 0.0..=0.999 "momentum";
    weight_decay: f64 = 0.0, "wd" | "weight_decay", "Weight decay", 0.0..=10.0 "weight decay";
    dropout: f64 = 0.0, "dropout", "Dropout", 0.0..=0.95 "dropout";
    output: OutputKind = OutputKind::Sigmoid, "out" | "output", "Output";
    svm_c: f64 = 1.0, "c", "C (hinge weight)", 1e-4..=1e4 "C";
    patience: usize = 0, "patience", "Early-stopping patience";
}

impl Hyperparams {
    /// The width of the layer between the image's features and the code: the MLP's hidden
    /// layer, or a conv stack's linear layer (0: none).
    pub fn hidden_width(&self, conv: bool) -> usize {
        if conv { self.conv_hidden } else { self.hidden }
    }
}

/// One hyper-parameter as links and the form know it (see [`FIELDS`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    /// The field of [`Hyperparams`] (and of saved runs' JSON).
    pub name: &'static str,
    /// The key a link writes (`k`, `lr`, …).
    pub key: &'static str,
    /// Other spellings a link may use (`latent` for `k`).
    pub aliases: &'static [&'static str],
    /// The form's label.
    pub label: &'static str,
    /// The form input's `step`: `"1"` for whole numbers, `"any"` for others, `""` for choices.
    pub step: &'static str,
    /// The accepted range (min, max) of a number that has one.
    pub range: Option<(f64, f64)>,
}

/// The field that a link key (or another spelling of it) sets, if any.
pub fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key || f.aliases.contains(&key))
}

/// The keys a link carries, in the order [`Settings::to_query`] writes them: the dataset, the
/// hyper-parameters ([`FIELDS`]), the backend.
pub const QUERY_KEYS: [&str; FIELDS.len() + 2] = {
    let mut keys = [""; FIELDS.len() + 2];
    keys[0] = "dataset";
    let mut i = 0;
    while i < FIELDS.len() {
        keys[i + 1] = FIELDS[i].key;
        i += 1;
    }
    keys[FIELDS.len() + 1] = "backend";
    keys
};

/// A setting's value as a link writes it.
trait LinkValue: Sized {
    /// The form input's `step` (see [`Field::step`]).
    const STEP: &'static str;
    /// The value `text` spells, if any.
    fn parse(text: &str) -> Option<Self>;
    /// The text that [`LinkValue::parse`] reads back to `self`.
    fn write(&self) -> String;
}

/// Numbers: Rust's own parsing and shortest round-trip printing.
macro_rules! number_link_value {
    ($($ty:ty: $step:literal),+) => {$(
        impl LinkValue for $ty {
            const STEP: &'static str = $step;
            fn parse(text: &str) -> Option<Self> {
                text.parse().ok()
            }
            fn write(&self) -> String {
                self.to_string()
            }
        }
    )+};
}

number_link_value!(usize: "1", u64: "1", f64: "any");

impl<T: Keyed> LinkValue for T {
    const STEP: &'static str = "";
    fn parse(text: &str) -> Option<Self> {
        T::from_key(text)
    }
    fn write(&self) -> String {
        self.key().into()
    }
}

/// Parse `value` into `slot`, or say why not (`slot` is then left as it was).
fn read_into<T: LinkValue>(slot: &mut T, key: &str, value: &str) -> Result<(), String> {
    *slot = T::parse(value).ok_or_else(|| format!("{value:?} is not a valid {key}"))?;
    Ok(())
}

/// A number with an accepted range.
trait Bound: PartialOrd + std::fmt::Display + Copy {
    /// A whole number (reported before the others in [`Hyperparams::problems`]).
    const WHOLE: bool;
    /// `self` as a range's end in a sentence.
    fn show(self) -> String;
}

impl Bound for usize {
    const WHOLE: bool = true;
    fn show(self) -> String {
        self.to_string()
    }
}

impl Bound for f64 {
    const WHOLE: bool = false;
    /// Tiny ends in scientific notation (`1e-7`, not `0.0000001`).
    fn show(self) -> String {
        if self != 0.0 && self.abs() < 1e-4 { format!("{self:e}") } else { self.to_string() }
    }
}

/// Whether `v` is in `lo..=hi` (NaN is in no range).
fn within<T: Bound>(v: T, (lo, hi): (T, T)) -> bool {
    lo <= v && v <= hi
}

/// The problem with `v` when it is outside `lo..=hi`, as a sentence about `name` with `hint`
/// after it.
fn out_of_range<T: Bound>(v: T, (lo, hi): (T, T), name: &str, hint: Option<&str>) -> Option<String> {
    let hint = hint.map(|h| format!("; {h}")).unwrap_or_default();
    (!within(v, (lo, hi))).then(|| format!("{name} must be between {} and {} (got {v}){hint}", lo.show(), hi.show()))
}

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
            s.hp.reset_out_of_range();
        }
        (s, warnings)
    }

    /// Set one field by its URL key (one of [`QUERY_KEYS`], or another spelling in [`FIELDS`]).
    /// Unknown keys are ignored. Range checks are [`Hyperparams::problems`]'s job; this only
    /// parses.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let value = value.trim();
        match key {
            "dataset" => read_into(&mut self.dataset, key, value),
            "backend" => read_into(&mut self.backend, key, value),
            _ => self.hp.set(key, value),
        }
    }

    /// One field as text, by the same keys as [`Settings::set`].
    pub fn get(&self, key: &str) -> String {
        match key {
            "dataset" => self.dataset.write(),
            "backend" => self.backend.write(),
            _ => self.hp.get(key),
        }
    }

    /// The query string that [`Settings::from_query`] reads back to `self` (no leading `?`).
    pub fn to_query(&self) -> String {
        QUERY_KEYS.iter().map(|k| format!("{k}={}", self.get(k))).collect::<Vec<_>>().join("&")
    }
}

/// Decode `%XX` escapes and `+` (space); invalid escapes are kept as written.
pub(crate) fn percent_decode(raw: &str) -> String {
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
