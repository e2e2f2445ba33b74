// The lab's models in TensorFlow.js, trained the way the lab trains them: the dataset resident on
// the device, batches gathered by random index, Adam (lr 1e-3, 0.9/0.999, eps 1e-8), the loss read
// back asynchronously every 10 steps. Returns images/s over the timed steps.
//   model 'mlp': the MLP autoencoder (784 → hidden → latent → hidden → 784, sigmoid output, MSE).
//   model 'cnn': the CIFAR-10 classifier (3 × [conv 3×3 same + ReLU + maxPool 2×2 + dropout 0.25]
//                with 32/64/128 channels, dense 2048 → 256 + ReLU, dense 10, softmax cross-entropy),
//                NHWC [batch, 32, 32, 3], the layout TensorFlow.js is native in.
tf.wasm.setWasmPaths('../node_modules/@tensorflow/tfjs-backend-wasm/dist/');

// PyTorch's (and burn's) default init: kaiming-uniform with bound 1/sqrt(fan_in), weights and biases.
const uniform = (shape, fanIn) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = tf.randomUniform(shape, -bound, bound);
  const v = tf.variable(init);
  init.dispose(); // the variable holds its own reference to the buffer
  return v;
};
const dense = (fanIn, fanOut) => ({ w: uniform([fanIn, fanOut], fanIn), b: uniform([fanOut], fanIn) });
const conv = (k, inC, outC) => ({ w: uniform([k, k, inC, outC], k * k * inC), b: uniform([outC], k * k * inC) });
const affine = (x, l) => x.matMul(l.w).add(l.b);

// tfjs-backend-wasm 4.22 has Conv2D and Conv2DBackpropInput but no Conv2DBackpropFilter kernel, so
// stock tf.conv2d cannot be trained there. On a backend without it, the 3×3 'same' stride-1 conv
// keeps its forward (Conv2D) and input gradient (Conv2DBackpropInput) and takes its filter gradient
// from im2col + one matMul: dW[kh,kw,ci,co] = Σ_{n,h,w} xpad[n,h+kh,w+kw,ci] · dy[n,h,w,co].
function conv2dSameIm2col(x, w) {
  return tf.customGrad((x, w, save) => {
    save([x, w]);
    return {
      value: tf.conv2d(x, w, 1, 'same'),
      gradFunc: (dy, [x, w]) => {
        const [n, h, wd, ci] = x.shape;
        const [kh, kw, , co] = w.shape;
        const xp = tf.pad(x, [[0, 0], [(kh - 1) >> 1, kh >> 1], [(kw - 1) >> 1, kw >> 1], [0, 0]]);
        const cols = [];
        for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) cols.push(tf.slice(xp, [0, i, j, 0], [n, h, wd, ci]));
        const patches = tf.concat(cols, 3).reshape([n * h * wd, kh * kw * ci]); // columns in (kh, kw, ci) order
        const dw = tf.matMul(patches, dy.reshape([n * h * wd, co]), true, false).reshape(w.shape);
        return [tf.conv2dTranspose(dy, w, x.shape, 1, 'same'), dw];
      },
    };
  })(x, w);
}

// Each model: its parameters, its resident data, and the loss of one batch of indices.
const MODELS = {
  mlp({ input = 784, hidden = 256, latent = 128, images = 10000 }) {
    const layers = [dense(input, hidden), dense(hidden, latent), dense(latent, hidden), dense(hidden, input)];
    const data = tf.randomUniform([images, input]);
    const forward = (x) => {
      const h1 = tf.relu(affine(x, layers[0]));
      const z = affine(h1, layers[1]);
      const h2 = tf.relu(affine(z, layers[2]));
      return tf.sigmoid(affine(h2, layers[3]));
    };
    return {
      images, tensors: [data, ...layers.flatMap((l) => [l.w, l.b])],
      loss: (idx) => { const x = tf.gather(data, idx); return tf.losses.meanSquaredError(x, forward(x)); },
    };
  },
  cnn({ size = 32, channels = [32, 64, 128], hidden = 256, classes = 10, dropout = 0.25, images = 4000, convGrad }) {
    const convs = [];
    let inC = 3;
    for (const c of channels) { convs.push(conv(3, inC, c)); inC = c; }
    const flat = (size >> channels.length) ** 2 * inC; // 4·4·128 = 2048
    const fc1 = dense(flat, hidden);
    const fc2 = dense(hidden, classes);
    const data = tf.randomUniform([images, size, size, 3]);
    const labels = tf.tidy(() => tf.oneHot(tf.randomUniform([images], 0, classes, 'int32'), classes).toFloat());
    const conv2d = convGrad === 'im2col' ? conv2dSameIm2col : (x, w) => tf.conv2d(x, w, 1, 'same');
    const forward = (x) => {
      // Training mode: dropout on, after each block.
      for (const c of convs) x = tf.dropout(tf.maxPool(tf.relu(conv2d(x, c.w).add(c.b)), 2, 2, 'valid'), dropout);
      const h = tf.relu(affine(x.reshape([x.shape[0], flat]), fc1));
      return affine(h, fc2);
    };
    return {
      images, convGrad, tensors: [data, labels, ...[...convs, fc1, fc2].flatMap((l) => [l.w, l.b])],
      // Reduction SUM_BY_NONZERO_WEIGHTS with no weights: the mean over the batch.
      loss: (idx) => tf.losses.softmaxCrossEntropy(tf.gather(labels, idx), forward(tf.gather(data, idx))),
    };
  },
};
const BATCH = { mlp: 128, cnn: 64 };

