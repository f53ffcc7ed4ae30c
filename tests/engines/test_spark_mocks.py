"""`datanet mock` on a Spark target: the mocks go to `<schema>_mock`, the source loaded from its
file keeps its real rows, and a table no mock is known to have written is refused (the commands
run as a user's would, on the worker's one Spark session: Spark keeps one per process)."""

from __future__ import annotations

import uuid
from pathlib import Path

import yaml
from click.testing import CliRunner

from datanet_sql.adapters.spark import SMALL_DATA_CONFIG, SparkAdapter
from datanet_sql.cli.main import cli
from datanet_sql.config.targets import resolve_target

PEOPLE = "id,country\n" + "".join(f"{i},{cc}\n" for i, cc in
                                  enumerate(["US", "DE", "FR", "ES", "IT"] * 8, start=1))


def test_mock_on_spark_goes_to_the_mock_schema_and_refuses_other_tables(
        tmp_path: Path, spark_warehouse: Path) -> None:
    root, schema = tmp_path / "p", f"s_{uuid.uuid4().hex[:8]}"
    for folder in ("data", "models", "sources"):
        (root / folder).mkdir(parents=True)
    (root / "datanet.yml").write_text("name: p\n")
    (root / "targets.yml").write_text(yaml.safe_dump({"spark": {
        "type": "spark", **SMALL_DATA_CONFIG, "schema": schema,
        "warehouse_dir": str(spark_warehouse)}}))
    (root / "data" / "people.csv").write_text(PEOPLE)
    (root / "data" / "other.csv").write_text("label\n" + "x\ny\n" * 10)
    (root / "sources" / "raw.yml").write_text(yaml.safe_dump({"sources": [
        {"name": "raw", "tables": [{"name": "people", "path": "data/people.csv"}]},
        {"name": "raw2", "tables": [{"name": "other", "path": "data/other.csv"}]}]}))
    (root / "models" / "n.sql").write_text("select count(*) as n from {{ source('raw', 'people') }}\n")

    def command(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, [*args, "--target", "spark", "--project-dir", str(root)])
        return result.exit_code, result.output

    (run, _), (profile, _), (mock, out) = command("run"), command("profile"), \
        command("mock", "--rows", "6")
    assert (run, profile, mock) == (0, 0, 0), out
    assert f"{schema}_mock.raw__people: 6 rows" in out
    adapter = SparkAdapter(resolve_target(root, "spark"))
    count = lambda at, name: adapter.fetch_one(f"SELECT count(*) FROM `{at}`.`{name}`")[0]
    assert (count(f"{schema}_raw", "people"), count(f"{schema}_mock", "raw__people")) == (40, 6)
    adapter.execute(f"DROP TABLE `{schema}_mock`.`_datanet_mocks`")  # no mock known to own them
    again, refused = command("mock", "--rows", "6")
    assert again == 1 and f"refusing to write mock data into {schema}_mock.raw__people" in refused
