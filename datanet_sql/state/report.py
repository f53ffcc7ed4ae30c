"""`datanet diff --state DIR`: the column-level diff with the state and what it reaches, as
text, JSON or markdown (a CI job appends the markdown to $GITHUB_STEP_SUMMARY)."""

from __future__ import annotations

from typing import Any

from datanet_sql.state.comparison import StateComparison, describe


def diff_report(comparison: StateComparison) -> dict[str, Any]:
    """Changed nodes (with their column changes), the nodes `state:modified+` weighs and
    why each is in or out, and the breaking changes."""
    manifest = comparison.manifest
    changed = [uid for uid in manifest.order
               if comparison.changes.get(uid) and comparison.changes[uid].status != "unmodified"]
    reached = comparison.downstream(set(changed), None)
    return {
        "state": str(comparison.prior.folder),
        "changed": [{"node": manifest.nodes[uid].name, "change": describe(
            comparison.changes[uid]), "columns": [vars(c) for c in comparison.changes[uid].columns],
                     "rows": comparison.changes[uid].rows} for uid in changed],
        "downstream": [{"node": manifest.nodes[uid].name, "selected": uid in reached,
                        "why": comparison.why[uid].split(": ", 1)[1]}
                       for uid in manifest.order if uid in comparison.why and uid not in changed],
        "breaking": comparison.breaking(),
    }


def to_markdown(report: dict[str, Any]) -> str:
    lines = [f"### datanet: changes against `{report['state']}`", ""]
    if not report["changed"]:
        return "\n".join([*lines, "No node changed.", ""])
    lines += ["| node | change |", "|---|---|"]
    lines += [f"| `{row['node']}` | {_cell(row['change'])} |" for row in report["changed"]]
    if report["downstream"]:
        lines += ["", "#### Downstream (`state:modified+`, column-aware)", "",
                  "| node | built | why |", "|---|---|---|"]
        lines += [f"| `{row['node']}` | {'yes' if row['selected'] else 'no'} | "
                  f"{_cell(row['why'])} |" for row in report["downstream"]]
    if report["breaking"]:
        lines += ["", "#### Breaking changes", "", *(f"- {_cell(b)}" for b in report["breaking"])]
    return "\n".join([*lines, ""])


def to_text(report: dict[str, Any]) -> str:
    lines = [f"changes against {report['state']}:"]
    lines += [f"  {row['node']}: {row['change']}" for row in report["changed"]] or ["  none"]
    lines += [f"  {'in ' if row['selected'] else 'out'} {row['node']}: {row['why']}"
              for row in report["downstream"]]
    lines += [f"  {b}" for b in report["breaking"]]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
