"""Atomic artifact writes: readers see the old file or the new one, never a torn one; many
writers at once each use their own temporary file; a failed write leaves the old file and no
temporary behind."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from datanet_sql.fs import atomic


def test_write_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "manifest.json"
    atomic.write_text(path, "{}")
    atomic.write_text(path, '{"a": 1}')
    assert path.read_text() == '{"a": 1}'
    assert [p.name for p in path.parent.iterdir()] == ["manifest.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "cache.pickle"
    atomic.write_bytes(path, b"old")
    with pytest.raises(RuntimeError), atomic.replacing(path) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("disk full")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["cache.pickle"]


def test_many_writers_at_once_never_tear_the_file(tmp_path: Path) -> None:
    path = tmp_path / "run_results.json"
    texts = [str(i) * 200_000 for i in range(8)]
    seen: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            if path.exists():
                seen.append(path.read_text()[:1] + str(len(path.read_text())))

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=lambda t=t: [atomic.write_text(path, t)
                                                    for _ in range(20)]) for t in texts]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    stop.set()
    reader.join()
    assert path.read_text() in texts
    assert all(s.endswith("200000") for s in seen)
    assert [p.name for p in tmp_path.iterdir()] == ["run_results.json"]


def test_mode_is_that_of_a_plain_file(tmp_path: Path) -> None:
    plain, replaced = tmp_path / "plain", tmp_path / "replaced"
    plain.write_text("x")
    atomic.write_text(replaced, "x")
    assert replaced.stat().st_mode == plain.stat().st_mode
