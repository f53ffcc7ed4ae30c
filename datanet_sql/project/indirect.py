"""dbt's indirect selection: which tests a selection of models takes along (`test`, `build`,
`ls`).

- `eager` (dbt's default): a test reading any selected node;
- `cautious`: a test whose parents are all selected;
- `buildable`: a test whose parents are all selected or ancestors of a selected node (so a
  test comparing a model with the model it is built from runs with it);
- `empty`: none; only tests selected directly (`test_type:`, a test's name).

As dbt's selector does, each selector term is expanded on its own into what it takes and the
tests it reached without taking them; unions and intersections combine both, and at the end
the reached tests whose parents all ended up selected are taken after all (cautious and
buildable: `-s "orders customers"` takes a relationship test between the two).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from datanet_sql.config.selectors import INDIRECT_MODES as MODES
from datanet_sql.errors import SelectionError, did_you_mean
from datanet_sql.project.manifest import Manifest

TEST_KINDS = ("test", "unit_test")


@dataclass(frozen=True)
class Picked:
    """What a selector takes, and the tests it reached but did not take (yet)."""

    chosen: frozenset[str]
    reached: frozenset[str] = frozenset()


def check_mode(mode: str) -> str:
    """The mode, or an error naming the four dbt has."""
    if mode not in MODES:
        raise SelectionError(f"unknown indirect selection '{mode}'." + did_you_mean(mode, MODES),
                             hint="--indirect-selection takes " + ", ".join(MODES))
    return mode


def expand(manifest: Manifest, selected: Iterable[str], mode: str | None) -> Picked:
    """The selected nodes with the tests `mode` takes along (None: no tests, as `run` and
    `compile` select)."""
    chosen = set(selected)
    if mode is None or mode == "empty":
        return Picked(frozenset(chosen))
    buildable = chosen | ancestors(manifest, chosen) if mode == "buildable" else chosen
    taken: set[str] = set()
    reached: set[str] = set()
    for uid, node in manifest.nodes.items():
        if node.kind not in TEST_KINDS or not any(d in chosen for d in node.depends_on):
            continue
        if mode == "eager" or set(node.depends_on) <= buildable:
            taken.add(uid)
        else:
            reached.add(uid)
    return Picked(frozenset(chosen | taken), frozenset(reached - taken))


def combine(parts: list[Picked], how: Callable[..., set[str]]) -> Picked:
    """A union or intersection of picks: of what they take, and of everything they reached."""
    chosen = how(*[set(p.chosen) for p in parts])
    reached = how(*[set(p.chosen | p.reached) for p in parts])
    return Picked(frozenset(chosen), frozenset(reached - chosen))


def settle(manifest: Manifest, picked: Picked, mode: str | None) -> set[str]:
    """The final selection: the reached tests whose parents all ended up selected join it."""
    chosen = set(picked.chosen)
    if mode not in ("cautious", "buildable") or not picked.reached:
        return chosen
    allowed = chosen | ancestors(manifest, chosen) if mode == "buildable" else chosen
    return chosen | {uid for uid in picked.reached
                     if set(manifest.nodes[uid].depends_on) <= allowed}


def ancestors(manifest: Manifest, start: set[str]) -> set[str]:
    """Every node the start nodes read, directly or not."""
    return walk(start, {u: n.depends_on for u, n in manifest.nodes.items()}, None)


def walk(start: set[str], edges: dict[str, list[str]], depth: int | None) -> set[str]:
    """The nodes reached from `start` along `edges` in at most `depth` steps (None: any)."""
    seen: set[str] = set()
    frontier = set(start)
    level = 0
    while frontier and (depth is None or level < depth):
        frontier = {nxt for uid in frontier for nxt in edges.get(uid, [])} - seen
        seen |= frontier
        level += 1
    return seen
