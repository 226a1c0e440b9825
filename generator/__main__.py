"""`python -m generator` is the `gatewaygen` command."""

from .cli import main

raise SystemExit(main())
