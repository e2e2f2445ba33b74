//! Reading figures back from JSON, which has no NaN or infinity: serde_json writes a
//! non-finite float as `null`, and these read that `null` back as NaN, so that a record holding
//! a non-finite figure (a model whose loss overflowed, kept as a saved run) stays readable.
//! Other formats (the worker's messages) carry NaN as it is; these read it unchanged.

use serde::{Deserialize, Deserializer};

/// A float, `null` read as NaN: `#[serde(deserialize_with = "nan_as_null::f32")]`.
pub fn f32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
    Ok(Option::<f32>::deserialize(deserializer)?.unwrap_or(f32::NAN))
}

/// Curve points `(step, value)`, a `null` value read as NaN.
pub fn points<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<(usize, f32)>, D::Error> {
    let points = Vec::<(usize, Option<f32>)>::deserialize(deserializer)?;
    Ok(points.into_iter().map(|(step, value)| (step, value.unwrap_or(f32::NAN))).collect())
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    /// Shaped like the messages' `Metrics`, which reads its loss this way.
    #[derive(Debug, Serialize, Deserialize)]
    struct Metrics {
        #[serde(deserialize_with = "super::f32")]
        loss: f32,
        kl: Option<f32>,
        accuracy: Option<f32>,
    }

    #[derive(Debug, Serialize, Deserialize)]
    struct Curve {
        #[serde(deserialize_with = "super::points")]
        loss: Vec<(usize, f32)>,
    }

    #[test]
    fn non_finite_figures_survive_json() {
        let m = Metrics { loss: f32::NAN, kl: Some(f32::INFINITY), accuracy: Some(0.5) };
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"loss":null,"kl":null,"accuracy":0.5}"#);
        let back: Metrics = serde_json::from_str(&json).unwrap();
        assert!(back.loss.is_nan());
        // An optional figure that was not finite reads as absent: JSON cannot tell them apart.
        assert_eq!((back.kl, back.accuracy), (None, Some(0.5)));

        let curve = Curve { loss: vec![(0, 0.25), (10, f32::NAN), (20, f32::NEG_INFINITY)] };
        let back: Curve = serde_json::from_str(&serde_json::to_string(&curve).unwrap()).unwrap();
        assert_eq!(back.loss[0], (0, 0.25));
        assert!(back.loss[1..].iter().all(|p| p.1.is_nan()));
    }
}