// convGrad (CNN only): 'native' (stock tf.conv2d gradients), 'im2col' (the filter gradient above),
// or 'auto' (native where the backend has Conv2DBackpropFilter, im2col where it does not).
// Timing: `warmSteps` untimed steps, then either `steps` timed steps, or (with `seconds`) timed
// chunks of 10 steps until the chunks add up to `seconds` (at least `minSteps` steps). Only the
// steps and the loss readbacks are timed, as the lab's chunk_seconds times its chunks.
// With bench/gpu_counts.js injected, `gpu` is the WebGPU work of the timed steps per step.
// `threads` (wasm only): the backend's thread pool, set before it starts; it loads its threaded
// SIMD binary only where the page is cross-origin isolated (else it runs on one thread).
window.runBench = async ({ backend, model = 'mlp', batch = BATCH[model], warmSteps = 20, steps = 60, seconds, minSteps = 10, convGrad = 'auto', threads, ...options }) => {
  if (!MODELS[model]) throw new Error(`unknown model ${model}`);
  if (threads !== undefined && backend === 'wasm') tf.wasm.setThreadsCount(threads);
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} unavailable`);
  await tf.ready();
  if (convGrad === 'auto') convGrad = tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) ? 'native' : 'im2col';
  const m = MODELS[model]({ ...options, convGrad });
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const run = async (n) => {
    let last = NaN;
    for (let i = 0; i < n; i++) {
      const loss = tf.tidy(() => {
        const idx = tf.randomUniform([batch], 0, m.images, 'int32');
        return optimizer.minimize(() => m.loss(idx), true);
      });
      // Every 10 steps, and on the last step of a phase so queued GPU work never leaks across the
      // warm-up/timed boundary or past the end of the timing (a no-op when n is a multiple of 10).
      if ((i + 1) % 10 === 0 || i === n - 1) last = (await loss.data())[0];
      loss.dispose();
    }
    return last;
  };
  const counts = () => (window.__gpuCounts ? { ...window.__gpuCounts } : null);
  try {
    await run(warmSteps);
    const before = counts();
    let loss;
    let timed = 0;
    const chunks = [];
    const t0 = performance.now();
    if (seconds === undefined) {
      loss = await run(steps);
      timed = steps;
      chunks.push({ steps, seconds: (performance.now() - t0) / 1000 });
    } else {
      while (timed < minSteps || (performance.now() - t0) / 1000 < seconds) {
        const c0 = performance.now();
        loss = await run(10);
        chunks.push({ steps: 10, seconds: (performance.now() - c0) / 1000 });
        timed += 10;
      }
    }
    const elapsed = (performance.now() - t0) / 1000;
    const after = counts();
    const gpu = before && after && Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] - before[k]) / timed]));
    return {
      backend: tf.getBackend(), model, batch, images_per_s: (timed * batch) / elapsed, loss, seconds: elapsed, steps: timed,
      warm_steps: warmSteps, chunks, ...(gpu && { gpu_per_step: gpu }), ...(m.convGrad && { convGrad: m.convGrad }),
      isolated: self.crossOriginIsolated, ...(backend === 'wasm' && { wasm_threads: tf.wasm.getThreadsCount() }),
    };
  } finally {
    m.tensors.forEach((t) => t.dispose());
    optimizer.dispose();
  }
};

// The WebGPU adapter TF.js would get (for the record: SwiftShader on a machine without a GPU).
window.adapterInfo = async () => {
  if (!navigator.gpu) return null;
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return null;
  const info = adapter.info ?? {};
  return { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description, isFallbackAdapter: adapter.isFallbackAdapter ?? info.isFallbackAdapter };
};
