"""Comparing a project with a previous manifest (`--state DIR`): which nodes and which of their
columns changed, what a change reaches downstream, and where unselected parents are read
from (`--defer`)."""
