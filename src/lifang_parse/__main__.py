"""``python -m lifang_parse`` is the command-line tool."""

from lifang_parse.cli import main

raise SystemExit(main())
