"""The exceptions vanban raises.

Every error of the package is a :class:`VanbanError`; catch that to catch them all. A file
that cannot be read raises :class:`ReadError` with the same message the command line prints,
the path and the reason apart::

    try:
        vanban.extract("scan.pdf", ocr="never")
    except vanban.ReadError as e:
        print(e.path, "->", e.reason)
"""

from __future__ import annotations

from typing import Optional

__all__ = ["VanbanError", "ReadError", "RulesError", "IndexError"]


class VanbanError(Exception):
    """The base of every vanban exception."""


class ReadError(VanbanError):
    """A document could not be read: missing, unreadable, damaged, over a limit, a scan
    without OCR.

    ``str(e)`` is ``"<path>: <reason>"``; ``e.path`` is the file (``"<bytes>"`` or the
    ``name=`` given for bytes) and ``e.reason`` what went wrong and, when a keyword argument
    or a package would help, what to do.
    """

    def __init__(self, message: str, path: str, reason: str) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason

    def __reduce__(self):  # picklable, so errors cross process boundaries (Dask, Spark)
        return (type(self), (str(self), self.path, self.reason))


class RulesError(VanbanError):
    """A rules folder (``rules=``) could not be loaded or is not valid; ``e.path`` is the
    folder."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path

    def __reduce__(self):
        return (type(self), (str(self), self.path))


class IndexError(VanbanError):  # noqa: A001 - the name users expect: vanban.IndexError
    """An index could not be opened or read: missing, damaged, built by another version, or
    a query that cannot be understood. ``e.path`` is the index folder when the error is about
    one. (It does not derive from the built-in ``IndexError``.)"""

    def __init__(self, message: str, path: Optional[str] = None) -> None:
        super().__init__(message)
        self.path = path

    def __reduce__(self):
        return (type(self), (str(self), self.path))
