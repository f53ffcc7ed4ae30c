"""Write the docs site: target/index.html, its code docs.js, its data datanet_docs.js (and the
compiled SQL apart, datanet_docs_sql.js, loaded after the first page is drawn) and
target/catalog.json.

The site lives in `target/`, where dbt users look for `dbt docs generate`'s output. The data is
a script (`window.DATANET_DOCS = {...}`) rather than a .json file: a page opened from disk
(file://) may not fetch a JSON file, but it may load a script, so the site works both from
`datanet docs serve` and by double-clicking index.html, with no network.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from datanet_sql.artifacts.ids import TARGET_DIR
from datanet_sql.docs.catalog import write_catalog
from datanet_sql.docs.data import compiled_sql, docs_data
from datanet_sql.docs.history import read_history
from datanet_sql.fs import atomic
from datanet_sql.observe.state import StateStore
from datanet_sql.observe.status import history_status
from datanet_sql.project.manifest import Manifest

PAGE = Path(__file__).parent / "page"
DATA_FILE, SQL_FILE = "datanet_docs.js", "datanet_docs_sql.js"
VARIABLES = {DATA_FILE: "DATANET_DOCS", SQL_FILE: "DATANET_SQL"}


def generate_site(manifest: Manifest, project_root: Path, state_dir: Path,
                  invocation_id: str, target: str) -> Path:
    """Write the files; returns the folder (target/). `target` names the history the
    charts plot (observe.history.history_target of the compile context)."""
    out = project_root / TARGET_DIR
    out.mkdir(parents=True, exist_ok=True)
    data = docs_data(manifest, read_history(state_dir / "state.db", target),
                     _status(state_dir))
    _write_script(out / DATA_FILE, data)
    _write_script(out / SQL_FILE, compiled_sql(manifest))
    for page in PAGE.iterdir():  # index.html and docs.js
        shutil.copyfile(page, out / page.name)
    write_catalog(manifest, project_root, invocation_id)
    return out


def _write_script(path: Path, data: dict[str, Any]) -> None:
    """`window.<VARIABLE> = {...};`, with `</` escaped: a description holding "</script>"
    cannot end the script early."""
    text = json.dumps(data, separators=(",", ":"), default=str).replace("</", "<\\/")
    atomic.write_text(path, f"window.{VARIABLES[path.name]} = {text};\n")


def _status(state_dir: Path) -> dict[str, Any]:
    """`datanet status`'s data for the front page; empty for a project never run or a
    state.db missing a table (the site is still made)."""
    if not (state_dir / "state.db").is_file():
        return {"targets": []}
    try:
        return history_status(StateStore(state_dir / "state.db"), ".datanet/state.db")
    except sqlite3.DatabaseError:
        return {"targets": []}


def read_data(folder: Path, name: str = DATA_FILE) -> dict:
    """The data a generated site holds (for tests and tools); `name`: SQL_FILE for the SQL."""
    text = (folder / name).read_text()
    return json.loads(text.split(" = ", 1)[1].rstrip().rstrip(";"))
