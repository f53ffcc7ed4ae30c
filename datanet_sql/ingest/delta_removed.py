"""Files a load took from a Delta Lake table that a later commit of its log removed.

Under the incremental modes each current file of a Delta table (`adapters/delta_log`) loads
once. An UPDATE, DELETE, MERGE or OPTIMIZE rewrites whole files: its commit removes part-A
and adds part-A2 holding the rows kept and changed. Loading part-A2 alone keeps part-A's
old rows beside the new ones (and a file only removed keeps all of its rows): a silently
wrong table. So the ledger's files whose table's log no longer lists them are followed, per
mode:

- `incremental_files`: their rows (each row names its file), rejects and ledger rows are
  withdrawn in the transaction of the table's first batch (alone when nothing new came),
  and a note names them and the commit; a rerun finds them gone from the ledger.
- `append`: rows are never deleted, so the table is refused before anything of it loads,
  naming the table folder, the files and the commit, and what to do.
- `merge`: a rewritten file's rows merge over the old ones by key, but a row of a removed
  file whose key no current file holds stays (merge never deletes): a warning says so,
  once (a ledger row with 0 rows and the reason records that it was given).
- `replace` reads the current files only: nothing to follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlglot import exp

from datanet_sql.adapters import delta_log
from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest import ledger
from datanet_sql.ingest.batch_commit import ledger_relation, withdraw
from datanet_sql.ingest.evolve import refresh_command
from datanet_sql.ingest.file_names import stored

if TYPE_CHECKING:
    from datanet_sql.ingest.loader import LoadJob, LoadResult

TOLD = "removed from its Delta table by"  # a merge's ledger reason: the warning was given


@dataclass(frozen=True)
class Removed:
    """Files of the table's ledger (absolute paths, as the loader lists files) that their
    Delta table's log removed, each with its table folder and the commit that removed it
    (as messages name it)."""

    files: dict[str, tuple[Path, str]]

    def __bool__(self) -> bool:
        return bool(self.files)

    def without(self, entries: Sequence[ledger.Entry]) -> list[ledger.Entry]:
        """`entries` but the removed files' (their content is no longer the table's: a
        new file with the same bytes is no re-send of theirs)."""
        return [e for e in entries if e.file not in self.files]

    def apply(self, adapter: Adapter, job: LoadJob, result: LoadResult) -> None:
        """Inside the caller's transaction: under incremental_files the files' rows
        withdrawn, noted; under merge the warning given and recorded in the ledger."""
        if job.mode == "incremental_files":
            withdraw(adapter, job, tuple(self.files))
            result.notes.append(f"withdrew the rows of file(s) their Delta log removed: "
                                f"{self._listed(job)}")
            return
        adapter.execute(exp.insert(exp.Values(expressions=[
            ledger.row(job.source, job.table, stored(job.root, file), None, None, 0, None,
                       f"{TOLD} {commit}") for file, (_, commit) in self.files.items()]),
            ledger_relation(job).table()))
        result.warnings.append(
            f"file(s) their Delta log removed: {self._listed(job)}; their rows stay in "
            f"the table where no current file holds their key (merge never deletes rows; "
            f"said once). To drop them, set `load: {{mode: incremental_files}}` or "
            f"`mode: replace` and load the table again: {refresh_command(job.name)}")

    def refusal(self, job: LoadJob) -> IngestError:
        """Why an `append` table is not loaded: its rows would stay beside their rewrites."""
        root = next(iter(self.files.values()))[0]
        return IngestError(
            f"source table {job.name}: its Delta table's log removed file(s) the table "
            f"loaded: {self._listed(job)} (an UPDATE, DELETE, MERGE or OPTIMIZE rewrites "
            f"whole files); under `append` their rows would stay beside the rows replacing "
            f"them, so nothing of the table was loaded", file=stored(job.root, str(root)),
            hint=f"set `load: {{mode: incremental_files}}` (a removed file's rows are "
                 f"withdrawn) or `mode: replace`, or `mode: merge` with a `primary_key`, "
                 f"then load the table again from the current files: {refresh_command(job.name)}")

    def _listed(self, job: LoadJob) -> str:
        """The files by table folder and commit: `landing/nlsy: part-1.parquet (removed
        by commit 3 (00000000000000000003.json))`."""
        groups: dict[tuple[Path, str], list[str]] = {}
        for file, (root, commit) in self.files.items():
            groups.setdefault((root, commit), []).append(Path(file).relative_to(root).as_posix())
        return "; ".join(f"{stored(job.root, str(root))}: {', '.join(names)} (removed by "
                         f"{commit})" for (root, commit), names in groups.items())


def found(job: LoadJob, entries: Sequence[ledger.Entry]) -> Removed:
    """The files the table loaded (`entries`: its ledger, every row) that their Delta
    table's log removed since, but those a merge's warning was given about; refused under
    `append` (see the module's docstring), none under `replace`."""
    if job.mode == "replace":
        return Removed({})
    told = {e.file for e in entries if e.reason is not None and e.reason.startswith(TOLD)}
    loaded = dict.fromkeys(e.file for e in entries if e.reason is None and e.file not in told)
    removed = Removed({file: (root, log.removed_by(file))
                       for file, (root, log) in delta_log.removed(loaded).items()})
    if removed and job.mode == "append":
        raise removed.refusal(job)
    return removed
