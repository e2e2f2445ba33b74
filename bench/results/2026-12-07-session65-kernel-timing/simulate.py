# The new stopping rule (src/worker/gemm_tile.rs) replayed on the probe's 120-round series:
# rounds until each set's two best agree within 5%, at least 8 rounds and 30 ms; at most 48.
import json, re, sys
for line in open(sys.argv[1]):
    d = json.loads(line); r = d['reason']
    m = re.search(r'timed at (\d+) against (\d+) GFLOP/s \[probe at (\d+) ms, tick ([\d.]+) us:(.*); best of 120: (\d+)/(\d+)\]', r)
    toks = m.group(5).split()
    rounds = [(float(toks[i][:-2]), *map(float, toks[i + 1].split('/'))) for i in range(0, len(toks), 2)]
    best = [[], []]
    for n, (t, w, nw) in enumerate(rounds, 1):
        best[0] = sorted(best[0] + [w], reverse=True)[:2]; best[1] = sorted(best[1] + [nw], reverse=True)[:2]
        agree = all(len(b) == 2 and b[0] <= b[1] * 1.05 for b in best)
        if (n >= 8 and t >= 30 and agree) or n == 48: break
    pick = '12 × 3' if best[1][0] * 1.05 >= best[0][0] else '12 × 4'
    old = 'old rule (8 rounds): ' + ('12 × 3' if 'timed at' in r and r.startswith('CPU') else '') 
    print(f"run {d['i']}: stops after {n} rounds at {t:.0f} ms, picks {pick}: narrow {best[1][0]:.0f}, wide {best[0][0]:.0f} (best of 120: {m.group(7)} / {m.group(6)}); the 8-round rule: {m.group(1)} against {m.group(2)}")
