"""Compare `datanet ls` with `dbt ls` on real dbt projects: the same nodes for the same flags?

Run by hand (dbt-core and dbt-duckdb installed apart, as for run.py):

    python benchmarks/dbt_projects/ls_compare.py --src DIR --dbt .dbt-venv/bin/dbt [--only NAME ...]

Each project of the set is copied and given its packages as run.py does, then listed by both
tools with the same flags: everything, each `--resource-type`, and selectors made from what
dbt lists (tags, folders, `config.materialized:`, `test_type:`, graph operators on a model
with parents and children, dbt's fqn forms, `package:`, `source:`, an `--exclude`). The nodes
are compared by dbt's unique id (datanet's `ls --output json` gives it as `dbt_unique_id`),
and for every node both list, the values of dbt's `--output json` keys. Prints one line per
selection that differs and a summary per project; writes a JSON report with --out.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from projects import SETS, DbtProject
from run import _cwd, _run, _vars, prepare, project_arguments

# dbt's `ls --output json` keys (dbt 1.9's ListTask.ALLOWED_KEYS) whose values are compared;
# `unique_id` and `depends_on` are datanet's own in its record (dbt's id is `dbt_unique_id`)
COMPARED_KEYS = ("name", "resource_type", "package_name", "original_file_path", "alias",
                 "tags", "fqn", "source_name")


def main() -> int:
    args = project_arguments(__doc__.splitlines()[0]).parse_args()
    report = []
    with tempfile.TemporaryDirectory(prefix="dn_ls_compare_") as work:
        for project in SETS[args.set]:
            if args.only and project.name not in args.only:
                continue
            result = compare_project(project, args.src, Path(work), args.dbt, args.datanet)
            report.append(result)
            same = sum(not s["missing"] and not s["extra"] for s in result["selections"])
            print(f"{project.name:22} selections same {same:3} of "
                  f"{len(result['selections']):3}  nodes {result['nodes']:4}  key values "
                  f"differing {sum(result['keys'].values()):4}  {result['error'][:80]}",
                  flush=True)
            for selection in result["selections"]:
                if selection["missing"] or selection["extra"]:
                    print(f"    {' '.join(selection['args']):50} dbt {selection['dbt']:4} "
                          f"datanet {selection['datanet']:4}  missing "
                          f"{selection['missing'][:2]} extra {selection['extra'][:2]}")
            for key, count in result["keys"].items():
                print(f"    key {key}: {count} nodes differ, e.g. {result['key_examples'][key]}")
    if args.out:
        args.out.write_text(json.dumps(report, indent=1, default=str))
    return 0


def compare_project(project: DbtProject, src: Path, work: Path, dbt: str,
                    datanet: str) -> dict[str, Any]:
    dbt_dir = prepare(project, src, work / project.name / "dbt")
    datanet_dir = prepare(project, src, work / project.name / "datanet")
    everything = _dbt_ls(project, dbt, dbt_dir, ["--resource-type", "all"])
    result: dict[str, Any] = {"project": project.name, "nodes": len(everything),
                              "selections": [], "keys": {}, "key_examples": {}, "error": ""}
    if not everything:
        result["error"] = "dbt ls listed nothing"
        return result
    listed = _datanet_ls(project, datanet, datanet_dir, ["--resource-type", "all"])
    if listed is None:
        result["error"] = "datanet ls failed"
        return result
    _compare_keys(everything, listed, result)
    for flags in selections(project, everything):
        theirs = {r["unique_id"] for r in _dbt_ls(project, dbt, dbt_dir, flags)}
        ours_listed = _datanet_ls(project, datanet, datanet_dir, flags)
        ours = {r.get("dbt_unique_id", r["unique_id"]) for r in ours_listed or []}
        result["selections"].append({
            "args": flags, "dbt": len(theirs), "datanet": len(ours),
            "failed": ours_listed is None,
            "missing": sorted(theirs - ours), "extra": sorted(ours - theirs)})
    return result


def selections(project: DbtProject, nodes: list[dict[str, Any]]) -> list[list[str]]:
    """The flags compared: made from what dbt lists, so each one selects something real."""
    kinds = sorted({n["resource_type"] for n in nodes})
    flags: list[list[str]] = [[], *(["--resource-type", kind] for kind in kinds)]
    tags = Counter(tag for n in nodes for tag in n.get("tags") or [])
    flags += [["-s", f"tag:{tag}"] for tag, _ in tags.most_common(3)]
    models = [n for n in nodes if n["resource_type"] == "model" and n["package_name"] ==
              _project_name(nodes, project)]
    folders = Counter(n["original_file_path"].rsplit("/", 1)[0] for n in models
                      if "/" in n["original_file_path"].split("/", 1)[1])
    for folder, _ in folders.most_common(2):
        flags += [["-s", folder], ["-s", f"path:{folder}"], ["-s", folder.split("/", 1)[1]]]
    flags += [["-s", f"config.materialized:{kind}"] for kind in ("table", "view", "incremental")]
    flags += [["-s", f"test_type:{kind}"] for kind in ("generic", "singular", "unit", "data")]
    middle = _middle_model(models, nodes)
    if middle is not None:
        name = middle["name"]
        flags += [["-s", form] for form in (f"+{name}", f"{name}+", f"@{name}", f"1+{name}",
                                            f"{name}+1", ".".join(middle["fqn"]),
                                            ".".join([*middle["fqn"][:-1], "*"]))]
        flags.append(["-s", f"+{name}", "--exclude", name])
    flags += [["-s", f"package:{_project_name(nodes, project)}"], ["-s", "source:*"],
              ["-s", "resource_type:seed"]]
    if tags:
        flags.append(["--exclude", f"tag:{tags.most_common(1)[0][0]}"])
    return flags


def _middle_model(models: list[dict[str, Any]], nodes: list[dict[str, Any]]
                  ) -> dict[str, Any] | None:
    """A model with parents and children (the one with most parents): graph operators
    show the most on it."""
    parents = {n["unique_id"]: [p for p in n.get("depends_on", {}).get("nodes", [])]
               for n in nodes}
    children = Counter(p for kids in parents.values() for p in kids)
    candidates = [m for m in models if parents[m["unique_id"]] and
                  any(parent.startswith(("model.", "seed.", "source.", "snapshot."))
                      for parent in parents[m["unique_id"]]) and
                  children[m["unique_id"]]]
    return max(candidates, key=lambda m: (len(parents[m["unique_id"]]), m["unique_id"]),
               default=None)


def _project_name(nodes: list[dict[str, Any]], project: DbtProject) -> str:
    """The root project's name: the package of most of the listed models."""
    names = Counter(n["package_name"] for n in nodes if n["resource_type"] == "model")
    return names.most_common(1)[0][0] if names else project.name


