use replab_core::search::{
    MedianPruner, Param, Sampler, Space, Study, TpeSettings, TrialState, Value, e2_space,
};

fn mixed_space() -> Space {
    Space::new(vec![
        Param::int("width", 3, 9, false),
        Param::int("shift", -4, 2, false),
        Param::int("d", 2, 256, true),
        Param::float("dropout", 0.0, 0.5, false),
        Param::float("lr", 1e-4, 1e-1, true),
        Param::choice("optimiser", &["adam", "sgd", "rmsprop"]),
    ])
}

/// Asserts every value lies in its dimension and is of its kind.
fn assert_in_bounds(space: &Space, values: &[Value]) {
    assert_eq!(values.len(), space.params.len());
    for (param, value) in space.params.iter().zip(values) {
        match (param, value) {
            (Param::Int { lo, hi, .. }, Value::Int(v)) => assert!((lo..=hi).contains(&v), "{v}"),
            (Param::Float { lo, hi, .. }, Value::Float(v)) => {
                assert!((lo..=hi).contains(&v), "{v}")
            }
            (Param::Choice { options, .. }, Value::Choice(i)) => assert!(*i < options.len()),
            other => panic!("value of the wrong kind: {other:?}"),
        }
    }
}

#[test]
fn random_sampling_stays_in_bounds_and_covers_them() {
    let space = mixed_space();
    let mut study = Study::new(space.clone(), Sampler::Random, 7);
    let mut seen = Vec::new();
    for _ in 0..3000 {
        let (number, values) = study.ask();
        assert_in_bounds(&space, &values);
        study.complete(number, 0.0);
        seen.push(values);
    }
    let column = |name: &str| -> Vec<f64> {
        let i = space.index_of(name).unwrap();
        seen.iter().map(|v| v[i].as_f64()).collect()
    };
    // Integer ends are reached, every option is drawn.
    for (name, lo, hi) in [("width", 3.0, 9.0), ("shift", -4.0, 2.0), ("d", 2.0, 256.0)] {
        let xs = column(name);
        assert!(xs.contains(&lo) && xs.contains(&hi), "{name} misses an end");
    }
    let options = column("optimiser");
    assert!((0..3).all(|i| options.contains(&(i as f64))));
    // Log scale: half the learning rates lie below the geometric midpoint 10^-2.5; a linear
    // draw would put 0.3% there. Likewise d below √(2·256) ≈ 22.6.
    let below =
        |xs: Vec<f64>, t: f64| xs.iter().filter(|&&x| x < t).count() as f64 / xs.len() as f64;
    let lr_low = below(column("lr"), 10f64.powf(-2.5));
    assert!((0.45..0.55).contains(&lr_low), "lr below midpoint: {lr_low}");
    let d_low = below(column("d"), 22.6);
    assert!((0.4..0.6).contains(&d_low), "d below midpoint: {d_low}");
    // Linear scale: dropout's mean is about 0.25.
    let dropout = column("dropout");
    let mean = dropout.iter().sum::<f64>() / dropout.len() as f64;
    assert!((mean - 0.25).abs() < 0.02, "dropout mean {mean}");
}

