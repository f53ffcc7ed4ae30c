"""The command line: thin click commands and the one error boundary."""
