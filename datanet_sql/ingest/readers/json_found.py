"""Where one page of an API's answer holds its records, as each reader of a wrapped shape
(`json_wrapped`: envelopes, GraphQL, Elasticsearch, JSON:API; `json_report`: analytics
reports) tells it: one answer, so that `json_wrapped` reads a file of such pages, checks
they are of one shape and writes one note, whichever reader found them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Found:
    """Where a page holds its records (`what`, for the note and to tell pages of one
    shape), the records, what it holds beside them (left out) and the errors it reports;
    `said` what the page says of its rows that a user should know (a sampled report),
    `total` how many rows it says the whole answer has, when it says so (a page of a
    report may hold fewer), and `declared` the columns it names apart from its rows, with
    their DuckDB types (a report's headers), which an answer without rows still has."""

    what: str
    rows: list[dict[str, Any]]
    left: list[str]
    errors: list[str]
    kind: str = "an API's answer"   # what reports the errors, as the refusal names it
    said: tuple[str, ...] = field(default=())
    total: int | None = None
    declared: dict[str, str] = field(default_factory=dict)
