"""The compiler: a pipeline of passes over one Manifest (see pipeline.py for the order)."""
