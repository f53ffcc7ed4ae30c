"""CSV columns DuckDB's sniffed sample misjudges, on real files written here: text past the
sample, numbers with thousands separators or missing-value words, a trailing delimiter;
read alone and loaded into a DuckDB file (whose fast path must not load them otherwise)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ingest_helpers import load_folder

from datanet_sql.adapters.base import Relation
from datanet_sql.ingest import reading
from datanet_sql.ingest.reading import read_source

SAMPLE_PAST = 30_000   # rows: past DuckDB's sniff sample (20,480 rows)


def late_text(path: Path, value: str = "POA") -> Path:
    """An integer column for SAMPLE_PAST rows, then `value` once."""
    lines = ["id,price"] + [f"{i},{i * 3}" for i in range(1, SAMPLE_PAST + 1)]
    lines.append(f"{SAMPLE_PAST + 1},{value}")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_text_past_the_sniff_sample_keeps_its_rows(tmp_path: Path) -> None:
    result = read_source(late_text(tmp_path / "prices.csv"), None, {}, {})
    assert result.rejects == []
    assert result.table.num_rows == SAMPLE_PAST + 1
    assert str(result.table.schema.field("price").type) == "string"
    assert result.table.column("price").to_pylist()[-2:] == [str(SAMPLE_PAST * 3), "POA"]
    assert any("price" in n and "every row" in n for n in result.schema_notes)


def test_a_declared_column_still_rejects_what_does_not_fit(tmp_path: Path) -> None:
    result = read_source(late_text(tmp_path / "prices.csv"), None, {}, {"price": "integer"})
    assert [(r.record_no, r.reason) for r in result.rejects] == \
        [(str(SAMPLE_PAST + 1), "price: 'POA' is not an integer")]


def test_thousands_separators_in_a_file_with_decimal_points(tmp_path: Path) -> None:
    path = tmp_path / "economy.csv"
    path.write_text('year,rate,people,spent\n1990,4.5,"198,712","1,234.5"\n'
                    '1991,4.7,"1,198,911",999.9\n1992,5.1,850,"12,193.8"\n')
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist()[1] == {"year": 1991, "rate": 4.7, "people": 1198911,
                                           "spent": 999.9}
    assert result.table.column("spent").to_pylist() == [1234.5, 999.9, 12193.8]
    assert any("people: read as integer (thousands separators removed)" in n
               for n in result.schema_notes)


def test_a_comma_that_could_be_a_decimal_comma_stays_text_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "ambiguous.csv"
    path.write_text('id,amount\n1,"2,944"\n2,"3,105"\n')
    result = read_source(path, None, {}, {})
    assert result.table.column("amount").to_pylist() == ["2,944", "3,105"]
    assert any("amount" in n and "thousands: ','" in n for n in result.schema_notes)
    told = read_source(path, None, {"thousands": ","}, {})
    assert told.table.column("amount").to_pylist() == [2944, 3105]


def test_grouped_decimals_in_one_column_show_the_convention_for_another(tmp_path: Path
                                                                        ) -> None:
    """`1,234.56` can only be a comma grouping thousands before a decimal point: the file's
    convention, so the integers `"1,000"` of another column are grouped too, not decimals."""
    path = tmp_path / "orders.csv"
    path.write_text('id,amount,qty\n1,"1,234.56","1,000"\n2,12.50,20\n3,"2,000,001.75","3,500"\n')
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"id": 1, "amount": 1234.56, "qty": 1000}, {"id": 2, "amount": 12.5, "qty": 20},
        {"id": 3, "amount": 2000001.75, "qty": 3500}]
    assert any("qty: read as integer (thousands separators removed)" in n
               for n in result.schema_notes)


def test_missing_value_words_in_numbers_are_null_and_r_na_in_text_too(tmp_path: Path) -> None:
    """The numbers use R's NA for missing and nothing is quoted: a text NA is R's too, noted
    (see test_read_csv_r_missing for the near misses, which keep it)."""
    path = tmp_path / "r_export.csv"
    path.write_text('"Ozone","Solar\nR","country"\n41,190,NA\nNA,NA,FR\n12,#N/A,NA\n')
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["ozone", "solar_r", "country"]
    assert result.table.to_pylist() == [
        {"ozone": 41, "solar_r": 190, "country": None},
        {"ozone": None, "solar_r": None, "country": "FR"},
        {"ozone": 12, "solar_r": None, "country": None}]
    assert any("column country: 2 NA read as missing" in n for n in result.schema_notes)


def test_a_column_with_other_text_is_not_converted(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text('id,count\n1,"1,200"\n2,NA\n3,about 40\n4,3.5\n')
    result = read_source(path, None, {}, {})
    assert result.table.column("count").to_pylist() == ["1,200", "NA", "about 40", "3.5"]


def test_a_trailing_delimiter_adds_no_column(tmp_path: Path) -> None:
    path = tmp_path / "fixed.csv"
    path.write_text("model,mpg,\nMazda RX4,21.0,\nVolvo 142E,21.4,\n")
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"model": "Mazda RX4", "mpg": 21.0},
                                        {"model": "Volvo 142E", "mpg": 21.4}]
    assert not any("column_3" in n for n in result.schema_notes)


def test_a_blank_headed_column_with_values_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("model,mpg,\nMazda RX4,21.0,\nVolvo 142E,21.4,imported\n")
    result = read_source(path, None, {}, {})
    assert result.table.column_names[:2] == ["model", "mpg"]
    assert result.table.column(2).to_pylist() == [None, "imported"]


def test_loading_text_past_the_sample_keeps_every_row(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    late_text(tmp_path / "landing" / "a.csv")
    adapter = load_folder(tmp_path)
    try:
        assert adapter.fetch("select count(*), count(price), max(length(price)) "
                             "from shop.sales")[1] == [(SAMPLE_PAST + 1, SAMPLE_PAST + 1, 5)]
        assert adapter.list_columns(Relation("_rejects", "shop")) is None or \
            adapter.fetch("select count(*) from shop._rejects")[1] == [(0,)]
        assert adapter.fetch("select price from shop.sales where id = 30001")[1] == [("POA",)]
    finally:
        adapter.close()


def test_loading_converted_numbers_and_a_trailing_delimiter(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.csv").write_text(
        'year,rate,people,\n1990,4.5,"198,712",\n1991,NA,"1,198,911",\n')
    adapter = load_folder(tmp_path, "replace")
    try:
        assert adapter.fetch("select * from shop.sales order by year")[1] == \
            [(1990, 4.5, 198712), (1991, None, 1198911)]
    finally:
        adapter.close()


def test_a_declared_integer_rejects_a_decimal_duckdb_would_round(tmp_path: Path) -> None:
    """DuckDB's reader and casts round 12.5 into an integer (13) without a word."""
    path = tmp_path / "orders.csv"
    path.write_text("id,qty,amount\n1,12.5,1.5\n2,7,2.25,EXTRA\n3,8,3.1\n4,x,4\n5,3.0,5.125\n"
                    "6,9\n7,4,7\n")
    result = read_source(path, None, {}, {"qty": "integer", "amount": "decimal(8,2)"})
    assert result.table.to_pylist() == [
        {"id": 3, "qty": 8, "amount": Decimal("3.10")}, {"id": 7, "qty": 4, "amount": Decimal("7.00")}]
    assert [(r.record_no, r.reason) for r in result.rejects] == [
        ("1", "qty: '12.5' is not an integer"), ("2", "4 fields where the header has 3"),
        ("4", "qty: 'x' is not an integer"), ("5", "amount: '5.125' is not a decimal(8,2)"),
        ("6", "2 fields where the header has 3")]


