"""Nodes, the manifest that holds them, the DAG and the selection syntax."""
