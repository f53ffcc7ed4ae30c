"""Read a project file as UTF-8 text, or say which file, line and byte are not UTF-8."""

from __future__ import annotations

from pathlib import Path

from datanet_sql.errors import ConfigError


def read_text(path: Path, display: str | Path | None = None) -> str:
    """The file's text; bytes that are not UTF-8 are a ConfigError naming file, line and byte.

    A file saved in Latin-1 or Windows-1252 (an `é` from a spreadsheet) must not end in a
    UnicodeDecodeError traceback that names neither the file nor the place.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ConfigError(f"byte 0x{data[err.start]:02x} at offset {err.start} (line {line}) "
                          f"is not UTF-8", file=display or path, line=line,
                          hint="save the file as UTF-8 (most editors: 'Save with encoding')"
                          ) from None
