"""Django's `dumpdata` fixture (`[{"model": "awards.oscar", "pk": 1, "fields": {...}}]`, or
one a line with `--format jsonl`): read as the model's fields under their own names, `pk`
beside them, `model` left out and named; `--natural-primary` (no pk) alike; several models
and a field named pk refused; near misses (a `model` that is no app label, another key
beside the three) read as before. Files written by the tests, read, and loaded into
DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

OSCARS = [{"oscar_yr": 1929, "name": "Janet Gaynor", "movie": "7th Heaven", "age": 22,
           "nominees": [3, 4]},
          {"oscar_yr": 1930, "name": "Mary Pickford", "movie": "Coquette", "age": 37,
           "nominees": []}]


def _fixture(model: str = "awards.oscar", keyed: bool = True) -> list[dict]:
    return [{"model": model, **({"pk": i} if keyed else {}), "fields": dict(f)}
            for i, f in enumerate(OSCARS, start=1)]


def _read(path: Path, records: list[dict]):
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
    else:
        path.write_text(json.dumps(records, indent=2) + "\n")
    return read_source(path, "json" if path.suffix == ".json" else "ndjson", {}, {})


@pytest.mark.parametrize("name", ["oscars.json", "oscars.jsonl"])
def test_a_fixture_is_read_as_its_fields_beside_the_pk(tmp_path: Path, name: str):
    result = _read(tmp_path / name, _fixture())
    assert result.table.column_names == ["pk", "oscar_yr", "name", "movie", "age",
                                         "_record_no"]   # (the child table's link)
    assert result.table.drop_columns("_record_no").to_pylist() == [
        {"pk": 1, "oscar_yr": 1929, "name": "Janet Gaynor", "movie": "7th Heaven", "age": 22},
        {"pk": 2, "oscar_yr": 1930, "name": "Mary Pickford", "movie": "Coquette", "age": 37}]
    assert result.children["nominees"].num_rows == 2   # a many-to-many field's keys
    assert result.schema_notes[0] == (
        f"{name}: a Django fixture (manage.py dumpdata) of model awards.oscar: read each "
        f"record's fields under their own names, its primary key in column pk, as 2 rows; "
        f"left out: model")


def test_a_fixture_of_natural_keys_has_no_pk(tmp_path: Path):
    result = _read(tmp_path / "natural.json", _fixture(keyed=False))
    assert result.table.column_names == ["oscar_yr", "name", "movie", "age", "_record_no"]
    assert "no pk (natural keys), as 2 rows" in result.schema_notes[0]


def test_a_fixture_of_several_models_is_refused(tmp_path: Path):
    records = _fixture() + [{"model": "awards.movie", "pk": 1, "fields": {"title": "7th"}}]
    with pytest.raises(IngestError, match=r"(?s)app\.json.*a Django fixture \(manage\.py "
                                          r"dumpdata\) of 2 models: awards\.oscar \(2\), "
                                          r"awards\.movie \(1\).*dumpdata app_label\."):
        _read(tmp_path / "app.json", records)


def test_a_field_named_pk_is_refused(tmp_path: Path):
    records = _fixture()
    records[0]["fields"]["pk"] = 9
    with pytest.raises(IngestError, match=r"(?s)pk\.json.*one named pk beside the record's "
                                          r"pk"):
        _read(tmp_path / "pk.json", records)


@pytest.mark.parametrize("records", [
    _fixture(model="Ford Focus"),                                      # no app label
    [{**r, "id": 7} for r in _fixture()],                              # a fourth key
])
def test_near_misses_are_read_as_before(tmp_path: Path, records: list[dict]):
    result = _read(tmp_path / "near.json", records)
    assert "fields__name" in result.table.column_names
    assert not any("Django" in n for n in result.schema_notes)


def test_a_fixture_in_ndjson_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "oscars.ndjson").write_text(
        "".join(json.dumps(r) + "\n" for r in _fixture()))
    adapter, result = load_landing(tmp_path, pattern="*.ndjson")
    assert result.rows == 2
    assert adapter.fetch("select pk, name, age from shop.sales order by pk")[1] == [
        (1, "Janet Gaynor", 22), (2, "Mary Pickford", 37)]
