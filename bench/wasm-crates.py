#!/usr/bin/env python3
"""Where a wasm binary's code goes: function body sizes summed by the crate each function's name
starts with (needs the `name` section, so run it on wasm-bindgen's output before wasm-opt, e.g.
`$CARGO_TARGET_DIR/wasm-bindgen/release/worker_bg.wasm`). Usage: wasm-crates.py FILE [TOP]."""
import sys, re, collections
def leb(b,i):
    r=s=0
    while True:
        x=b[i]; i+=1; r|=(x&0x7f)<<s; s+=7
        if x<0x80: return r,i
b=open(sys.argv[1],'rb').read()
i=8; code=None; names={}; nimports=0
while i<len(b):
    sid=b[i]; i+=1; size,i=leb(b,i); start=i
    if sid==2:
        n,j=leb(b,i)
        # count function imports
        for _ in range(n):
            l,j=leb(b,j); j+=l; l,j=leb(b,j); j+=l; kind=b[j]; j+=1
            if kind==0: _,j=leb(b,j); nimports+=1
            elif kind==1: j+=1; fl,j=leb(b,j); _,j=leb(b,j); 
            elif kind==2:
                fl,j=leb(b,j); _,j=leb(b,j)
                if fl&1: _,j=leb(b,j)
            elif kind==3: j+=2
    if sid==10: code=(start,size)
    if sid==0:
        n,j=leb(b,i); nm=b[j:j+n]; j+=n
        if nm==b'name':
            while j<start+size:
                sub=b[j]; j+=1; ss,j=leb(b,j); e=j+ss
                if sub==1:
                    cnt,k=leb(b,j)
                    for _ in range(cnt):
                        idx,k=leb(b,k); l,k=leb(b,k); names[idx]=b[k:k+l].decode(errors='replace'); k+=l
                j=e
    i=start+size
s,size=code; n,j=leb(b,s)
tot=collections.Counter()
for f in range(n):
    l,j2=leb(b,j); body=j2+l-j; j=j2+l
    name=names.get(f+nimports,'?')
    m=re.match(r'^[<]*(?:_ZN\d+)?([A-Za-z_][A-Za-z0-9_]*)',name)
    crate=m.group(1) if m else '?'
    tot[crate]+=body
for c,v in tot.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 30): print(f"{c:40s} {v/1e6:7.2f} MB")
