//! The worker's analysis requests: live scatter snapshots, projections (t-SNE a few iterations
//! at a time), the linear evaluation of frozen codes, and the data's PCA spectrum.

use web_time::Instant;

use super::post;
use super::session::{Mode, Session, error};
use replab_core::analysis::{CodeView, Confusion, LinearProbe, ProbeConfig, explained_variance};
use replab_core::explore::first_layer_filters;
use replab_engine::export::weights_of;
use replab_core::protocol::{Event, Projection, Scatter};

/// `scatter` with its plane only for a model that can decode it.
fn latent_map_if(decodable: bool, mut scatter: Scatter) -> Scatter {
    if !decodable {
        scatter.plane = None;
    }
    scatter
}

/// Test images in the data's PCA spectrum (the covariance of more costs seconds in a tab).
const SPECTRUM_IMAGES: usize = 2000;

/// Linear evaluation: a softmax regression on standardised codes.
const PROBE: ProbeConfig = ProbeConfig { epochs: 20, batch: 256, lr: 1e-2, weight_decay: 1e-4, seed: 7 };

impl Session {
    /// Encode the test split with the current model and post its scatter.
    pub(super) async fn snapshot(&mut self) {
        let (Some(trainer), Some(data)) = (&self.trainer, &self.dataset) else { return };
        let started = Instant::now();
        let decodable = self.decodable();
        match trainer.test_codes().await {
            Ok((codes, dim)) => {
                let mut view = CodeView::new(codes, dim, data.test.labels.clone(), trainer.step(), trainer.epoch());
                // 2-D codes are shown as they are unless the user asked otherwise.
                let projection = self.projection.unwrap_or(if dim == 2 { Projection::Raw } else { Projection::Pca });
                post(&Event::Embedding { scatter: latent_map_if(decodable, view.scatter(projection)) });
                self.codes = Some(view);
            }
            Err(e) => error(format!("Could not encode the test images: {e}")),
        }
        self.clock.record(trainer.step(), started);
    }

    /// The current model's first-layer filters as images (none for a model without a first
    /// layer of weights on the image).
    pub(super) async fn filters(&self) {
        let (Some(trainer), Some(data)) = (&self.trainer, &self.dataset) else { return };
        match weights_of(trainer.model()).await {
            Ok(weights) => {
                if let Some((filters, units)) = first_layer_filters(&weights, data.train.shape) {
                    post(&Event::Filters { filters, units });
                }
            }
            Err(e) => error(format!("Could not read the first layer's weights: {e}")),
        }
    }

    /// A finished classifier's confusion matrix on the test split.
    pub(super) async fn confusion(&self) {
        let (Some(trainer), Some(data)) = (&self.trainer, &self.dataset) else { return };
        match trainer.test_predictions().await {
            Ok(Some(predictions)) => {
                let confusion = Confusion::new(&data.test.labels, &predictions, data.class_count());
                post(&Event::Confusion { confusion, predictions, labels: data.test.labels.clone() });
            }
            Ok(None) => {}
            Err(e) => error(format!("Could not classify the test images: {e}")),
        }
    }

    /// A live snapshot, if one is due (contrastive runs only: their codes are the point; other
    /// models get one per epoch).
    pub(super) async fn live_snapshot(&mut self) {
        let due = self.trainer.as_ref().is_some_and(|t| t.hyperparams().model.is_contrastive() && self.clock.is_due(t.step()));
        if due {
            self.snapshot().await;
        }
    }

    /// Whether the current model has a decoder (its scatter's plane can be decoded: the latent
    /// map).
    fn decodable(&self) -> bool {
        self.trainer.as_ref().is_some_and(|t| t.model().autoencoder().is_some())
    }

    pub(super) fn project(&mut self, projection: Projection) {
        self.projection = Some(projection);
        let training = self.mode != Mode::Idle;
        let decodable = self.decodable();
        let Some(view) = &mut self.codes else { return };
        match projection {
            Projection::Tsne { .. } if training => {
                error("t-SNE runs once training is over: stop the run or let it finish; PCA is shown meanwhile.")
            }
            Projection::Tsne { perplexity, seed } => {
                view.start_tsne(perplexity, seed);
                post(&Event::ProjectionProgress { done: 0, total: replab_core::analysis::TSNE_ITERATIONS });
            }
            _ => post(&Event::Embedding { scatter: latent_map_if(decodable, view.scatter(projection)) }),
        }
    }

    /// Whether a t-SNE map is being computed.
    pub(super) fn is_mapping(&self) -> bool {
        self.codes.as_ref().is_some_and(CodeView::is_mapping)
    }

    pub(super) fn tsne_chunk(&mut self) {
        if let Some(view) = &mut self.codes {
            view.advance_tsne().into_iter().flat_map(super::messages::tsne).for_each(|e| post(&e));
        }
    }

    pub(super) async fn linear_eval(&mut self) {
        let (Some(trainer), Some(data)) = (&self.trainer, &self.dataset) else {
            return error("Train a model first: linear evaluation tests the codes of a trained model.");
        };
        if self.mode != Mode::Idle {
            return error("Linear evaluation runs once training is over.");
        }
        let codes = async { Ok::<_, replab_engine::train::TrainError>((trainer.train_codes().await?, trainer.test_codes().await?)) };
        let (train, test) = match codes.await {
            Ok((train, (test, _))) => (train, test),
            Err(e) => return error(format!("Could not encode the images: {e}")),
        };
        let (train_codes, dim) = train;
        let probe = LinearProbe::train(&train_codes, &data.train.labels, dim, data.class_count(), &PROBE);
        post(&Event::LinearEval {
            train_accuracy: probe.accuracy(&train_codes, &data.train.labels),
            test_accuracy: probe.accuracy(&test, &data.test.labels),
            dim,
            train_len: data.train.len(),
        });
        self.probe = Some(probe);
    }

    pub(super) fn data_spectrum(&self) {
        let Some(data) = &self.dataset else { return error("No dataset is loaded yet.") };
        let images = data.test.len().min(SPECTRUM_IMAGES);
        let fractions = explained_variance(&data.test.slice(0..images).unit_pixels(), data.test.shape.len());
        post(&Event::DataSpectrum { fractions, images });
    }
}
