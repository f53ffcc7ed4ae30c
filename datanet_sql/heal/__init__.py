"""Healing: contracts of sources, schema diffs as data, healing plans and AST rewrites."""
