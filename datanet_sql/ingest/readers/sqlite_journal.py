"""A SQLite file an app left with a hot rollback journal: read as last committed, from a copy.

An app that crashes (or loses power) mid-transaction leaves its database with the pages
it had changed already written (SQLite spills them from a small cache before commit) and
their originals in the rollback journal beside it (`app.db-journal`): a hot journal. SQLite
rolls it back on the next open that may write, so every reader sees the last committed
state. datanet opens a source read-only (it must never change the user's file), so SQLite
refused it: `attempt to write a readonly database`, a crash. Read without the journal, the
half-written transaction's pages would be a silently wrong table, or a corrupt one.

So when SQLite says its journal must be rolled back (SQLITE_READONLY_ROLLBACK; it judges
what is hot: a journal left by an app still inside its transaction is not, and is read
past as committed), the database and its journal are copied to a temporary folder of
their own, the copy is opened (SQLite rolls the journal back there) and read, and the
copy is removed after the read; a note names the journal. The source file and its
journal stay as they were, for the app to roll back itself on its next start.
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from datanet_sql.errors import IngestError

if TYPE_CHECKING:
    import sqlite3

_READONLY_ROLLBACK = 776  # SQLITE_READONLY_ROLLBACK: a hot journal a read-only open can't undo
_JOURNAL = "-journal"


def connect(stack: ExitStack, location: str) -> tuple[sqlite3.Connection, list[str]]:
    """The database opened read-only, or its copy with a hot journal rolled back (see the
    module docstring), closed (and the copy removed) when `stack` closes; and the notes."""
    import sqlite3

    path = Path(location).resolve()
    db = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    stack.callback(db.close)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db, []
    except sqlite3.OperationalError as error:
        if getattr(error, "sqlite_errorcode", None) != _READONLY_ROLLBACK:
            raise
    db.close()
    journal = path.with_name(path.name + _JOURNAL)
    copy = Path(tempfile.mkdtemp(prefix="datanet-sqlite-")) / path.name
    stack.callback(shutil.rmtree, copy.parent, ignore_errors=True)
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(journal, copy.with_name(journal.name))
        db = sqlite3.connect(copy)
        stack.callback(db.close)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()   # rolls the journal back
    except (OSError, sqlite3.Error) as error:
        raise IngestError(
            f"the database has a hot journal {journal.name} (an app stopped mid-transaction), "
            f"and rolling it back in a copy failed: {error}", file=location,
            hint="let the app (or the sqlite3 shell) open the database once: SQLite rolls "
                 "the journal back; datanet never writes to a source") from None
    note = f"the database has a hot journal {journal.name} (an app stopped mid-transaction, " \
        f"its changes half written): read as last committed, from a copy with the journal " \
        f"rolled back, as SQLite does on the next open; {path.name} and its journal are " \
        f"left as they were"
    return db, [note]
