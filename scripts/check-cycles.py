#!/usr/bin/env python3
"""Fails on a module cycle inside a crate: the `crate::` edges between the top-level modules of
each crate — `crates/core` (`core::protocol`, `core::presets`, …), `crates/engine`, and the app's
`src/ui` and `src/worker` (a file in `crates/core/src/presets/` naming `crate::protocol` is an
edge core::presets → core::protocol). Edges between crates cannot form a cycle (Cargo refuses
one), so they are not followed. Cycles that are already known are listed in KNOWN with the plan
that ends them; a new cycle, or a known one that grew, fails. A known cycle that is gone is
reported so that the list shrinks.

    scripts/check-cycles.py [--graph]
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each crate's source folder and the name its modules are reported under. The app's modules
# live one level down (`src/ui/…` is `ui::…`, `src/worker/` is `worker`).
CRATES = {"core": ROOT / "crates/core/src", "engine": ROOT / "crates/engine/src", "app": ROOT / "src"}

# Known cycles (sorted member lists), each with the plan that ends it. None today: keep it so.
KNOWN: list[list[str]] = []


def module_of(crate: str, path: Path) -> str | None:
    parts = path.relative_to(CRATES[crate]).with_suffix("").parts
    if crate == "app":
        if parts[0] == "ui" and len(parts) >= 2:
            return None if parts[1] == "mod" else f"ui::{parts[1]}"
        return "worker" if parts[0] == "worker" else None
    return None if parts == ("lib",) else f"{crate}::{parts[0]}"


def top_level_file(crate: str, path: Path) -> bool:
    """A top-level module's own file, where `super::x` names a sibling module."""
    rel = path.relative_to(CRATES[crate])
    if crate == "app":
        return rel.parts[0] == "ui" and (len(rel.parts) == 2 or len(rel.parts) == 3 and rel.name == "mod.rs")
    return len(rel.parts) == 1 or len(rel.parts) == 2 and rel.name == "mod.rs"


def sibling_exists(crate: str, name: str) -> bool:
    folder = CRATES[crate] / "ui" if crate == "app" else CRATES[crate]
    return (folder / f"{name}.rs").exists() or (folder / name).is_dir()


def edges() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for crate, src in CRATES.items():
        prefix = "ui::" if crate == "app" else ""
        label = "ui" if crate == "app" else crate
        group_re = re.compile(r"crate::%s\{([^}]*)\}" % re.escape(prefix))
        path_re = re.compile(r"crate::%s(\w+)" % re.escape(prefix))
        for path in src.rglob("*.rs"):
            source = module_of(crate, path)
            if source is None:
                continue
            # Code only: a doc comment naming another module is not a dependency.
            text = "\n".join(l for l in path.read_text(encoding="utf-8").splitlines() if not l.lstrip().startswith("//"))
            targets: set[str] = set()
            # `use crate::{a, b::c}` groups: every name at the top of the group.
            for group in group_re.findall(text):
                targets.update(f"{label}::{n}" for n in re.findall(r"(?:^|,)\s*(\w+)", group))
            targets.update(f"{label}::{n}" for n in path_re.findall(text))
            if crate == "app" and re.search(r"crate::worker\b", text):
                targets.add("worker")
            if top_level_file(crate, path):
                targets.update(f"{label}::{n}" for n in re.findall(r"\bsuper::(\w+)", text) if sibling_exists(crate, n))
            # `crate::ui` / `crate::lab`-style area names are not modules of their own here.
            targets = {t for t in targets if t != source and not t.endswith("::ui") and not t.endswith("::worker")}
            if targets:
                graph.setdefault(source, set()).update(targets)
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
