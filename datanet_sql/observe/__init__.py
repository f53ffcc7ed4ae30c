"""Observation: the state database of run history, freshness and anomaly checks."""
