"""Parquet integers packed as NetCDF packs them (CF `scale_factor`, `add_offset`,
`_FillValue` in the field's metadata, as xarray keeps a variable's attributes): read
unpacked as doubles (7.0, not 70), fills NULL, noted; a float column carrying the
attributes read as it is, noted; plain integers, and integers with other metadata, as they
were; metadata that is no number, and a column packed in some files only, refused naming
the file and the column. A view over the files reads them alike, and is refused where
they pack the column otherwise. On files pyarrow writes here."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.parquet import in_place
from datanet_sql.ingest.reading import read_source

INT16 = pa.int16()


def climate(path: Path, dewpt: dict[str, str] | None, kind: pa.DataType = INT16,
            values: list[int] | None = None) -> Path:
    """Monthly means: `maxtemp` a plain int64 with a `units` attribute, `dewpt` of `kind`
    with the metadata given."""
    pq.write_table(pa.table([
        pa.array([28, 27, 25], pa.int64()), pa.array(values or [70, -32767, 171], kind)],
        schema=pa.schema([pa.field("maxtemp", pa.int64(), metadata={"units": "degC"}),
                          pa.field("dewpt", kind, metadata=dewpt)])), path)
    return path


def test_packed_integers_are_read_unpacked(tmp_path: Path) -> None:
    path = climate(tmp_path / "dew.parquet", {"scale_factor": "0.1", "add_offset": "0.0",
                                              "_FillValue": "-32767", "units": "degC"})
    result = read_source(path, "parquet", {}, {})
    assert result.table.schema.field("dewpt").type == pa.float64()
    assert result.table.column("dewpt").to_pylist() == [7.0, None, 17.1]
    assert result.table.column("maxtemp").to_pylist() == [28, 27, 25]
    assert ("column dewpt: packed integers in the file (CF conventions: scale_factor 0.1, "
            "add_offset 0.0, _FillValue -32767 as NULL): read unpacked as DOUBLE, "
            "x * scale_factor + add_offset") in result.schema_notes
    assert not any("maxtemp" in n for n in result.schema_notes)


def test_each_file_is_unpacked_by_its_own_attributes(tmp_path: Path) -> None:
    climate(tmp_path / "k-1.parquet", {"scale_factor": "0.01", "add_offset": "273.15"},
            pa.int32(), [0, 100, -27315])
    climate(tmp_path / "k-2.parquet", {"add_offset": "-10"}, pa.int16(), [0, 5, 30])
    result = read_source(tmp_path / "k-*.parquet", "parquet", {}, {})
    assert result.table.column("dewpt").to_pylist() == [273.15, 274.15, 0.0, -10.0, -5.0, 20.0]


def test_plain_integers_are_read_as_they_were(tmp_path: Path) -> None:
    result = read_source(climate(tmp_path / "dew.parquet", {"units": "degC"}), "parquet",
                         {}, {})
    assert result.table.column("dewpt").to_pylist() == [70, -32767, 171]
    assert not any("dewpt" in n for n in result.schema_notes)


def test_floats_with_the_attributes_are_read_as_they_are_noted(tmp_path: Path) -> None:
    path = climate(tmp_path / "dew.parquet", {"scale_factor": "0.1"}, pa.float64(),
                   [7.0, 10.0, 17.1])
    result = read_source(path, "parquet", {}, {})
    assert result.table.column("dewpt").to_pylist() == [7.0, 10.0, 17.1]
    assert ("column dewpt: scale_factor/add_offset in the field's metadata but the values "
            "are not integers: read as they are (unpack it in a model if the converter did "
            "not)") in result.schema_notes


def test_attributes_that_are_no_number_are_refused(tmp_path: Path) -> None:
    path = climate(tmp_path / "dew.parquet", {"scale_factor": "tenths"})
    with pytest.raises(IngestError, match=r"dew\.parquet.*column dewpt: scale_factor/"
                       r"add_offset/_FillValue in the field's metadata is not a number "
                       r"\(scale_factor tenths\)"):
        read_source(path, "parquet", {}, {})


def test_a_column_packed_in_some_files_only_is_refused(tmp_path: Path) -> None:
    climate(tmp_path / "d-1.parquet", {"scale_factor": "0.1"})
    climate(tmp_path / "d-2.parquet", None)
    with pytest.raises(IngestError, match=r"column dewpt: packed \(scale_factor/add_offset "
                       r"in the field's metadata\) in d-1\.parquet but not in d-2\.parquet"):
        read_source(tmp_path / "d-*.parquet", "parquet", {}, {})


def test_a_view_over_packed_files_reads_them_unpacked(tmp_path: Path) -> None:
    packing = {"scale_factor": "0.1", "_FillValue": "-32767"}
    climate(tmp_path / "dew-1.parquet", packing)
    climate(tmp_path / "dew-2.parquet", packing)
    query = in_place(str(tmp_path / "dew-*.parquet")).sql("duckdb")
    with duckdb.connect() as con:
        assert con.execute(f"SELECT maxtemp, dewpt FROM ({query})").fetchall() == \
            [(28, 7.0), (27, None), (25, 17.1)] * 2


def test_a_view_over_files_packed_otherwise_is_refused(tmp_path: Path) -> None:
    climate(tmp_path / "dew-1.parquet", {"scale_factor": "0.1"})
    climate(tmp_path / "dew-2.parquet", {"scale_factor": "0.01"})
    with pytest.raises(IngestError, match=r"column dewpt: stored otherwise from file to file"):
        in_place(str(tmp_path / "dew-*.parquet"))
