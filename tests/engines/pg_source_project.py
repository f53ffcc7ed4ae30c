"""A project whose one source, `crm.accounts`, is a table in the real Postgres at 127.0.0.1,
built into a schema of its own; both schemas (and the target's mock schema) are dropped
afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import yaml

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"


@contextmanager
def pg_source_project(tmp_path: Path, select: str, models: dict[str, str],
                      settings: str = "") -> Iterator[tuple[Path, str]]:
    """(project root, source schema): `select` fills the accounts table, `models` maps model
    names to their SQL, `settings` is appended to datanet.yml."""
    crm, schema = f"crm_{uuid.uuid4().hex[:6]}", f"out_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f'CREATE SCHEMA "{crm}"')
        con.execute(f'CREATE TABLE "{crm}".accounts AS {select}')
    root = tmp_path / "p"
    (root / "models").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "datanet.yml").write_text("name: p\ntarget: pg\n" + settings)
    (root / "targets.yml").write_text(yaml.safe_dump(
        {"pg": {"type": "postgres", "dsn": PG_DSN, "schema": schema}}))
    (root / "sources" / "crm.yml").write_text(yaml.safe_dump(
        {"sources": [{"name": "crm", "tables": [{"name": "accounts",
                                                 "table": f"{crm}.accounts"}]}]}))
    for name, sql in models.items():
        (root / "models" / f"{name}.sql").write_text(sql)
    try:
        yield root, crm
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as con:
            for name in (crm, schema, f"{schema}_mock"):
                con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
