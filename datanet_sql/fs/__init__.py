"""Files under .datanet/ are shared between processes: atomic replacement and the project lock."""
