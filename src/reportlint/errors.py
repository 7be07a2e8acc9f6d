"""What stops a run before or outside the checks, besides a rule pack's own problems
(`packfile.PackError`): a config file that cannot be read or does not validate, a file
`extract` cannot read, an option's value. The command line prints the message and exits 2,
as it does for a PackError; the two stay apart so a message never blames a pack for a
config's mistake."""

from __future__ import annotations


class UsageError(Exception):
    """The user asked for something that cannot be done; the message says what and why."""