def test_declared_integers_in_one_scan_of_several_files_count_records_per_file(
        tmp_path: Path) -> None:
    paths = [tmp_path / "a.csv", tmp_path / "b.csv"]
    paths[0].write_text("id,qty\n1,2\n2,5,y\n3,2.5\n")
    paths[1].write_text("id,qty\n4,1\n5,oops\n6,0.5\n7,3\n")
    reads = list(reading.read_each(paths, None, {}, {"qty": "integer"}))
    assert [r.table.to_pylist() for r in reads] == [[{"id": 1, "qty": 2}],
                                                    [{"id": 4, "qty": 1}, {"id": 7, "qty": 3}]]
    assert [[(r.record_no, r.reason) for r in read.rejects] for read in reads] == [
        [("2", "3 fields where the header has 2"), ("3", "qty: '2.5' is not an integer")],
        [("2", "qty: 'oops' is not an integer"), ("3", "qty: '0.5' is not an integer")]]


def test_a_declared_integer_of_json_rejects_a_decimal(tmp_path: Path) -> None:
    path = tmp_path / "orders.ndjson"
    path.write_text('{"id": 1, "qty": 12.5}\n{"id": 2, "qty": 7}\n{"id": 3, "qty": 3.0}\n')
    result = read_source(path, None, {}, {"qty": "integer"})
    assert result.table.to_pylist() == [{"id": 2, "qty": 7}, {"id": 3, "qty": 3}]
    assert [(r.record_no, r.reason) for r in result.rejects] == \
        [("1", "qty: 12.5 is not an integer")]


