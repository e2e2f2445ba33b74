//! The PyTorch name of each of the lab's parameters: the name the same network would give it
//! written with `torch.nn` (`nn.Sequential` indices count the activation and dropout layers,
//! as in PyTorch). The snippet in docs/model-files.md builds the MLP autoencoder this way.
//!
//! | lab (burn path, enum variants left out) | PyTorch |
//! |---|---|
//! | `encoder.hidden` (MLP) | `encoder.0` (Linear, ReLU, Dropout) |
//! | `encoder.convs.i` | `encoder.{2i}` (Conv2d, ReLU pairs) |
//! | `encoder.blocks.i`, `encoder.fcs.j` (A9's embedder) | `encoder.{4i}` (Conv2d, ReLU, MaxPool2d, Dropout), `encoder.{9 + 2j}` (after Flatten at 8: Linear, ReLU pairs) |
//! | `mean` (autoencoder code layer), `log_var` | `code`, `log_var` |
//! | `decoder.hidden`, `decoder.output` (MLP) | `decoder.0`, `decoder.3` (Linear, ReLU, Dropout, Linear, Sigmoid) |
//! | `decoder.from_code`, `decoder.deconvs.i` | `decoder.0`, `decoder.{2 + 2i}` (Linear, Unflatten, then ConvTranspose2d, ReLU pairs) |
//! | `head.hidden`, `head.output` (embedder) | `head.0`, `head.2` (Linear, ReLU, Linear) |
//! | `head.i` (classifier) | `head.{3i}` (Linear, ReLU, Dropout) |
//! | `blocks.i` (CNN) | `features.{3i}` (Conv2d, ReLU, MaxPool2d) |
//!
//! Everything else keeps its path (`code`, `embed`, `hidden`, `output`, `linear`, a conv
//! stack's `encoder.linear` and `decoder.linear`, the tied
//! decoder's `decoder.hidden_bias`). Linear weights are transposed to PyTorch's
//! `[out, in]` by the caller.

/// Conv blocks of the A9 embedder (each four PyTorch modules; a Flatten follows them).
const BLOCKS: usize = crate::model::BLOCK_CHANNELS.len();

/// `path`: the parameter's module path without enum variants, e.g. `["encoder", "convs", "1",
/// "weight"]`.
pub fn pytorch_name(path: &[&str]) -> String {
    let index = |i: &str, times: usize, plus: usize| i.parse::<usize>().map(|i| (i * times + plus).to_string());
    let renamed: Option<Vec<String>> = match path {
        ["encoder", "hidden", rest @ ..] => Some(join("encoder", "0", rest)),
        ["encoder", "convs", i, rest @ ..] => index(i, 2, 0).ok().map(|i| join("encoder", &i, rest)),
        ["encoder", "blocks", i, rest @ ..] => index(i, 4, 0).ok().map(|i| join("encoder", &i, rest)),
        ["encoder", "fcs", i, rest @ ..] => index(i, 2, 4 * BLOCKS + 1).ok().map(|i| join("encoder", &i, rest)),
        ["mean", rest @ ..] => Some(join_one("code", rest)),
        ["decoder", "hidden", rest @ ..] => Some(join("decoder", "0", rest)),
        ["decoder", "output", rest @ ..] => Some(join("decoder", "3", rest)),
        ["decoder", "from_code", rest @ ..] => Some(join("decoder", "0", rest)),
        ["decoder", "deconvs", i, rest @ ..] => index(i, 2, 2).ok().map(|i| join("decoder", &i, rest)),
        ["head", "hidden", rest @ ..] => Some(join("head", "0", rest)),
        ["head", "output", rest @ ..] => Some(join("head", "2", rest)),
        ["head", i, rest @ ..] => index(i, 3, 0).ok().map(|i| join("head", &i, rest)),
        ["blocks", i, rest @ ..] => index(i, 3, 0).ok().map(|i| join("features", &i, rest)),
        _ => None,
    };
    renamed.map(|parts| parts.join(".")).unwrap_or_else(|| path.join("."))
}

fn join(module: &str, index: &str, rest: &[&str]) -> Vec<String> {
    [module, index].iter().chain(rest).map(|s| s.to_string()).collect()
}

fn join_one(module: &str, rest: &[&str]) -> Vec<String> {
    std::iter::once(module).chain(rest.iter().copied()).map(str::to_string).collect()
}
