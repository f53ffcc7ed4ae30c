"""Project files: pydantic models of every YAML file a user writes, and their loading."""
