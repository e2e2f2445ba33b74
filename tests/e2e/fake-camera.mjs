// A camera for headless Chromium: a Y4M video of a shipped MNIST digit written large in dark ink
// on light, unevenly lit, grainy paper, for `--use-file-for-fake-video-capture` (the camera test
// and scripts/screenshot-replay-camera.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const [W, H] = [320, 240];

/**
 * The first MNIST test digit of the site in `dist`, its centre of mass (in 28 × 28 pixels), and
 * `digitVideo()`, which writes the video to a new temporary folder and returns its path.
 */
export function fakeCamera(dist) {
  const raw = zlib.gunzipSync(fs.readFileSync(path.join(dist, 'data/mnist/t10k-images-idx3-ubyte.gz')));
  const digit = Array.from(raw.subarray(16, 16 + 784));
  let [sum, sx, sy] = [0, 0, 0];
  digit.forEach((v, i) => { sum += v; sx += v * ((i % 28) + 0.5); sy += v * (Math.floor(i / 28) + 0.5); });
  const original = { x: sx / sum, y: sy / sum };
  /** 4:2:0, grey (only the luma plane varies), the digit 7× large and off-centre. */
  const digitVideo = () => {
    let seed = 4242;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const luma = Buffer.alloc(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const paper = 230 - 50 * (x + y) / (W + H);
        const [u, v] = [Math.floor((x - 130) / 7), Math.floor((y - 20) / 7)];
        const ink = u >= 0 && u < 28 && v >= 0 && v < 28 ? digit[v * 28 + u] / 255 : 0;
        luma[y * W + x] = Math.max(16, Math.min(235, Math.round(paper * (1 - ink) + 35 * ink + (rand() - 0.5) * 24)));
      }
    }
    const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
    const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lab-camera-')), 'digit.y4m');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
    return file;
  };
  return { digit, original, digitVideo };
}

/** Chromium's switches for a fake camera playing `video`, allowed without a prompt. */
export const cameraArgs = (video) => ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`];
