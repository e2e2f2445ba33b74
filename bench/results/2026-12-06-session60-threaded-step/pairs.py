#!/usr/bin/env python3
"""probe-cache.log's A/B: each run's step (select + grads + optim, medians of its windows but the
first), paired in run order (A: std's allocator, B: the per-thread cache in front of it).
Usage: python3 pairs.py [probe-cache.log]"""
import re, sys, statistics
runs, cur = [], None
for line in open(sys.argv[1] if len(sys.argv) > 1 else 'probe-cache.log'):
    if line.startswith('== '):
        cur = {'site': line.split()[2], 'w': []}
        runs.append(cur)
    elif line.startswith('PROBE') and cur is not None:
        f = dict(re.findall(r'\b(select|grads|optim) ([0-9.]+)', line))
        cur['w'].append(sum(float(f[k]) for k in ('select', 'grads', 'optim')))
for worker in ('threaded', 'plain'):
    a = [statistics.median(r['w'][1:]) for r in runs if r['site'] == f'{worker}-A']
    b = [statistics.median(r['w'][1:]) for r in runs if r['site'] == f'{worker}-B']
    ratios = [y / x for x, y in zip(a, b)]
    print(f"{worker}: A {' '.join(f'{x:.3f}' for x in a)} ms; B {' '.join(f'{y:.3f}' for y in b)} ms; "
          f"B / A by pair {' '.join(f'{r:.3f}' for r in ratios)}; medians {statistics.median(b) / statistics.median(a):.3f}; "
          f"B shorter in {sum(r < 1 for r in ratios)} of {len(ratios)}")
