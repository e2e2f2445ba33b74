#!/usr/bin/env python3
"""Pairs of an A/B run of bench/threads.mjs: per worker, each repetition's mean images/s of A and
B, B/A by pair and the medians' B/A. `python3 pairs.py FILE [--b-first]`: FILE is the run's
stdout (its JSON is the last top-level object); --b-first when B's site was the first argument
(then the sites `threaded`/`single` are B and `threaded-b`/`single-b` are A)."""
import json, statistics, sys

path, b_first = sys.argv[1], '--b-first' in sys.argv
text = open(path).read()
data = json.loads(text[text.rindex('\n{') + 1:] if not text.startswith('{') else text)
for row in data['rows']:
    for worker in ('threaded', 'single'):
        first, second = row.get(worker), row.get(worker + '-b')
        if not first or not second:
            continue
        a, b = (second, first) if b_first else (first, second)
        xs = [r['mean_images_per_s'] for r in a['runs']]
        ys = [r['mean_images_per_s'] for r in b['runs']]
        pairs = [y / x for x, y in zip(xs, ys)]
        print(f"{row['model']} {worker}, {'B' if b_first else 'A'} first: A {' '.join(f'{x:.0f}' for x in xs)}; "
              f"B {' '.join(f'{y:.0f}' for y in ys)}; B/A by pair {' '.join(f'{p:.3f}' for p in pairs)}; "
              f"B ahead in {sum(p > 1 for p in pairs)} of {len(pairs)}; medians' B/A "
              f"{statistics.median(ys) / statistics.median(xs):.3f}")
