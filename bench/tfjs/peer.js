// The lab's MLP autoencoder in TensorFlow.js, trained the way the lab trains it: the dataset
// resident on the device, batches gathered by index, Adam (lr 1e-3), MSE, sigmoid output, the
// loss read back asynchronously every 10 steps. Returns images/s over the timed steps.
tf.wasm.setWasmPaths('../node_modules/@tensorflow/tfjs-backend-wasm/dist/');

function dense(fanIn, fanOut) {
  const bound = 1 / Math.sqrt(fanIn); // PyTorch's (and burn's) default init
  return { w: tf.variable(tf.randomUniform([fanIn, fanOut], -bound, bound)), b: tf.variable(tf.randomUniform([fanOut], -bound, bound)) };
}

window.runBench = async ({ backend, input = 784, hidden = 256, latent = 128, batch = 128, images = 10000, warmSteps = 20, steps = 60 }) => {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} unavailable`);
  await tf.ready();
  const layers = [dense(input, hidden), dense(hidden, latent), dense(latent, hidden), dense(hidden, input)];
  const data = tf.randomUniform([images, input]);
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const forward = (x) => {
    const h1 = tf.relu(x.matMul(layers[0].w).add(layers[0].b));
    const z = h1.matMul(layers[1].w).add(layers[1].b);
    const h2 = tf.relu(z.matMul(layers[2].w).add(layers[2].b));
    return tf.sigmoid(h2.matMul(layers[3].w).add(layers[3].b));
  };
  let step = 0;
  const run = async (n) => {
    let last = 0;
    for (let i = 0; i < n; i++, step++) {
      const loss = tf.tidy(() => {
        const idx = tf.randomUniform([batch], 0, images, 'int32');
        const x = tf.gather(data, idx);
        return optimizer.minimize(() => tf.losses.meanSquaredError(x, forward(x)), true);
      });
      if ((step + 1) % 10 === 0) last = (await loss.data())[0];
      loss.dispose();
    }
    return last;
  };
  await run(warmSteps);
  const t0 = performance.now();
  const loss = await run(steps);
  const seconds = (performance.now() - t0) / 1000;
  data.dispose(); layers.forEach((l) => { l.w.dispose(); l.b.dispose(); }); optimizer.dispose();
  return { backend: tf.getBackend(), images_per_s: (steps * batch) / seconds, loss, seconds };
};