def _compare_keys(dbts: list[dict[str, Any]], ours: list[dict[str, Any]],
                  result: dict[str, Any]) -> None:
    """For each node both list, which of dbt's json keys hold another value in datanet's."""
    by_id = {r.get("dbt_unique_id"): r for r in ours}
    for node in dbts:
        mine = by_id.get(node["unique_id"])
        if mine is None:
            continue
        for key in COMPARED_KEYS:
            theirs = node.get(key) or None
            if key == "tags" and theirs is None:  # a unit test keeps its tags in config
                theirs = (node.get("config") or {}).get("tags") or None
            if (mine.get(key) or None) != theirs:
                result["keys"][key] = result["keys"].get(key, 0) + 1
                result["key_examples"].setdefault(key, f"{node['unique_id']}: dbt {theirs!r}"
                                                  f" datanet {mine.get(key)!r}")


def _dbt_ls(project: DbtProject, dbt: str, root: Path, flags: list[str]
            ) -> list[dict[str, Any]]:
    keys = ["unique_id", "resource_type", "name", "package_name", "original_file_path",
            "alias", "tags", "fqn", "source_name", "config", "depends_on"]
    done = _run([dbt, "-q", "ls", "--profiles-dir", str(root), "--project-dir", str(root),
                 "--target-path", str(root / "target"), "--output", "json", "--output-keys",
                 *keys, *_vars(project), *flags], _cwd(project, root), env=project.env)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def _datanet_ls(project: DbtProject, datanet: str, root: Path, flags: list[str]
                ) -> list[dict[str, Any]] | None:
    done = _run([datanet, "ls", "--project-dir", str(root), "--output", "json",
                 *_vars(project), *flags], _cwd(project, root),
                env={**project.env, "DBT_PROFILES_DIR": str(root)})
    if done.returncode != 0:
        return None
    start = done.stdout.find("[")
    return json.loads(done.stdout[start:]) if start >= 0 else []


if __name__ == "__main__":
    raise SystemExit(main())
