"""``python -m lifang_parse`` is the command-line tool."""

from lifang_parse.commands import main

raise SystemExit(main())
