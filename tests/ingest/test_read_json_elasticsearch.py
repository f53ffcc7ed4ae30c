"""An Elasticsearch `_search` response saved as JSON (`{"took": ..., "_shards": ...,
"hits": {"hits": [{"_id": ..., "_source": {...}}]}}`): each hit's `_source` a row, noted
naming the path and what was left out; scroll pages as an array or NDJSON alike; a response
that timed out or whose shards failed refused naming it; near misses read as before. Files
written by the tests, read, and loaded into DuckDB."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

CIGAR = [{"state": 1, "year": 63, "price": 28.6}, {"state": 1, "year": 64, "price": 29.8},
         {"state": 51, "year": 92, "price": 155.1}]
LEFT = ("left out: _shards, hits.hits[]._id, hits.hits[]._index, hits.hits[]._score, "
        "hits.max_score, hits.total, timed_out, took")


def _response(sources: list[dict], timed_out: bool = False, failed: int = 0,
              scroll: str | None = None) -> dict[str, Any]:
    shards: dict[str, Any] = {"total": 2, "successful": 2 - failed, "skipped": 0,
                              "failed": failed}
    if failed:
        shards["failures"] = [{"shard": 1, "reason": {"type": "query_shard_exception"}}]
    response = {"took": 5, "timed_out": timed_out, "_shards": shards, "hits": {
        "total": {"value": len(CIGAR), "relation": "eq"}, "max_score": 1.0,
        "hits": [{"_index": "cigar", "_id": str(n), "_score": 1.0, "_source": s}
                 for n, s in enumerate(sources, 1)]}}
    return {"_scroll_id": scroll, **response} if scroll else response


def _read(path: Path, whole: Any, lines: bool = False):
    path.write_text("".join(json.dumps(p) + "\n" for p in whole) if lines
                    else json.dumps(whole, indent=2))
    return read_source(path, None, {}, {})


def test_a_search_response_is_read_as_its_sources(tmp_path: Path):
    result = _read(tmp_path / "cigar.json", _response(CIGAR))
    assert result.table.to_pylist() == CIGAR
    assert str(result.table.schema.field("year").type) == "int64"
    assert ("cigar.json: an Elasticsearch _search response: read the _source of each hit "
            f"under hits.hits[]._source of the object as 3 rows; {LEFT}") in result.schema_notes


@pytest.mark.parametrize("lines", [False, True])
def test_scroll_pages_as_an_array_or_one_a_line(tmp_path: Path, lines: bool):
    pages = [_response(CIGAR[:2], scroll="s1"), _response(CIGAR[2:], scroll="s1"),
             _response([], scroll="s1")]
    result = _read(tmp_path / "cigar.json", pages, lines)
    assert result.table.to_pylist() == CIGAR
    assert any("in each of 3 pages" in n and "_scroll_id" in n for n in result.schema_notes)


@pytest.mark.parametrize(("whole", "what"), [
    (_response(CIGAR, timed_out=True), r"it timed out \(timed_out: true\)"),
    (_response(CIGAR, failed=1), r'1 of 2 shards failed \(\{"type": "query_shard_exception"\}\)'),
])
def test_partial_results_are_refused_naming_them(tmp_path: Path, whole: dict, what: str):
    with pytest.raises(IngestError, match=r"an Elasticsearch _search response reporting "
                                          r"1 error\(s\) beside its data: " + what):
        _read(tmp_path / "cigar.json", whole)


@pytest.mark.parametrize("whole", [
    {"hits": {"hits": [{"_source": CIGAR[0]}]}, "city": "Oslo"},   # no response keys
    {"took": 5, "hits": {"total": 3, "hits": [{"_source": CIGAR[0]}]}},   # no _shards
    {"took": 5, "_shards": {"total": 1}, "hits": {"hits": [{"_id": "1", "x": 2}]}},  # no _source
])
def test_near_misses_read_as_before(tmp_path: Path, whole: dict):
    result = _read(tmp_path / "other.json", whole)
    assert result.table.num_rows == 1
    assert not any("Elasticsearch" in n for n in result.schema_notes)


def test_a_search_response_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "cigar.json").write_text(json.dumps(_response(CIGAR)))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 3
    assert adapter.fetch("select state, year, price from shop.sales order by year")[1] == [
        (1, 63, 28.6), (1, 64, 29.8), (51, 92, 155.1)]