#[test]
fn same_seed_same_sequence_other_seed_other_sequence() {
    for sampler in Sampler::ALL {
        let run = |seed: u64| {
            let mut study = Study::new(mixed_space(), sampler, seed);
            (0..25)
                .map(|k| {
                    let (n, values) = study.ask();
                    study.complete(n, values[4].as_f64().ln() + (k % 3) as f64);
                    values
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(run(3), run(3), "{sampler:?}");
        assert_ne!(run(3), run(4), "{sampler:?}");
    }
}

#[test]
fn tpe_proposals_stay_in_bounds() {
    let space = mixed_space();
    let mut study = Study::new(space.clone(), Sampler::Tpe, 1);
    for k in 0..60 {
        let (n, values) = study.ask();
        assert_in_bounds(&space, &values);
        match k % 5 {
            0 => study.prune(n),
            1 => study.fail(n, "out of memory".into()),
            _ => study.complete(n, values[4].as_f64().log10().abs() + values[3].as_f64()),
        }
    }
}

#[test]
fn every_trial_is_recorded() {
    let mut study = Study::new(e2_space(), Sampler::Random, 0);
    let asked: Vec<(usize, Vec<Value>)> = (0..5).map(|_| study.ask()).collect();
    assert_eq!(asked.iter().map(|a| a.0).collect::<Vec<_>>(), vec![0, 1, 2, 3, 4]);
    assert!(!study.report(0, 0, 0.9));
    assert!(!study.report(0, 1, 0.7));
    assert!(!study.report(0, 1, 0.6)); // a repeated epoch overwrites
    study.complete(0, 0.55);
    assert!(!study.report(1, 0, 0.8));
    study.prune(1);
    study.fail(2, "out of memory".into());
    assert!(!study.report(3, 0, 0.5));
    assert!(study.report(3, 1, f64::NAN));
    let trials = study.trials();
    assert_eq!(trials.len(), 5);
    for (trial, (number, values)) in trials.iter().zip(&asked) {
        assert_eq!((trial.number, &trial.values), (*number, values));
    }
    assert_eq!(trials[0].intermediate, vec![0.9, 0.6]);
    assert_eq!(trials[0].state, TrialState::Complete { value: 0.55 });
    assert_eq!(trials[1].intermediate, vec![0.8]);
    assert_eq!(trials[1].state, TrialState::Pruned { at_epoch: 0 });
    assert_eq!(trials[2].state, TrialState::Failed { reason: "out of memory".into() });
    assert_eq!(trials[3].intermediate, vec![0.5]);
    assert!(matches!(&trials[3].state, TrialState::Failed { reason } if reason.contains("NaN")));
    assert_eq!(trials[4].state, TrialState::Running);
    // A finished trial stays as it ended and is told to stop.
    study.complete(1, 0.1);
    study.fail(0, "late".into());
    assert!(study.report(2, 0, 0.3));
    assert_eq!(study.trials()[1].state, TrialState::Pruned { at_epoch: 0 });
    assert_eq!(study.trials()[0].state, TrialState::Complete { value: 0.55 });
    assert!(study.trials()[2].intermediate.is_empty());
    study.complete(4, f64::INFINITY);
    assert!(matches!(study.trials()[4].state, TrialState::Failed { .. }));
    // Values by name.
    let trial = &study.trials()[0];
    let d = study.value_of(trial, "d").and_then(Value::as_i64).unwrap();
    assert_eq!(Some(&Value::Int(d)), trial.values.first());
    assert!(study.value_of(trial, "momentum").is_none());
    let optimiser = study.space().choice_of(&trial.values, "optimiser").unwrap();
    assert!(optimiser == "adam" || optimiser == "sgd");
    assert!(study.space().describe(&trial.values).starts_with(&format!("d={d}, dropout=")));
}

#[test]
#[should_panic(expected = "never asked")]
fn reporting_an_unknown_trial_panics() {
    Study::new(e2_space(), Sampler::Random, 0).report(0, 0, 1.0);
}

#[test]
#[should_panic(expected = "reported before epoch")]
fn skipping_an_epoch_panics() {
    let mut study = Study::new(e2_space(), Sampler::Random, 0);
    study.ask();
    study.report(0, 1, 1.0);
}

/// Runs a trial through the given per-epoch losses, completing it with the last unless pruned;
/// returns the epoch it was pruned at.
fn run_trial(study: &mut Study, losses: &[f64]) -> Option<usize> {
    let (n, _) = study.ask();
    for (epoch, &loss) in losses.iter().enumerate() {
        if study.report(n, epoch, loss) {
            return Some(epoch);
        }
    }
    study.complete(n, *losses.last().unwrap());
    None
}

#[test]
fn median_pruning() {
    let mut study = Study::new(e2_space(), Sampler::Random, 0);
    assert_eq!(study.clone().with_pruner(MedianPruner::default()), study);
    // Four completed trials: too few to prune anything, however bad.
    for i in 0..4 {
        assert_eq!(run_trial(&mut study, &[1.0 + i as f64, 0.5 + 0.1 * i as f64]), None);
    }
    assert_eq!(run_trial(&mut study, &[9.0, 9.0, 9.0]), None);
    // Five completed: at epoch 1 they read 0.5, 0.6, 0.7, 0.8, 9.0 (median 0.7).
    assert_eq!(run_trial(&mut study, &[50.0, 0.75]), Some(1)); // worse: pruned at epoch 1
    assert_eq!(study.trials().last().unwrap().state, TrialState::Pruned { at_epoch: 1 });
    assert_eq!(study.trials().last().unwrap().intermediate, vec![50.0, 0.75]);
    // Better is kept; epoch 0 (warm-up) is never pruned, however bad; at epoch 2 only one
    // completed trial has a loss, too few to judge.
    assert_eq!(run_trial(&mut study, &[1e9, 0.65, 1e9]), None);
    // Epoch 1 now: 0.5, 0.6, 0.65, 0.7, 0.8, 9.0 (median 0.675): equal is kept, above pruned.
    assert_eq!(run_trial(&mut study, &[1e9, 0.675]), None);
    assert_eq!(run_trial(&mut study, &[1e9, 0.68]), Some(1));
    // A longer warm-up keeps epoch 1 too; switched off, nothing is pruned.
    let lenient = MedianPruner { warmup_epochs: 2, ..MedianPruner::default() };
    let mut warm = study.clone().with_pruner(lenient);
    assert_eq!(run_trial(&mut warm, &[1e9, 1e9]), None);
    let mut off = study.clone().with_pruner(MedianPruner::off());
    assert_eq!(run_trial(&mut off, &[1e9, 1e9, 1e9]), None);
}

/// Minimises the synthetic objective over `e2_space` with `trials` trials; the best value.
fn synthetic_best(sampler: Sampler, seed: u64, trials: usize) -> f64 {
    let mut study = Study::new(e2_space(), sampler, seed);
    for _ in 0..trials {
        let (n, values) = study.ask();
        let space = study.space();
        let lr = space.get(&values, "lr").unwrap().as_f64();
        let d = space.get(&values, "d").unwrap().as_f64();
        let adam = space.choice_of(&values, "optimiser") == Some("adam");
        let f =
            (lr.log10() + 2.5).powi(2) + (d / 256.0 - 0.3).powi(2) + if adam { 0.0 } else { 1.0 };
        study.complete(n, f);
    }
    study.best().and_then(|t| t.value()).unwrap()
}

#[test]
fn tpe_beats_random_on_a_synthetic_objective() {
    let seeds = 0..10u64;
    let mean = |sampler| seeds.clone().map(|s| synthetic_best(sampler, s, 40)).sum::<f64>() / 10.0;
    let (random, tpe) = (mean(Sampler::Random), mean(Sampler::Tpe));
    println!("mean best over 10 seeds, 40 trials: random {random:.5}, tpe {tpe:.5}");
    assert!(tpe < random, "tpe {tpe} vs random {random}");
}

#[test]
fn best_ignores_pruned_and_failed_trials_and_prefers_the_earlier() {
    let mut study = Study::new(e2_space(), Sampler::Random, 0);
    assert!(study.best().is_none());
    let numbers: Vec<usize> = (0..6).map(|_| study.ask().0).collect();
    assert!(!study.report(numbers[1], 0, 0.01));
    study.prune(numbers[1]);
    assert!(!study.report(numbers[2], 0, 0.02));
    study.fail(numbers[2], "diverged".into());
    assert!(study.best().is_none());
    study.complete(numbers[3], 0.5);
    study.complete(numbers[0], 0.5);
    assert_eq!(study.best().unwrap().number, 0);
    study.complete(numbers[4], 0.4);
    study.report(numbers[5], 0, 0.001);
    assert_eq!(study.best().unwrap().number, 4);
    assert_eq!(study.best().unwrap().value(), Some(0.4));
}

#[test]
fn spaces_and_keys() {
    let e2 = e2_space();
    assert_eq!(e2.validate(), Ok(()));
    let names: Vec<&str> = e2.params.iter().map(Param::name).collect();
    assert_eq!(names, ["d", "dropout", "weight_decay", "optimiser", "lr"]);
    let bad = [
        Param::int("a", 5, 4, false),
        Param::int("a", 0, 4, true),
        Param::float("a", 0.0, 1.0, true),
        Param::float("a", 0.0, f64::NAN, false),
        Param::choice("a", &[]),
    ];
    for param in bad {
        assert!(Space::new(vec![param.clone()]).validate().is_err(), "{param:?}");
    }
    let twice = Space::new(vec![Param::int("a", 1, 2, false), Param::float("a", 0.0, 1.0, false)]);
    assert!(twice.validate().is_err());
    for sampler in Sampler::ALL {
        assert_eq!(Sampler::from_key(sampler.key()), Some(sampler));
    }
    assert_eq!(Sampler::from_key("TPE"), Some(Sampler::Tpe));
    assert_eq!(Sampler::from_key("grid"), None);
    let described = e2.describe(&[
        Value::Int(185),
        Value::Float(0.005),
        Value::Float(1.038e-5),
        Value::Choice(0),
        Value::Float(0.0058),
    ]);
    assert_eq!(
        described,
        "d=185, dropout=5.000e-3, weight_decay=1.038e-5, optimiser=adam, lr=5.800e-3"
    );
    assert_eq!(TpeSettings::default().startup_trials, 10);
}

#[test]
#[should_panic(expected = "invalid search space")]
fn an_invalid_space_panics() {
    Study::new(Space::new(vec![Param::choice("a", &[])]), Sampler::Tpe, 0);
}
