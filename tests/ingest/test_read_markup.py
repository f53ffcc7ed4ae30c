"""An HTML or XML document where a table was expected (`readers.markup`): a portal's sign-in
page saved as `exam.csv` (its lines were loaded as rows of one text column), an error page
as `.json` (no row, a note), a web app's HTML table "Export to Excel", an XML feed: refused
naming what the file is. Files that only look a bit like markup read as before."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from ingest_helpers import local_or_pg_place

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

SIGN_IN = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<title>Sign in - Schools Data Portal</title></head>\n<body>\n"
           "<form method=\"post\" action=\"/login\">\n<h1>Sign in</h1>\n"
           "<p>You need to sign in to download exam_scores_2026.csv</p>\n"
           "<input type=\"email\" name=\"email\">\n<button type=\"submit\">Next</button>\n"
           "</form>\n</body></html>\n")
ERROR_PAGE = ("\n  <!-- generated -->\n<HTML>\n<HEAD><TITLE>502 Bad\n Gateway &amp; more"
              "</TITLE></HEAD>\n<BODY><H1>502 Bad Gateway</H1></BODY></HTML>\n")
XHTML = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD "
         "XHTML 1.0 Strict//EN\" \"x\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>"
         "<title>Session expired</title></head><body><p>Log in again</p></body></html>\n")
HTML_TABLE = ("<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><meta "
              "http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>\n"
              "<table border=1>\n<tr><th>consumers</th><th>acres</th></tr>\n"
              "<tr><td>1</td><td>1.71</td></tr>\n</table></body></html>\n")
PAGE_HINT = ("download the export again (signed in, or from the tool's own export), and "
             "check that the file opens as a table")


def refusal(path: Path, fmt: str | None = None) -> IngestError:
    with pytest.raises(IngestError) as raised:
        read_source(path, fmt, {}, {})
    assert raised.value.file == str(path)
    return raised.value


@pytest.mark.parametrize(("text", "title", "name"), [
    (SIGN_IN, "Sign in - Schools Data Portal", "exam.csv"),
    (SIGN_IN, "Sign in - Schools Data Portal", "exam.json"),
    (SIGN_IN, "Sign in - Schools Data Portal", "exam.tsv"),
    (ERROR_PAGE, "502 Bad Gateway & more", "rates.csv"),   # comment, capitals, entity
    (XHTML, "Session expired", "scores.ndjson"),
])
def test_a_page_sent_in_place_of_the_export_is_refused_quoting_its_title(
        tmp_path: Path, text: str, title: str, name: str) -> None:
    (tmp_path / name).write_text(text)
    error = refusal(tmp_path / name)
    fmt = name.split(".")[1]
    assert error.message == (f"the file is an HTML page titled '{title}', not {fmt} data: the "
                             "export likely failed, and a sign-in or error page was saved in "
                             "its place")
    assert error.hint == PAGE_HINT


def test_a_page_without_a_title_or_in_utf16_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("<html><body>Access denied</body></html>")
    assert refusal(tmp_path / "a.csv").message.startswith(
        "the file is an HTML page, not csv data: the export likely failed")
    (tmp_path / "b.csv").write_bytes(SIGN_IN.encode("utf-16"))
    assert "titled 'Sign in - Schools Data Portal'" in refusal(tmp_path / "b.csv").message


@pytest.mark.parametrize(("name", "fmt", "expected"), [
    ("sahlins.csv", None, "csv data"), ("sahlins.xls", "xlsx", "an .xlsx workbook"),
    ("sahlins.xlsx", None, "an .xlsx workbook")])
def test_an_html_table_is_refused_saying_to_save_it_from_excel(
        tmp_path: Path, name: str, fmt: str | None, expected: str) -> None:
    (tmp_path / name).write_text(HTML_TABLE)
    error = refusal(tmp_path / name, fmt)
    assert error.message == (f"the file is an HTML document holding a table, not {expected} "
                             "(a web application's \"Export to Excel\" writes one); datanet "
                             "reads no HTML")
    assert error.hint.startswith("open it in Excel and save it as CSV")


@pytest.mark.parametrize(("text", "root"), [
    ("<?xml version=\"1.0\"?>\n<rows>\n<row><a>1</a></row>\n</rows>\n", "rows"),
    ("\ufeff<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry/>\n</feed>\n", "feed"),
    ("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", "Error"),
])
def test_an_xml_document_is_refused_naming_its_root(tmp_path: Path, text: str,
                                                    root: str) -> None:
    (tmp_path / "data.csv").write_text(text)
    error = refusal(tmp_path / "data.csv")
    assert error.message == (f"the file is an XML document (root element <{root}>), not csv "
                             "data; datanet reads no XML")
    assert "the server may have sent an error document" in error.hint


def test_a_page_among_deliveries_is_refused_on_load(tmp_path: Path) -> None:
    """Loaded into DuckDB (whose own CSV scan reads plain files): the page is read on its
    own and refused, naming it; the delivery before it is loaded."""
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.csv").write_text("student,score\n1,30.5\n2,12\n")
    (landing / "b.csv").write_text(SIGN_IN)
    with local_or_pg_place("duckdb", tmp_path, "pgsource_wh") as place:
        table = f"t_{uuid.uuid4().hex[:8]}"
        with pytest.raises(IngestError) as raised:
            load(place.adapter, place.job(tmp_path, table, "incremental_files"), reading)
        assert raised.value.file == str(landing / "b.csv")
        assert "HTML page titled 'Sign in - Schools Data Portal'" in raised.value.message
        assert place.rows(table, "student, score") == [(1, 30.5), (2, 12.0)]


@pytest.mark.parametrize(("text", "rows"), [
    ("<18,18-64,>64\n3,40,12\n", [{"18": 3, "18_64": 40, "64": 12}]),
    ("<id>,<name>\n1,<b>Ann</b>\n", [{"id": 1, "name": "<b>Ann</b>"}]),
    ("id,comment\n1,<html>not a page</html>\n", [{"id": 1, "comment": "<html>not a page</html>"}]),
    ("<title>\nExam\n", [{"title": "Exam"}]),
])
def test_text_with_markup_in_it_reads_as_before(tmp_path: Path, text: str,
                                                rows: list[dict]) -> None:
    (tmp_path / "a.csv").write_text(text)
    assert read_source(tmp_path / "a.csv", None, {}, {}).table.to_pylist() == rows


def test_json_holding_markup_reads_as_before(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('[{"id": 1, "body": "<html><title>x</title></html>"}]')
    assert read_source(tmp_path / "a.json", None, {}, {}).table.to_pylist() == [
        {"id": 1, "body": "<html><title>x</title></html>"}]
