"""Source positions and the error types every stage raises.

Every message names the file (and line, where there is one) and says how to fix it.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SourcePos:
    """A place in a content file: its path and 1-based line (0 = the whole file)."""

    path: Path
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning about one place in the content."""

    pos: SourcePos
    message: str
    severity: str = "error"  # "error", "warning" or "note" (an uncertain cleaning to look at)

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.pos}: {prefix}{self.message}"


class DigestError(Exception):
    """Base class for every error the generator reports to an editor (never a traceback)."""


class ContentError(DigestError):
    """One or more problems in the content; carries all of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(DigestError):
    """A problem with site settings, the theme or the command line paths."""


class UsageError(ConfigError):
    """The command line names something that is not there (exit status 2)."""


class WriteError(DigestError):
    """A file could not be written (a full disk, a read-only folder): one line naming it,
    saying how to fix it and, for the site, what the output folder holds now."""

    @staticmethod
    def reason(exc: OSError, folder: Path, again: str = "build again") -> str:
        """Why a write failed and what to do, e.g. ``No space left on device (errno 28); free
        some space and build again``; ``folder`` is the one to make writable."""
        cause = f"{exc.strerror} (errno {exc.errno})" if exc.strerror else str(exc) or "failed"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"{cause}; free some space and {again}"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return f"{cause}; make {folder} writable and {again}"
        return f"{cause}; check the disk and {again}"


class Interrupted(KeyboardInterrupt):
    """Ctrl-C once the build had put its new site in place (or began the renames that do,
    which it then finished): says what the output folder holds. Before that, a plain
    KeyboardInterrupt: the folder was left as it was."""
