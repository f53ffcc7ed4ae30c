"""benchmarks/gen_project.py writes valid, deterministic projects of any size."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REF = re.compile(r"\{\{\s*ref\('(\w+)'\)\s*\}\}")
SOURCE = re.compile(r"\{\{\s*source\('(\w+)',\s*'(\w+)'\)\s*\}\}")

spec = importlib.util.spec_from_file_location("gen_project", REPO / "benchmarks" / "gen_project.py")
gen_project = importlib.util.module_from_spec(spec)
sys.modules["gen_project"] = gen_project  # dataclasses look their module up
spec.loader.exec_module(gen_project)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen20")
    gen_project.generate_project(out, 20, seed=3)
    return out


def models_of(root: Path) -> dict[str, Path]:
    return {p.stem: p for p in (root / "models").rglob("*.sql")}


def test_writes_a_complete_project(project: Path) -> None:
    for rel in ("datanet.yml", "targets.yml", "sources/raw.yml", "data/events.csv",
                "data/users.csv", "data/accounts.csv"):
        assert (project / rel).is_file(), rel
    assert len(models_of(project)) == 20
    rows = (project / "data" / "events.csv").read_text().splitlines()
    assert len(rows) == 1001


def test_models_are_20_to_60_lines_and_refs_exist(project: Path) -> None:
    models = models_of(project)
    for name, path in models.items():
        text = path.read_text()
        assert 20 <= len(text.splitlines()) <= 60, name
        for ref in REF.findall(text):
            assert ref in models and ref != name, (name, ref)
        for source, table in SOURCE.findall(text):
            assert (source, table) in {("raw", "events"), ("raw", "users"), ("raw", "accounts")}
    assert any("join" in n for n in models) and any(REF.findall(p.read_text())
                                                    for p in models.values())


def test_same_seed_same_project_other_seed_other_project(tmp_path: Path) -> None:
    texts = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        gen_project.generate_project(tmp_path / name, 12, seed=seed)
        texts.append({n: p.read_text() for n, p in models_of(tmp_path / name).items()})
    assert texts[0] == texts[1] and texts[0] != texts[2]
    assert (tmp_path / "a/data/users.csv").read_bytes() == (tmp_path / "b/data/users.csv").read_bytes()


def test_models_run_on_duckdb_and_grains_are_unique(project: Path, run_by_hand) -> None:
    order = [m.name for m in gen_project.build_models(20, seed=3)]
    readers = {t: f"read_csv_auto('{project / 'data' / t}.csv')" for t in ("events", "users", "accounts")}
    con = run_by_hand(project, order, readers)
    for model in gen_project.build_models(20, seed=3):
        assert con.execute(f"select count(*) from {model.name}").fetchone()[0] > 0, model.name
        cols = [r[0] for r in con.execute(f"describe {model.name}").fetchall()]
        assert cols == [c.name for c in model.cols], model.name
        if model.grain:
            dupes = con.execute(f"select count(*) - count(distinct {model.grain}) "
                                f"from {model.name}").fetchone()[0]
            assert dupes == 0, model.name


def test_compiles_with_datanet(project: Path, datanet) -> None:
    code, output = datanet("compile", "--project-dir", str(project))
    assert code == 0, output
    assert re.search(r"Compiled 20 models", output), output
