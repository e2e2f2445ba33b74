# Per-thread CPU of every Chromium process: /proc/*/task/*/stat read twice, WINDOW seconds apart
# after DELAY seconds; prints the cores each (process type, thread name) used. A probe; BENCHMARKS.md,
# "Who else runs while the threaded worker trains" (session 61).   python3 cpu-sample.py DELAY WINDOW
import os, sys, time, collections
def snap():
    d = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit(): continue
        try:
            cmd = open(f'/proc/{pid}/cmdline','rb').read().split(b'\0')
        except Exception: continue
        if not cmd or b'chrom' not in cmd[0]: continue
        import re
        m = re.search(rb'--type=(\S+)', b' '.join(cmd)); ptype = m.group(1).decode() if m else 'browser'
        m = re.search(rb'--renderer-client-id=(\d+)', b' '.join(cmd)); ptype += ('#' + m.group(1).decode()) if m else ''
        try: tasks = os.listdir(f'/proc/{pid}/task')
        except Exception: continue
        for t in tasks:
            try:
                s = open(f'/proc/{pid}/task/{t}/stat').read()
            except Exception: continue
            name = s[s.index('(')+1:s.rindex(')')]
            f = s[s.rindex(')')+2:].split()
            d[(pid, ptype, t, name)] = int(f[11]) + int(f[12])
    return d
delay, window = float(sys.argv[1]), float(sys.argv[2])
time.sleep(delay)
a = snap(); t0 = time.time(); time.sleep(window); b = snap(); dt = time.time() - t0
hz = os.sysconf('SC_CLK_TCK')
agg = collections.Counter()
for k, v in b.items():
    agg[(k[1], k[3] + ('/' + k[2] if 'Worker' in k[3] else ''))] += 0
    if k in a: agg[(k[1], k[3] + ('/' + k[2] if 'Worker' in k[3] else ''))] += (v - a.get(k, v)) / hz / dt
for (ptype, name), cores in agg.most_common(25):
    if cores > 0.002: print(f'{cores:6.3f} cores  {ptype:10s} {name}')
print(f'total {sum(agg.values()):.3f} cores over {dt:.1f} s')
