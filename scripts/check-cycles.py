#!/usr/bin/env python3
"""Fails on a module cycle: `crate::` edges between the top-level modules of `src/lab`,
`src/ui` and `src/worker` (a file in `lab/presets/` naming `crate::lab::protocol` is an edge
presets → protocol). Cycles that are already known are listed in KNOWN with the plan that ends
them; a new cycle, or a known one that grew, fails. A known cycle that is gone is reported so
that the list shrinks.

    scripts/check-cycles.py [--graph]
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

# Known cycles (sorted member lists), each to be removed by the workspace split of issue 15:
# the message types and domain values move into a burn-free core crate that cannot import the
# engine, and the engine returns domain values that only the worker turns into messages.
KNOWN = [
    # The core: protocol imports presets/analysis/search/export/backend types while the tensor
    # code returns worker `Event`s (Trainer::advance, CodeView::advance_tsne, PresetRun::advance).
    ["lab::analysis", "lab::backend", "lab::explore", "lab::export", "lab::model", "lab::presets", "lab::protocol", "lab::search", "lab::train"],
    # The page: ui::state imports every feature's state and the features import LabState back.
    ["ui::confusion", "ui::embedding", "ui::explore", "ui::image_grid", "ui::presets", "ui::runs", "ui::state", "ui::worker_link"],
]


def module_of(path: Path) -> str | None:
    parts = path.relative_to(SRC).with_suffix("").parts
    if parts[0] in ("lab", "ui") and len(parts) >= 2:
        name = parts[1]
        return None if name == "mod" else f"{parts[0]}::{name}"
    if parts[0] == "worker":
        return "worker"
    return None


def edges() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    pattern = re.compile(r"crate::(lab|ui)::(\w+)|crate::(worker)\b")
    for path in SRC.rglob("*.rs"):
        source = module_of(path)
        if source is None:
            continue
        text = path.read_text(encoding="utf-8")
        # `use crate::lab::{a, b::c}` groups: every name at the top of the group.
        for area, group in re.findall(r"crate::(lab|ui)::\{([^}]*)\}", text):
            for name in re.findall(r"(?:^|,)\s*(\w+)", group):
                target = f"{area}::{name}"
                if target != source:
                    graph.setdefault(source, set()).add(target)
        for m in pattern.finditer(text):
            target = f"{m.group(1)}::{m.group(2)}" if m.group(1) else "worker"
            if target != source:
                graph.setdefault(source, set()).add(target)
        # `super::x` from a top-level module's own file names a sibling.
        if path.parent.name in ("lab", "ui") or path.name == "mod.rs" and path.parent.parent.name in ("lab", "ui"):
            area = "lab" if "lab" in path.relative_to(SRC).parts[:1] else "ui"
            for name in re.findall(r"\bsuper::(\w+)", text):
                target = f"{area}::{name}"
                if target != source and (SRC / area / f"{name}.rs").exists() or (SRC / area / name).is_dir():
                    if target != source:
                        graph.setdefault(source, set()).add(target)
    return graph


def components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(set(graph) | {w for ws in graph.values() for w in ws}):
        if v not in index:
            visit(v)
    return sorted(out)


def main() -> int:
    graph = edges()
    if "--graph" in sys.argv:
        for v in sorted(graph):
            print(f"{v} -> {', '.join(sorted(graph[v]))}")
    found = components(graph)
    known = [sorted(k) for k in KNOWN]
    # A cycle inside a known one (the same or smaller) is known; one that reaches outside is new.
    new = [c for c in found if not any(set(c) <= set(k) for k in known)]
    gone = [k for k in known if not any(set(c) <= set(k) and set(c) & set(k) for c in found)]
    shrunk = [(k, c) for k in known for c in found if set(c) < set(k)]
    for c in found:
        inner = {v: sorted(w for w in graph.get(v, ()) if w in c) for v in c}
        status = "NEW" if c in new else "known"
        print(f"{status} cycle ({len(c)} modules): " + "; ".join(f"{v} -> {', '.join(ws)}" for v, ws in inner.items()))
    for k, c in shrunk:
        print(f"shrunk (update KNOWN): {', '.join(sorted(set(k) - set(c)))} left the cycle")
    for k in gone:
        print(f"gone (remove it from KNOWN): {', '.join(k)}")
    if new:
        print(f"check-cycles: {len(new)} new module cycle(s)", file=sys.stderr)
        return 1
    print(f"check-cycles: ok ({len(found)} known cycle(s), no new one)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
