"""The runner: a plan of plain steps, executed on an adapter in DAG order, with results."""