def test_a_decimal_past_the_sniff_sample_is_not_rounded(tmp_path: Path) -> None:
    """DuckDB's reader rounds 12.5 into a column its sample showed integer: the column is
    read again with types from every row, alone and when loaded."""
    result = read_source(late_text(tmp_path / "prices.csv", "12.5"), None, {}, {})
    assert result.rejects == []
    assert result.table.column("price").to_pylist()[-2:] == [SAMPLE_PAST * 3, 12.5]
    (tmp_path / "landing").mkdir()
    late_text(tmp_path / "landing" / "a.csv", "12.5")
    adapter = load_folder(tmp_path)
    try:
        assert adapter.fetch("select price from shop.sales where id = 30001")[1] == [(12.5,)]
        assert adapter.fetch("select typeof(price) from shop.sales limit 1")[1] == \
            [("DOUBLE",)]
    finally:
        adapter.close()


def two_date_formats(path: Path) -> Path:
    """A short file (all of it in DuckDB's sample) whose dates are ISO, then `DD.MM.YYYY`
    after its exporter changed: no one date format fits every row."""
    lines = ["day,visits"] + [f"2024-01-{d:02d},{d * 7}" for d in range(1, 29)]
    lines += [f"{d:02d}.02.2024,{d}" for d in range(1, 29)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_dates_written_two_ways_are_text_not_rejects(tmp_path: Path) -> None:
    result = read_source(two_date_formats(tmp_path / "visits.csv"), None, {}, {})
    assert result.rejects == []
    assert str(result.table.schema.field("day").type) == "string"
    assert result.table.column("day").to_pylist()[27:29] == ["2024-01-28", "01.02.2024"]
    assert result.table.column("visits").to_pylist()[:2] == [7, 14]
    assert any("day" in n and "read as text" in n for n in result.schema_notes)
    declared = read_source(tmp_path / "visits.csv", None, {}, {"day": "date"})
    assert len(declared.rejects) == 28   # a declared type is the user's word: it rejects


def test_loading_dates_written_two_ways_keeps_every_row(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    two_date_formats(tmp_path / "landing" / "a.csv")
    adapter = load_folder(tmp_path)
    try:
        assert adapter.fetch("select count(*), count(day), min(visits) from shop.sales")[1] \
            == [(56, 56, 1)]
        assert adapter.fetch("select day from shop.sales where visits = 196")[1] == \
            [("2024-01-28",)]
        assert adapter.list_columns(Relation("_rejects", "shop")) is None or \
            adapter.fetch("select count(*) from shop._rejects")[1] == [(0,)]
    finally:
        adapter.close()


def concatenated(path: Path) -> Path:
    """Two exports joined with `cat`: the second's header line sits among the rows."""
    part = ["Store,Week,Units,Region"] + [f"{s},{w},{s * w},north"
                                          for s in (1, 2) for w in range(1, 11)]
    path.write_text("\n".join(part + part) + "\n")
    return path


def test_a_header_repeated_among_the_rows_is_left_out(tmp_path: Path) -> None:
    result = read_source(concatenated(tmp_path / "units.csv"), None, {}, {})
    assert result.rejects == []
    assert result.table.num_rows == 40
    assert [str(result.table.schema.field(n).type) for n in ("store", "week", "units")] == \
        ["int64"] * 3
    assert result.table.column("units").to_pylist()[19:21] == [20, 1]
    assert result.table.column("region").to_pylist().count("Region") == 0
    assert any("1 line(s) repeat the header" in n for n in result.schema_notes)


def test_a_value_equal_to_its_header_alone_is_data(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("code,qty\ncode,1\nx,2\n")
    result = read_source(tmp_path / "a.csv", None, {}, {})
    assert result.table.to_pylist() == [{"code": "code", "qty": 1}, {"code": "x", "qty": 2}]


def test_loading_a_file_with_a_repeated_header(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    concatenated(tmp_path / "landing" / "a.csv")
    adapter = load_folder(tmp_path)
    try:
        assert adapter.fetch("select count(*), sum(units), count_if(region = 'Region') "
                             "from shop.sales")[1] == [(40, 330, 0)]
    finally:
        adapter.close()


def nul_padded(path: Path) -> Path:
    """A fixed-width system's export: names padded to 8 bytes with NULs."""
    rows = [("Oslo", 7), ("Bergen", 3), ("Tromsø", 12)]
    lines = ["city,stores"] + [f"{name.ljust(8, chr(0))},{n}" for name, n in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode())
    return path


def test_nul_padding_is_removed_from_text_with_a_note(tmp_path: Path) -> None:
    result = read_source(nul_padded(tmp_path / "stores.csv"), None, {}, {})
    assert result.table.to_pylist() == [{"city": "Oslo", "stores": 7},
                                        {"city": "Bergen", "stores": 3},
                                        {"city": "Tromsø", "stores": 12}]
    assert any("NUL bytes (padding) removed" in n for n in result.schema_notes)


def test_loading_nul_padded_text(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    nul_padded(tmp_path / "landing" / "a.csv")
    adapter = load_folder(tmp_path)
    try:
        assert adapter.fetch("select city from shop.sales order by stores")[1] == \
            [("Bergen",), ("Oslo",), ("Tromsø",)]
    finally:
        adapter.close()


def spelled_notes(result: reading.ReadResult) -> list[str]:
    return [n.split(": ", 1)[1] for n in result.schema_notes if "every value is a number" in n]


def test_numbers_in_an_erp_or_locale_spelling_stay_text_and_are_named(tmp_path: Path) -> None:
    (tmp_path / "ledger.csv").write_text(
        "id;accel;area;stock;balance;label;phone\n"   # phone numbers are not thousands
        "1;0.0;11'506;3\u00a0615;(15.12);A;030 123 456\n"
        "2;1.3-;82;12\u00a0000,5;3.50;B;089 555 000\n"
        "3;2.7-;5'500;40;(1,234.50);7-;040 000 111\n")
    result = read_source(tmp_path / "ledger.csv", None, {}, {})
    assert result.table.to_pylist()[1] == {"id": 2, "accel": "1.3-", "area": "82",
                                           "stock": "12\u00a0000,5", "balance": "3.50",
                                           "label": "B", "phone": "089 555 000"}
    assert spelled_notes(result) == [
        ("column accel: every value is a number, some written with a minus after the number "
         "(SAP and other ERP exports), such as '1.3-': kept as text; cast it in a model, moving "
         "the minus to the front"),
        ("column area: every value is a number, some written with apostrophes between "
         "thousands (Swiss), such as \"11'506\": kept as text; set options: {thousands: \"'\"} "
         "to read it as numbers"),
        ("column stock: every value is a number, some written with spaces or ’ between "
         "thousands, such as '12\\xa0000,5': kept as text; cast it in a model, removing them "
         "(DuckDB's thousands option takes one one-byte character)"),
        ("column balance: every value is a number, some written with accounting negatives in "
         "parentheses, such as '(1,234.50)': kept as text; cast it in a model, turning (x) "
         "into -x")]


def test_the_option_a_spelling_note_names_reads_the_numbers(tmp_path: Path) -> None:
    (tmp_path / "islands.csv").write_text("island;area\nAfrica;11'506\nAsia;16'988\nBali;82\n")
    result = read_source(tmp_path / "islands.csv", None, {"thousands": "'"}, {})
    assert result.table.column("area").to_pylist() == [11506, 16988, 82]
    assert spelled_notes(result) == []


def test_a_spelled_column_with_other_text_past_the_sample_has_no_note(tmp_path: Path) -> None:
    lines = ["id,amount"] + [f"{i},{i}.5-" for i in range(1, 3000)] + ["3000,n/a?"]
    (tmp_path / "late.csv").write_text("\n".join(lines) + "\n")
    result = read_source(tmp_path / "late.csv", None, {}, {})
    assert result.table.column("amount").to_pylist()[-1] == "n/a?"
    assert spelled_notes(result) == []


def test_copy_texts_null_marker_in_a_number_column_is_null(tmp_path: Path) -> None:
    """A Postgres `COPY ... (FORMAT text)` dump writes NULL as `\\N`: in a column of numbers
    it is a missing value like `NA`, not a reason to read the column as text."""
    path = tmp_path / "rubber.tsv"
    path.write_text("name\thard\tloss\nA\t45\t372\nB\t\\N\t206\nC\t71\t175\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("hard").to_pylist() == [45, None, 71]
    assert str(result.table.schema.field("hard").type) == "int64"
    assert f"{path}: column hard: read as integer (1 missing-value word(s) read as NULL: " \
        "'\\\\N')" \
        in result.schema_notes


def test_sas_lone_dots_are_missing_numbers(tmp_path: Path) -> None:
    """A SAS data step's CSV writes every missing number as a lone `.`: the columns are
    numbers with NULL there, each noted with its count, never text nor `.` read as 0."""
    path = tmp_path / "pima.csv"
    path.write_text("id,bp,bmi,type\n1,68,30.2,No\n2,.,25.1,Yes\n3,82,.,No\n4,.,.,No\n")
    result = read_source(path, None, {}, {})
    assert result.rejects == []
    assert result.table.column("bp").to_pylist() == [68, None, 82, None]
    assert str(result.table.schema.field("bp").type) == "int64"
    assert result.table.column("bmi").to_pylist() == [30.2, 25.1, None, None]
    assert f"{path}: column bp: read as integer (2 missing-value word(s) read as NULL: '.')" \
        in result.schema_notes
    assert f"{path}: column bmi: read as double (2 missing-value word(s) read as NULL: '.')" \
        in result.schema_notes


def test_a_dot_in_text_stays_as_written(tmp_path: Path) -> None:
    """A lone `.` is a missing number only in a column of numbers: in text (initials, a
    street `St.`) it stays, and a number such as `.5` or `3.` is a number, not missing."""
    path = tmp_path / "people.csv"
    path.write_text("name,initial,street,share\nAnn,.,Main St.,.5\nBo,B.,.,3.\nCy,C,Elm,.25\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("initial").to_pylist() == [".", "B.", "C"]
    assert result.table.column("street").to_pylist() == ["Main St.", ".", "Elm"]
    assert result.table.column("share").to_pylist() == [0.5, 3.0, 0.25]
    assert not any("missing-value" in n for n in result.schema_notes)
