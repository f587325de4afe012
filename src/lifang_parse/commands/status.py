"""Exit statuses of every command, defined once."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """What ``lifang-parse`` exits with."""

    OK = 0
    #: ``--strict`` and a file parsed with warnings.
    WARNINGS = 1
    #: Bad input (missing, not a newsletter, damaged, over a limit), an output that cannot be written,
    #: or a usage error (argparse's own status).
    BAD_INPUT = 2
    #: Ctrl-C.
    INTERRUPTED = 130
    #: ``kill`` (SIGTERM).
    TERMINATED = 143


EXIT_HELP = (
    "Exit status: 0 ok; 1 warnings under --strict; 2 bad input, an output that cannot be written, "
    "or bad usage; 130 interrupted; 143 terminated."
)

__all__ = ["EXIT_HELP", "ExitStatus"]
