"""A second opinion on a CSV's delimiter and title rows, for files DuckDB's sniffer misreads.

DuckDB's sniffer wants the first rows to agree: a title line above the header plus one
ragged row makes it settle on a single column holding whole lines, which would load
silently wrong. This looks at the first records of a sample the way a person does: for each
common delimiter, the field count most records share; the delimiter whose count is above 1
and shared most wins, and the header is the first record with that count.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

CANDIDATES = (",", ";", "\t", "|")
_SAMPLE_BYTES = 1 << 16
_SAMPLE_RECORDS = 200


def guess_layout(path: Path, quote: str = '"') -> tuple[str, int] | None:
    """(delimiter, lines to skip before the header), or None when no delimiter splits most
    records into more than one field (a one-column file, or not a table at all)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    best: tuple[float, str, int] | None = None
    for delimiter in CANDIDATES:
        if delimiter not in sample:   # every record one field: never the answer, not parsed
            continue
        counts = _field_counts(sample, delimiter, quote)
        if not counts:
            continue
        width, shared = Counter(n for n, _ in counts).most_common(1)[0]
        if width > 1 and (best is None or shared / len(counts) > best[0]):
            skip = next(line for n, line in counts if n == width)
            best = (shared / len(counts), delimiter, skip)
    return (best[1], best[2]) if best else None


def _field_counts(sample: str, delimiter: str, quote: str) -> list[tuple[int, int]]:
    """(fields, physical lines before the record) of the sample's first complete records."""
    reader = csv.reader(io.StringIO(sample), delimiter=delimiter, quotechar=quote or None)
    counts, before = [], 0
    try:
        for record in reader:
            if len(counts) >= _SAMPLE_RECORDS:
                break
            if any(map(str.strip, record)):
                counts.append((len(record), before))
            before = reader.line_num
    except csv.Error:
        pass
    return counts[:-1] if len(counts) > 1 else counts  # the last may be cut by the sample
