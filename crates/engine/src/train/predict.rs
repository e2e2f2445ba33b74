//! A classifier's predicted class for each of many images, read back without blocking.

use burn::prelude::*;

use super::TrainError;
use crate::model::LabModel;

/// Images per forward pass.
const CHUNK: usize = 500;

/// The class `model` (a classifier) predicts for each of `images`; `None` for other models.
///
/// # Shapes
/// - `images`: `[n, c, h, w]` on the model's device
pub async fn predictions_of(model: &LabModel, images: &Tensor<4>) -> Result<Option<Vec<u8>>, TrainError> {
    let n = images.dims()[0];
    let mut out = Vec::with_capacity(n);
    for start in (0..n).step_by(CHUNK) {
        let len = CHUNK.min(n - start);
        let chunk = images.clone().narrow(0, start, len);
        let classes = match model {
            LabModel::Classifier(net) => net.forward(chunk).argmax(1).flatten::<1>(0, 1),
            LabModel::EncoderClassifier(net) => net.forward(chunk).argmax(1).flatten::<1>(0, 1),
            LabModel::Svm(svm) => svm.forward(chunk).greater_elem(0.0).int(),
            _ => return Ok(None),
        };
        let data = classes.into_data_async().await.map_err(|e| TrainError::Backend(format!("{e:?}")))?;
        let values = data.convert::<i64>().try_into_vec::<i64>().map_err(|e| TrainError::Backend(format!("{e:?}")))?;
        out.extend(values.into_iter().map(|c| c.clamp(0, 255) as u8));
    }
    Ok(Some(out))
}
