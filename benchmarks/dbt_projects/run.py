"""Build real dbt projects with dbt-duckdb and with datanet, and compare every model's rows.

Run by hand (dbt-core and dbt-duckdb are never datanet dependencies; install them apart):

    python3 -m venv .dbt-venv && .dbt-venv/bin/pip install "dbt-core==1.9.*" "dbt-duckdb==1.9.*"
    python benchmarks/dbt_projects/run.py --src DIR --dbt .dbt-venv/bin/dbt [--only NAME ...]

With `--engine postgres` (and `.dbt-venv/bin/pip install dbt-postgres==1.9.0`) both tools build
on the Postgres server of `--pg` instead, each in its own schemas: `bench_<project>_dbt` and
`bench_<project>_dn` (and the custom schemas made of them), dropped before each build.

DIR holds the clones named in projects.py. Each project is copied twice into a temporary
folder, given a DuckDB profile and its packages, built once by `dbt build` and once by
`datanet build`; then each model, seed and snapshot dbt built is compared row for row (as a
multiset, columns by name). Prints one line per project and writes a JSON report with --out.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import psycopg
import yaml
from compare import compare_postgres, compare_relations
from projects import SETS, DbtProject

PROFILE_NAME_KEY = "profile"
PG_DEFAULT = "host=127.0.0.1 port=5432 user=postgres dbname=test"
_TARGET_SCHEMA = re.compile(r"""(target_schema\s*=\s*)(['"])(\w+)\2""")


def project_arguments(description: str) -> argparse.ArgumentParser:
    """The flags every script here takes: where the clones are, the two tools, which projects,
    and where the JSON report goes (ls_compare.py takes the same)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--src", type=Path, required=True, help="folder of the clones")
    parser.add_argument("--dbt", default="dbt", help="the dbt executable (dbt-duckdb)")
    parser.add_argument("--datanet", default=shutil.which("datanet") or "datanet")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--set", choices=sorted(SETS), default="dev",
                        help="dev (tuned on) or held_out (only scored)")
    parser.add_argument("--out", type=Path, default=None, help="write the report as JSON")
    return parser


def main() -> int:
    parser = project_arguments(__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("duckdb", "postgres"), default="duckdb",
                        help="the warehouse both tools build on (postgres: dbt-postgres)")
    parser.add_argument("--pg", default=PG_DEFAULT,
                        help="libpq connection string of the Postgres server (--engine postgres)")
    parser.add_argument("--schema-prefix", default="bench",
                        help="(--engine postgres) schemas are <prefix>_<project>_dbt and _dn; "
                             "another prefix (bench_...) runs a second measurement side by side")
    args = parser.parse_args()
    report = []
    with tempfile.TemporaryDirectory(prefix="dn_dbt_projects_") as work:
        for project in SETS[args.set]:
            if args.only and project.name not in args.only:
                continue
            result = measure(project, args.src, Path(work), args.dbt, args.datanet,
                             args.pg if args.engine == "postgres" else None, args.schema_prefix)
            report.append(result)
            print(f"{project.name:22} dbt built {result['dbt_built']:3}  datanet equal "
                  f"{result['equal']:3}  same status {result.get('same_status', 0):3} of "
                  f"{result.get('dbt_ran', 0):3}  datanet exit {result['datanet_exit']}  "
                  f"{result['datanet_error'][:100]}", flush=True)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1, default=str))
    return 0


def measure(project: DbtProject, src: Path, work: Path, dbt: str, datanet: str,
            pg: str | None = None, prefix: str = "bench") -> dict[str, Any]:
    """Build `project` with dbt and with datanet and compare what dbt built: in a DuckDB file
    each, or with `pg` (a libpq connection string) on that Postgres server, dbt (dbt-postgres)
    under `<prefix>_<project>_dbt` and datanet under `<prefix>_<project>_dn`, each dropped
    first."""
    schemas = {tool: f"{prefix}_{project.name}_{tool}" for tool in ("dbt", "dn")}
    outputs = ({tool: {**_postgres_output(pg), "schema": schema}
                for tool, schema in schemas.items()} if pg else {"dbt": None, "dn": None})
    dbt_dir = prepare(project, src, work / project.name / "dbt", outputs["dbt"])
    datanet_dir = prepare(project, src, work / project.name / "datanet", outputs["dn"])
    if pg:
        _drop_schemas(pg, schemas["dbt"])
    commands = ["seed", "build"] if project.seed_first else ["build"]
    for command in commands:
        dbt_run = _run([dbt, command, "--profiles-dir", str(dbt_dir), "--project-dir",
                        str(dbt_dir), "--target-path", str(dbt_dir / "target"),
                        *_vars(project)], _cwd(project, dbt_dir), env=project.env)
    if not (dbt_dir / "target" / "run_results.json").exists():
        return {"project": project.name, "repo": project.repo, "dbt_exit": dbt_run.returncode,
                "dbt_built": 0, "equal": 0, "datanet_exit": None,
                "datanet_error": "dbt did not build: " + _first_error(dbt_run.stdout),
                "models": []}
    built = _built_by_dbt(dbt_dir)
    if pg:
        _drop_schemas(pg, schemas["dn"])
    for command in commands:
        dn_run = _run([datanet, command, "--project-dir", str(datanet_dir), *_vars(project)],
                      _cwd(project, datanet_dir),
                      env={**project.env, "DBT_PROFILES_DIR": str(datanet_dir)})
    if pg:
        outcomes = compare_postgres(pg, schemas["dbt"], schemas["dn"], built,
                                    _built_by_datanet(datanet_dir))
    else:
        database = project.database_file
        outcomes = compare_relations(dbt_dir / database, datanet_dir / database, built,
                                     _built_by_datanet(datanet_dir),
                                     (_cwd(project, dbt_dir), _cwd(project, datanet_dir)))
    same, ran = _same_statuses(dbt_dir, datanet_dir)
    return {"project": project.name, "repo": project.repo, "dbt_exit": dbt_run.returncode,
            "dbt_built": len(built), "equal": sum(o["equal"] for o in outcomes),
            "dbt_ran": ran, "same_status": same,
            "datanet_exit": dn_run.returncode,
            "datanet_error": (_first_error(dn_run.stderr or dn_run.stdout)
                              if dn_run.returncode else ""),
            "models": outcomes}


def _postgres_output(dsn: str) -> dict[str, Any]:
    """The profile output dbt-postgres and datanet both read, for the server of `dsn`."""
    info = psycopg.conninfo.conninfo_to_dict(dsn)
    return {"type": "postgres", "host": info.get("host", "127.0.0.1"),
            "port": int(info.get("port", 5432)), "user": info.get("user", "postgres"),
            "pass": info.get("password", ""), "dbname": info.get("dbname", "test"),
            "threads": 4}


def _drop_schemas(dsn: str, schema: str) -> None:
    """Drop `schema` and the custom schemas made of it (`<schema>_<name>`), and nothing else:
    the benchmark's schema names all begin with `bench`."""
    assert schema.startswith("bench"), schema
    with psycopg.connect(dsn, autocommit=True) as con:
        found = con.execute("select nspname from pg_namespace where nspname = %s or "
                            "starts_with(nspname, %s)", [schema, schema + "_"]).fetchall()
        for (name,) in found:
            con.execute(psycopg.sql.SQL("drop schema {} cascade").format(
                psycopg.sql.Identifier(name)))


def prepare(project: DbtProject, src: Path, dest: Path,
            output: dict[str, Any] | None = None) -> Path:
    """A copy of the project with a profile (a DuckDB file, or the profile `output` given) and
    its packages in dbt_packages/."""
    clone = src / project.folder
    if project.revision:  # a release of the project that the dbt measured against supports
        clone = dest.parent / f"{dest.name}_{project.revision}"
        if not clone.exists():
            _unpack(src / project.folder, project.revision, clone)
    ignore = shutil.ignore_patterns(".git", "target", "dbt_packages", "logs")
    if project.whole_clone:  # the project reads files beside it (`../data/*.csv`)
        shutil.copytree(clone, dest.parent / f"{dest.name}_clone", ignore=ignore)
        dest.symlink_to(dest.parent / f"{dest.name}_clone" / project.subdir)
    else:
        shutil.copytree(clone / project.subdir if project.subdir else clone, dest,
                        ignore=ignore, ignore_dangling_symlinks=True)  # sushi_dbt has one
    config = yaml.safe_load((dest / "dbt_project.yml").read_text())
    profile = config.get(PROFILE_NAME_KEY) or config["name"]
    if output and output["type"] == "postgres":
        _keep_schemas_under(dest, config, output["schema"])
    output = output or {"type": "duckdb", "path": str(dest / project.database_file),
                        "threads": 4}
    (dest / "profiles.yml").write_text(yaml.safe_dump({profile: {"target": "dev", "outputs": {
        "dev": output}}}))
    for name, (folder, revision) in project.packages.items():
        target = dest / "dbt_packages" / name
        if folder.startswith("./"):  # a `local:` package inside the project, at its revision
            shutil.copytree(dest / folder, target)
        elif revision is None:
            shutil.copytree(src / folder, target,
                            ignore=shutil.ignore_patterns(".git", "integration_tests", "target"))
        else:  # the locked version, exactly as `dbt deps` would unpack it
            _unpack(src / folder, revision, target)
    return dest


def _keep_schemas_under(dest: Path, config: dict[str, Any], prefix: str) -> None:
    """Make the schemas a project names outright begin with `prefix` (the tool's own schema),
    so that the two tools never write into one schema of the shared server and the benchmark
    never creates (or drops) a schema not its own: a snapshot's `target_schema`, and a custom
    `schema` where the project's own `generate_schema_name` uses it as it is (jaffle-shop's
    seeds in `raw`); dbt's default already prefixes it with the target's schema."""
    own_naming = any("macro generate_schema_name" in path.read_text(errors="replace")
                     for path in dest.rglob("*.sql") if "dbt_packages" not in path.parts)
    keys = {"target_schema", "+target_schema"} | (
        {"schema", "+schema"} if own_naming else set())

    moved: set[str] = set()

    def rewrite(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in keys and isinstance(value, str) and "{" not in value:
                    node[key] = f"{prefix}_{value}"
                    moved.add(value)
                else:
                    rewrite(value)

    for kind in ("models", "seeds", "snapshots"):
        rewrite(config.get(kind))
    if moved:
        (dest / "dbt_project.yml").write_text(yaml.safe_dump(config, sort_keys=False))
        # a source reading a moved schema (jaffle-shop's `ecom` source: `schema: raw`)
        names = "|".join(re.escape(name) for name in sorted(moved))
        line = re.compile(rf"^(\s*(?:-\s+)?schema:\s*['\"]?)({names})(['\"]?\s*)$", re.MULTILINE)
        for path in [*dest.rglob("*.yml"), *dest.rglob("*.yaml")]:
            if "dbt_packages" not in path.parts and path.name != "dbt_project.yml":
                text = path.read_text(errors="replace")
                if line.search(text):
                    path.write_text(line.sub(lambda m: f"{m[1]}{prefix}_{m[2]}{m[3]}", text))
    for path in dest.rglob("*.sql"):  # a snapshot's `config(target_schema='snapshots')`
        if "dbt_packages" not in path.parts:
            text = path.read_text(errors="replace")
            moved = _TARGET_SCHEMA.sub(lambda m: f"{m[1]}{m[2]}{prefix}_{m[3]}{m[2]}", text)
            if moved != text:
                path.write_text(moved)


def _cwd(project: DbtProject, dest: Path) -> Path:
    """Where the tools run: the project, or the clone's root for a project whose own README
    runs dbt there with --project-dir (its relative file paths start from there)."""
    return dest.parent / f"{dest.name}_clone" if project.run_from_clone else dest


def _unpack(repo: Path, revision: str, target: Path) -> None:
    """The tree of `repo` at `revision` in `target`, as `dbt deps` unpacks a release."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(repo), "archive", revision],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)


def _vars(project: DbtProject) -> list[str]:
    return ["--vars", json.dumps(project.vars)] if project.vars else []


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(cmd, check=False, cwd=cwd, capture_output=True, text=True, timeout=1800,
                          env={**os.environ, **(env or {})})


def _built_by_dbt(root: Path) -> list[dict[str, str]]:
    """Models, seeds and snapshots dbt built successfully, with their relation and the SQL
    dbt compiled for them."""
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    results = json.loads((root / "target" / "run_results.json").read_text())
    built = []
    for result in results["results"]:
        node = manifest["nodes"].get(result["unique_id"], {})
        if result["status"] == "success" and node.get("resource_type") in (
                "model", "seed", "snapshot") and node.get("config", {}).get(
                "materialized") != "ephemeral":
            built.append({"unique_id": node["unique_id"], "schema": node["schema"],
                          "name": node.get("alias") or node["name"],
                          "sql": result.get("compiled_code")})
    return built


def _built_by_datanet(root: Path) -> set[str]:
    """`kind.name` of each node datanet's last command reported built."""
    path = root / ".datanet" / "run_results.json"
    if not path.exists():
        return set()
    results = json.loads(path.read_text()).get("results", [])
    return {r["unique_id"] for r in results if r.get("status") == "success"}


def _same_statuses(dbt_dir: Path, datanet_dir: Path) -> tuple[int, int]:
    """(nodes that ended as they did under dbt, nodes dbt ran): models, seeds and tests alike
    (a test that fails under both counts), by dbt's ids in each target/run_results.json."""
    def statuses(root: Path) -> dict[str, str]:
        path = root / "target" / "run_results.json"
        results = json.loads(path.read_text())["results"] if path.exists() else []
        return {r["unique_id"]: r["status"] for r in results}

    theirs, ours = statuses(dbt_dir), statuses(datanet_dir)
    return sum(ours.get(uid) == status for uid, status in theirs.items()), len(theirs)


def _first_error(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "error" in line]
    return (errors or lines or [""])[0].strip()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
