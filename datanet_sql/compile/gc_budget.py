"""The garbage collector's thresholds while compiling (standard library only: the CLI's
compile command sets them before it imports the compiler).

A compile allocates millions of small objects: sqlglot trees, the cache's entries as it is
unpickled, the YAML's nodes, both manifests' dicts. With Python's default thresholds the
collector ran every 700 allocations and cost a quarter of a cold compile; with none at all the
trees that qualify copies and drops (cyclic through their parent links) were never freed
(462 MB peak for 1000 models); collecting the young generation every 50,000 allocations frees
them for little (390 MB, and ~10% less CPU, on the 1000-model benchmark project). Before the
passes (imports, loading the project, unpickling the cache) the default thresholds still made
two full collections and hundreds of young ones: 0.12 s of one edited model's 1.3 s recompile.
A command's start-up allocates the same way (modules, classes, the project's YAML): before
loading a row, `ingest` of a one-file project made 148 young collections, 13 middle ones and a
full one; it now reads the target (cli/locking.py), imports, reads the project and connects
under these thresholds, and freezes what that made.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

COMPILE_THRESHOLD = (50_000, 20, 100)


# set by the console script, which ends the process with os._exit after its command
_PROCESS_ENDS_AFTER_COMMAND = False


def process_ends_after_command() -> None:
    """Said by the console script (cli/main.py): what a command leaves is never freed."""
    global _PROCESS_ENDS_AFTER_COMMAND
    _PROCESS_ENDS_AFTER_COMMAND = True


@contextmanager
def compile_gc(*, freeze: bool = False) -> Iterator[None]:
    """The compile's thresholds inside the block, the caller's again after it (nested blocks
    restore what their enclosing block set). A block that says `freeze`, in a process that
    ends after its command (the console script's), leaves the objects made so far out of
    the collector's reach at its end: they live until the process ends (the `compile`
    command's whole compile; `ingest`'s start-up: modules, the project, the connection).
    Under the default thresholds the next collections scanned them all again: 0.05 s of an
    edited model's recompile spent on objects about to be dropped whole. (Elsewhere, e.g. in
    tests calling the commands in-process, they are collected as before: a warehouse
    connection in a cycle must not outlive it.)"""
    threshold = gc.get_threshold()
    gc.set_threshold(*COMPILE_THRESHOLD)
    try:
        yield
    finally:
        if freeze and _PROCESS_ENDS_AFTER_COMMAND:
            gc.freeze()
        gc.set_threshold(*threshold)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No collection inside the block: for building plain data that refcounting frees (the
    manifests' dicts, half a million objects for 1000 models, written and dropped), where
    each young collection would only scan objects that are about to go anyway."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
