"""What a command imports is part of its time: a later `datanet run` of an unchanged project
(the CI case, issue 17) must not load modules only other work needs. Each name below was
once imported by every run; the list keeps them from creeping back."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from observe.helpers import shop

# module -> why a later run does not need it
NOT_NEEDED = {
    "rich": "the summary goes to a pipe as plain lines",
    "sqlglot.generators.snowflake": "the project runs on DuckDB (keywords read on first use)",
    "sqlglot.parsers.postgres": "the project runs on DuckDB",
    "datanet_sql.heal.fingerprint": "the sources' files did not change: fingerprints are cached",
    "datanet_sql.generate.cleanse": "no declarative model; `generate.sqlfn` alone is used",
    "datanet_sql.heal.diff": "the contract file already holds the source's fingerprint",
    "numpy": "the semantic classifier is not asked (its answers are cached)",
    "jinja2": "the models' renders are cached",
}


def imported_by(root: Path, *command: str) -> set[str]:
    """Every module `datanet COMMAND` imports, from `python -X importtime` (the CLI ends with
    `os._exit`, so the modules are read from its report, not from sys.modules)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "datanet_sql", *command,
                           "--project-dir", str(root)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return set(re.findall(r"^import time:.*\|\s*([\w.]+)$", done.stderr, re.MULTILINE))


def test_a_later_run_and_a_compile_after_one_edit_import_only_what_they_use(
        tmp_path: Path) -> None:
    root = shop(tmp_path / "p")
    # the first run samples the source and records its contract, the second checks models
    # against that contract for the first time; both are cached from then on
    for _ in range(2):
        assert "datanet_sql.run.executor" in imported_by(root, "run")
    imported = imported_by(root, "run")
    assert "duckdb" in imported and "datanet_sql.observe.history" in imported
    assert {name: why for name, why in NOT_NEEDED.items() if name in imported} == {}

    model = root / "models" / "orders.sql"  # read from a source with a contract: healing
    model.write_text(model.read_text() + "\n-- edited\n")  # plans it again, rewriting nothing
    imported = imported_by(root, "compile")
    assert "datanet_sql.heal.plan" in imported
    compile_needs = {"jinja2", "datanet_sql.heal.diff"}  # its Jinja rendered, healing planned
    assert {name: why for name, why in NOT_NEEDED.items()
            if name in imported and name not in compile_needs} == {}


def test_ingest_imports_neither_the_model_passes_nor_the_runner(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "datanet.yml").write_text("name: p\n")
    (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (tmp_path / "sources" / "s.yml").write_text(
        "sources:\n  - name: s\n    tables:\n      - name: e\n        path: landing/e.ndjson\n"
        "        load: {mode: append}\n")
    (tmp_path / "landing" / "e.ndjson").write_text('{"id": 1, "tags": [{"t": "a"}]}\n')
    imported = imported_by(tmp_path, "ingest")
    assert "datanet_sql.ingest.loader" in imported
    assert {"datanet_sql.compile.passes.render", "datanet_sql.compile.passes.annotate",
            "datanet_sql.compile.passes.emit", "datanet_sql.run.executor",
            "datanet_sql.semantics.classifier", "jinja2"} & imported == set()
    # a UTF-8 NDJSON load without reader notes: no CSV dialect, contract, legacy encoding, git
    assert {"datanet_sql.ingest.readers.csv_dialect", "datanet_sql.heal.contract",
            "datanet_sql.ingest.readers.legacy", "subprocess"} & imported == set()
