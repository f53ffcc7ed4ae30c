"""`python -m datanet_sql ...`: the `datanet` command, for environments without the script."""

from datanet_sql.cli.main import main

main()
