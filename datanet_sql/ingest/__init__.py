"""Ingestion: reading sources of many formats into the warehouse."""
