import re, sys, collections
by = collections.defaultdict(collections.Counter)
tot = collections.Counter()
def cat(s):
    s2 = s
    if 'microkernel' in s: return 'gemm micro-kernel'
    if 'pack_operands' in s: return 'gemm packing'
    if 'gemm' in s and ('gemm_basic' in s or 'MemBuffer' in s): return 'gemm driver'
    if 'crossbeam' in s or 'rayon' in s: return 'rayon (steal/yield/sleep/join)'
    if 'dlmalloc' in s or 'alloc::alloc' in s: return 'dlmalloc'
    if 'adam' in s: return 'adam'
    if 'burn_autodiff' in s or 'hashbrown' in s or 'btree' in s or 'NodeId' in s: return 'autodiff graph'
    if 'burn_flex' in s or 'macerator' in s: return 'flex element-wise'
    if 'memmove' in s or 'memset' in s or 'memcpy' in s: return 'libc mem'
    if s.startswith('JS:'): return 'other wasm/JS'
    if re.match(r'^[_a-z0-9]+$', s) and not s.startswith('0x'): return 'kernel'
    return 'other/unknown'
rx = re.compile(r'^\s*(\d+)\s+([0-9a-f]+)\s+(.*)$')
for line in open('/tmp/leaf.txt'):
    m = rx.match(line)
    if not m: continue
    tid, ip, sym = m.groups()
    tot[tid] += 1
    by[tid][cat(sym)] += 1
    if 'liftoff' in sym: by[tid]['(of which liftoff tier)'] += 1
for tid in sorted(tot, key=lambda t: -tot[t])[:4]:
    print(f'== {tid}: {tot[tid]} samples ({tot[tid]/sum(tot.values())*100:.1f}% of all)')
    for k, v in by[tid].most_common():
        print(f'   {v/tot[tid]*100:5.1f}%  {k}')
