"""`datanet mock` on a Spark target: the mocks go to `<schema>_mock`, the source loaded from its
file keeps its real rows, and a table no mock is known to have written is refused (in a process of its own, as a
user's commands would run: Spark keeps one JVM per process)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from datanet_sql.adapters.spark import SMALL_DATA_CONFIG

PEOPLE = "id,country\n" + "".join(f"{i},{cc}\n" for i, cc in
                                  enumerate(["US", "DE", "FR", "ES", "IT"] * 8, start=1))

SCRIPT = textwrap.dedent("""
    import json, sys
    from click.testing import CliRunner
    from datanet_sql.adapters.base import Relation
    from datanet_sql.adapters.spark import SparkAdapter
    from datanet_sql.cli.main import cli
    from datanet_sql.config.targets import resolve_target

    root = sys.argv[1]
    def cli_run(*args):
        result = CliRunner().invoke(cli, [*args, "--target", "spark", "--project-dir", root])
        return result.exit_code, result.output
    steps = [cli_run("run"), cli_run("profile"), cli_run("mock", "--rows", "6")]
    adapter = SparkAdapter(resolve_target(__import__("pathlib").Path(root), "spark"))
    count = lambda schema, name: adapter.fetch_one(
        f"SELECT count(*) FROM `{schema}`.`{name}`")[0]
    adapter.execute("DROP TABLE `s_mock`.`_datanet_mocks`")  # tables no mock is known to own
    steps.append(cli_run("mock", "--rows", "6"))
    print(json.dumps({"steps": steps, "real": count("s_raw", "people"),
                      "mock": count("s_mock", "raw__people")}))
""")


def test_mock_on_spark_goes_to_the_mock_schema_and_refuses_other_tables(tmp_path: Path) -> None:
    root = tmp_path / "p"
    for folder in ("data", "models", "sources"):
        (root / folder).mkdir(parents=True)
    (root / "datanet.yml").write_text("name: p\n")
    (root / "targets.yml").write_text(yaml.safe_dump({"spark": {
        "type": "spark", **SMALL_DATA_CONFIG, "schema": "s",
        "warehouse_dir": str(root / ".datanet" / "spark-warehouse")}}))
    (root / "data" / "people.csv").write_text(PEOPLE)
    (root / "data" / "other.csv").write_text("label\n" + "x\ny\n" * 10)
    (root / "sources" / "raw.yml").write_text(yaml.safe_dump({"sources": [
        {"name": "raw", "tables": [{"name": "people", "path": "data/people.csv"}]},
        {"name": "raw2", "tables": [{"name": "other", "path": "data/other.csv"}]}]}))
    (root / "models" / "n.sql").write_text("select count(*) as n from {{ source('raw', 'people') }}\n")
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(root)], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    (run, _), (profile, _), (mock, out), (again, refused) = found["steps"]
    assert (run, profile, mock) == (0, 0, 0), found["steps"]
    assert "s_mock.raw__people: 6 rows" in out
    assert (found["real"], found["mock"]) == (40, 6)
    assert again == 1 and "refusing to write mock data into s_mock.raw__people" in refused
