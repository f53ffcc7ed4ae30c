"""Header names folded to ASCII, on files written here: letters NFKD leaves whole (Turkish
`ı`, `ø`, `ß`, `þ`, `ł`, `đ`) spelled by their Latin letter, not dropped (`Yıl` was `yl`);
names written apart only by marks (`X̄` and `X̃`, an SPC chart's mean and median) keep the
marks spelled out (`x_bar`, `x_tilde`), not `x` and `x_2`, and the note says so. Near
misses (accents alone, names alike however written, other scripts) are named as before."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_helpers import workbook

from datanet_sql.ingest.reading import read_source

_SPC = "Subgroup,X1,X2,X\u0304,X\u0303,R\n1,1440,1440,1505.0,1520,100\n2,1490,1510,1528.0,1540,95\n"


def test_turkish_letters_in_an_xlsx_header_are_spelled(tmp_path: Path) -> None:
    path = tmp_path / "denetimler.xlsx"
    workbook(path, {"Sayfa1": [["İşletme Adı", "Denetim Puanı", "Yıl", "Şube Sayısı"],
                               ["MCGINLEYS PUB", 94, 2017, 1], ["VILLAGE INN", 86, 2015, 3]]})
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["isletme_adi", "denetim_puani", "yil", "sube_sayisi"]
    assert result.table.column("yil").to_pylist() == [2017, 2015]
    assert result.table.column("isletme_adi").to_pylist() == ["MCGINLEYS PUB", "VILLAGE INN"]
    assert any("'Yıl' -> yil" in n for n in result.schema_notes)


def test_letters_without_a_decomposition_are_spelled_in_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "letters.csv"
    path.write_text("Ørsted (MW),Straße,Þyngd,Łódź,Đồng,Ħamrun,ÆBLE,Æble\n"
                    "1,2,3,4,5,6,7,8\n", encoding="utf-8")
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["orsted_mw", "strasse", "thyngd", "lodz", "dong",
                                         "hamrun", "aeble", "aeble_2"]
    assert result.table.to_pylist() == [{"orsted_mw": 1, "strasse": 2, "thyngd": 3,
                                         "lodz": 4, "dong": 5, "hamrun": 6, "aeble": 7,
                                         "aeble_2": 8}]


def test_names_apart_only_by_marks_keep_them_spelled(tmp_path: Path) -> None:
    path = tmp_path / "xbar_r.csv"
    path.write_text(_SPC, encoding="utf-8")
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["subgroup", "x1", "x2", "x_bar", "x_tilde", "r"]
    assert result.table.column("x_bar").to_pylist() == [1505.0, 1528.0]
    assert result.table.column("x_tilde").to_pylist() == [1520, 1540]
    note = next(n for n in result.schema_notes if n.startswith("columns renamed"))
    assert "'X\u0304' -> x_bar, 'X\u0303' -> x_tilde" in note
    assert "names alike but for their marks" in note and "spelled out" in note


def test_a_plain_name_beside_its_marked_twin_stays_plain(tmp_path: Path) -> None:
    """`y` (observed) beside `ŷ` (precomposed y with circumflex: predicted) and `p̂`."""
    path = tmp_path / "fit.csv"
    path.write_text("y,\u0177,p,p\u0302\n1.0,1.5,0.2,0.25\n", encoding="utf-8")
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["y", "y_hat", "p", "p_hat"]
    assert result.table.to_pylist() == [{"y": 1.0, "y_hat": 1.5, "p": 0.2, "p_hat": 0.25}]


def test_nested_keys_apart_only_by_marks_keep_them_spelled(tmp_path: Path) -> None:
    path = tmp_path / "charts.json"
    path.write_text(json.dumps([{"chart": 1, "stats": {"X\u0304": 1505.0, "X\u0303": 1520}},
                                {"chart": 2, "stats": {"X\u0304": 1528.0, "X\u0303": 1540}}]),
                    encoding="utf-8")
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["chart", "stats__x_bar", "stats__x_tilde"]
    assert result.table.column("stats__x_tilde").to_pylist() == [1520, 1540]


def test_near_misses_are_named_as_before(tmp_path: Path) -> None:
    """Accents are folded away (`Café`, and `X̄ (mm)` with no twin to keep apart from);
    names alike however written are numbered; a Greek name (no Latin letters) is made up;
    Turkish `İ` is `i`."""
    path = tmp_path / "near.csv"
    path.write_text("Café,Temp,temp,X\u0304 (mm),Μήκος,İD\n1,2,3,4.5,5,6\n", encoding="utf-8")
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["cafe", "temp", "temp_2", "x_mm", "column_5", "id"]
    assert result.table.to_pylist() == [{"cafe": 1, "temp": 2, "temp_2": 3, "x_mm": 4.5,
                                         "column_5": 5, "id": 6}]
    assert not any("marks" in n for n in result.schema_notes)
