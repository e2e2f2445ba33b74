#!/usr/bin/env python3
"""Medians of probe.log's (or probe-pool1.log's, probe-allocs.log's) windows (each ~100 steps; the first window of each run, the warm-up,
left out), per run: the figures quoted in BENCHMARKS.md, "Where the threaded step's time goes
(session 60)". Usage: python3 summary.py [probe.log]"""
import re, sys, statistics
runs, cur = [], None
for line in open(sys.argv[1] if len(sys.argv) > 1 else 'probe.log'):
    if line.startswith('== '):
        _, when, site, query = line.split()
        cur = {'site': site, 'query': query, 'windows': []}
        runs.append(cur)
    elif line.startswith('PROBE') and cur is not None:
        found = re.findall(r'\b(select|grads|optim|join|accumulate|half A|B|max|fork|allocs|kB) ([0-9.]+)', line)
        cur['windows'].append({('half B' if k == 'B' else k): float(v) for k, v in found})
keys = ['select', 'grads', 'optim', 'join', 'accumulate', 'half A', 'half B', 'max', 'fork']
if any('allocs' in x for r in runs for x in r['windows']):
    keys += ['allocs', 'kB']  # probe-allocs.log: allocations and kB allocated a step
print('| site | query | windows | ' + ' | '.join(keys) + ' | step (select + grads + optim) |')
print('|---|---|---:|' + '---:|' * (len(keys) + 1))
for r in runs:
    w = r['windows'][1:]
    med = {k: statistics.median(x.get(k, 0.0) for x in w) for k in keys}
    step = med['select'] + med['grads'] + med['optim']
    print(f"| {r['site']} | {r['query'].replace('backend=cpu&', '')} | {len(w)} | " + ' | '.join(f'{med[k]:.3f}' for k in keys) + f' | {step:.3f} |')
