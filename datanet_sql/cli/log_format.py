"""`--log-format json`: the run's log as one JSON object per line, in dbt's envelope.

Orchestrators (Airflow, Dagster, CI log parsers) read dbt's structured log: each line holds
`info` (name, level, msg, ts, invocation_id, pid, thread) and `data`. datanet writes the same
envelope for the lines a run prints (node results, warnings, the summary, heals, errors), with
dbt's event names where dbt has the event, so a parser written for dbt reads datanet's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import threading
import uuid
from typing import Any

import click

FORMATS = ("text", "json")
_state = {"format": "text", "invocation_id": str(uuid.uuid4())}


def use(log_format: str) -> None:
    _state["format"] = log_format


def is_json() -> bool:
    return _state["format"] == "json"


def emit(name: str, msg: str, level: str = "info", **data: Any) -> None:
    """One event line on stdout."""
    info = {"name": name, "level": level, "msg": msg, "category": "", "code": "", "extra": {},
            "invocation_id": _state["invocation_id"], "pid": os.getpid(),
            "thread": threading.current_thread().name,
            "ts": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")}
    click.echo(json.dumps({"info": info, "data": data}, default=str))
    sys.stdout.flush()
