"""One module a pass, each a function `(manifest, ctx) -> manifest`."""
