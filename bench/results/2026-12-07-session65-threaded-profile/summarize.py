# Chunk rates of chunks.mjs files: the mean over all chunks after the first 5 s (sum of images /
# sum of chunk seconds, as the benchmark takes them) and by position after an epoch's end.
import json, sys, collections
for f in sys.argv[1:]:
    ev = json.load(open(f))
    t0 = next(e['t'] for e in ev if e['k'] == 'TrainLoss')
    pos, by, imgs, secs = 99, collections.defaultdict(list), 0.0, 0.0
    for e in ev:
        if e['k'] == 'EpochEnd':
            pos = 0
        elif e['k'] == 'TrainLoss':
            pos += 1
            if e['t'] - t0 < 5000: continue
            imgs += e['ips'] * e['cs']; secs += e['cs']
            by[min(pos, 4)].append(e['ips'])
    med = lambda xs: sorted(xs)[len(xs) // 2] if xs else float('nan')
    print(f"{f}: mean {imgs / secs:7.0f} images/s over {secs:5.1f} s of chunks; median by chunk after an epoch's end: "
          + ", ".join(f"{'≥4' if k == 4 else k}: {med(v):6.0f} (n {len(v)})" for k, v in sorted(by.items())))
