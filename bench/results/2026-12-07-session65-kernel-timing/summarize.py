# The kernel choice and both rates on each load's badge, by site and worker.
import json, re, sys
for f in sys.argv[1:]:
    rows = [json.loads(l) for l in open(f)]
    for site in ('threaded', 'single'):
        picks = []
        for d in rows:
            if d['site'] != site: continue
            m = re.search(r'(12 × \d) kernels, timed at (\d+) against (\d+) GFLOP/s', d['reason'])
            tile, chosen, other = m.group(1), int(m.group(2)), int(m.group(3))
            narrow, wide = (chosen, other) if tile == '12 × 3' else (other, chosen)
            picks.append((tile, narrow, wide))
        n3 = sum(t == '12 × 3' for t, _, _ in picks)
        print(f"{f} {site}: 12 × 3 kept in {n3} of {len(picks)}; 12 × 3 read {min(p[1] for p in picks)}–{max(p[1] for p in picks)}, "
              f"below 44 in {sum(p[1] < 44 for p in picks)}; 12 × 4 read {min(p[2] for p in picks)}–{max(p[2] for p in picks)}")
        print('   ', ' '.join(f"{n}/{w}{'*' if t != '12 × 3' else ''}" for t, n, w in picks))
