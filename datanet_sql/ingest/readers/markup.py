"""Files that are an HTML or XML document where a table was expected: told by their head.

A portal's export link fetched without a session, or an API at fault, sends a page instead
of the file: a sign-in form or an error page (`<!DOCTYPE html>...<title>Sign in - ...`)
saved as `exam.csv`. Read as CSV, its lines became rows of one text column named after the
markup, loaded without a word; as JSON, no row at all. A web application's "Export to
Excel" writes an HTML table that Excel opens (with a warning); read as CSV it was markup too.
datanet reads neither HTML nor XML, so such a file is refused, naming what it is: an HTML
page quoting its `<title>` (the export likely failed), an HTML table (save it as CSV from
Excel), or an XML document naming its root element.

Only the file's head is looked at, the first `_HEAD` bytes. A document begins with
`<!DOCTYPE html`, `<html`, an XML declaration `<?xml`, or an element alone on its line
(`<rows>`, `<feed xmlns="...">`) closed within the head: a CSV header `<18,18-64,>64` or
`<id>,<name>`, and markup inside a CSV's values (`<b>bold</b>`), are not documents.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from datanet_sql.errors import IngestError

_HEAD = 8192
_LEADING = re.compile(r"(?:\s|<!--.*?-->)*", re.DOTALL)   # blanks and comments before it
_DECLARATION = re.compile(r"<\?xml[\s?]", re.IGNORECASE)
_HTML = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_ELEMENT = re.compile(r"<([A-Za-z_][\w:.-]*)(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*"
                      r"\s*/?>[ \t]*(?:\r?\n|<|$)")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TABLE = re.compile(r"<table[\s>]", re.IGNORECASE)


def found(path: Path) -> bool:
    """Whether the file is an HTML or XML document (see the module docstring)."""
    return _document(path)[0] is not None


def refuse_markup(path: Path, fmt: str) -> None:
    """Refuse a file the `fmt` reader would misread as rows: an HTML or XML document."""
    kind, head, start = _document(path)
    if kind == "html":
        _refuse_html(path, fmt, head)
    if kind == "xml":
        _refuse_xml(path, fmt, start)


def _document(path: Path) -> tuple[str | None, str, str]:
    """What the file's head is, `html`, `xml` or None (neither), the head and where its
    document begins (past blanks, comments and an XML declaration)."""
    with open(path, "rb") as handle:
        head = _text(handle.read(_HEAD))
    start = head[_LEADING.match(head).end():]
    if _DECLARATION.match(start):      # XHTML is HTML; its doctype follows the declaration
        rest = start[start.find("?>") + 2:] if "?>" in start else ""
        rest = rest[_LEADING.match(rest).end():]
        return ("html" if _HTML.match(rest) else "xml"), head, rest
    if _HTML.match(start):
        return "html", head, start
    if _ELEMENT.match(start) and re.search(r"</|/>", start):
        return "xml", head, start
    return None, head, start


def _expected(fmt: str) -> str:
    """What the source was to be: `csv data`, `an .xlsx workbook`."""
    return "an .xlsx workbook" if fmt == "xlsx" else f"{fmt} data"


def _refuse_html(path: Path, fmt: str, head: str) -> None:
    """Refuse an HTML document: a page (quoting its title) or a table an app exported."""
    title = _TITLE.search(head)
    titled = f" titled '{' '.join(html.unescape(title.group(1)).split())}'" if title else ""
    if _TABLE.search(head):
        raise IngestError(f"the file is an HTML document holding a table{titled}, not "
                          f"{_expected(fmt)} (a web application's \"Export to Excel\" writes "
                          f"one); datanet reads no HTML", file=str(path),
                          hint="open it in Excel and save it as CSV (or Excel Workbook "
                               ".xlsx), then point the source's path at that file")
    raise IngestError(f"the file is an HTML page{titled}, not {_expected(fmt)}: the export "
                      f"likely failed, and a sign-in or error page was saved in its place",
                      file=str(path),
                      hint="download the export again (signed in, or from the tool's own "
                           "export), and check that the file opens as a table")


def _refuse_xml(path: Path, fmt: str, start: str) -> None:
    """Refuse an XML document, naming its root element."""
    root = _ELEMENT.match(start)
    named = f" (root element <{root.group(1)}>)" if root else ""
    raise IngestError(f"the file is an XML document{named}, not {_expected(fmt)}; datanet "
                      f"reads no XML", file=str(path),
                      hint="export the data as CSV or JSON; if an export was expected, the "
                           "server may have sent an error document in its place")


def _text(head: bytes) -> str:
    """The head as text: UTF-16 where its byte-order mark says so, else UTF-8 (what is not
    UTF-8 replaced: only markup is looked for)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
