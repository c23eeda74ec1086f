"""vanban: Vietnamese government reports and plans as searchable, checkable facts.

The Python face of the vanban library (the same Rust code as the ``vanban`` command line):

>>> import vanban
>>> facts = vanban.extract("corpus/bao-cao-kinh-te-xa-hoi-6-thang-dau-nam-2023-huyen-van-chan.txt")
>>> facts["meta"]["kind"], len(facts["results"]) > 0
('report', True)

* :func:`extract` gives the schema-2 object of ``vanban extract`` for one file or bytes;
  :func:`extract_many` yields them for many files, read in parallel on threads.
* :func:`text` and :func:`read` give the normalised text, and what was read (format,
  encoding, pages, signatures).
* :func:`check` gives the findings of ``vanban check``; :class:`Index` searches an index
  built by ``vanban ingest``.
* :func:`frame` turns extracts or findings into a pandas DataFrame.

Reading and extracting run with the interpreter released, so Python threads (and
``extract_many``'s workers) use every core. Errors are :class:`ReadError`,
:class:`RulesError` and :class:`IndexError`, all :class:`VanbanError`.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Optional,
    Tuple,
    Union,
)

from . import _native
from .errors import IndexError, ReadError, RulesError, VanbanError

try:  # Turning JSON into dicts is the one serial step of extract_many; orjson does it in half
    # the time of the standard library (5.1 s -> 2.6 s for the 10k benchmark corpus).
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - orjson is a dependency; the standard one still works
    from json import loads as _loads

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "__version__",
    "SCHEMA",
    "extract",
    "extract_many",
    "extract_export",
    "files",
    "text",
    "read",
    "check",
    "Index",
    "frame",
    "VanbanError",
    "ReadError",
    "RulesError",
    "IndexError",
    "VanbanWarning",
]

#: The package version (the version of the vanban library inside).
__version__: str = _native.__version__
#: The version of the extract contract the dicts of :func:`extract` follow.
SCHEMA: int = _native.SCHEMA

PathLike = Union[str, "os.PathLike[str]"]
Source = Union[PathLike, bytes, bytearray]


class VanbanWarning(UserWarning):
    """A file skipped by ``errors="warn"``: the warning's text is the :class:`ReadError`'s."""


def _options(
    rules: Optional[PathLike],
    ocr: str,
    time_budget: Optional[float],
    max_file_size: Optional[int],
    max_pages: Optional[int],
    max_decompressed: Optional[int],
) -> "_native.Options":
    return _native.options(
        rules=None if rules is None else os.fspath(rules),
        ocr=ocr,
        time_budget=time_budget,
        max_file_size=max_file_size,
        max_pages=max_pages,
        max_decompressed=max_decompressed,
    )


def extract(
    source: Source,
    *,
    rules: Optional[PathLike] = None,
    ocr: str = "auto",
    name: Optional[str] = None,
    time_budget: Optional[float] = 60.0,
    max_file_size: Optional[int] = None,
    max_pages: Optional[int] = None,
    max_decompressed: Optional[int] = None,
) -> Dict[str, Any]:
    """The facts of one document: exactly the schema-2 object ``vanban extract`` prints.

    ``source`` is a path (``str`` or ``os.PathLike``) of a .txt, .md, .pdf, .docx or .doc
    file, or the file's bytes; ``name`` is what bytes are called in the result and in errors
    (its extension says how to read text that is not PDF, DOCX or DOC; default
    ``"<bytes>"``, read as text).

    ``rules`` is a folder of rules to use instead of the built-in ones (as ``--rules``);
    ``ocr`` is ``"auto"`` (scanned pages by Tesseract when they have no text), ``"never"`` or
    ``"always"``. ``time_budget`` (seconds, or None) and the ``max_*`` limits guard against
    hostile files, as the command line's flags of the same names do.

    Raises :class:`ReadError` when the document cannot be read, :class:`RulesError` when
    ``rules`` is not a valid rules folder.
    """
    opts = _options(rules, ocr, time_budget, max_file_size, max_pages, max_decompressed)
    return _loads(_native.extract(_source(source), opts, name=name))


def extract_many(
    paths: Union[PathLike, Iterable[PathLike]],
    workers: Optional[int] = None,
    *,
    errors: str = "raise",
    rules: Optional[PathLike] = None,
    ocr: str = "auto",
    time_budget: Optional[float] = 60.0,
    max_file_size: Optional[int] = None,
    max_pages: Optional[int] = None,
    max_decompressed: Optional[int] = None,
) -> Iterator[Dict[str, Any]]:
    """Yields the extract of every document under ``paths`` (files and folders, walked as
    ``vanban extract`` walks them, each file once), in that order.

    The documents are read and extracted on ``workers`` threads (None: one per core) with
    the interpreter released; the next ones are worked on while the caller handles this one.
    Memory holds a batch of documents, not the whole run; stopping the iteration early stops
    the workers.

    ``errors`` says what a file that cannot be read does: ``"raise"`` (the default) raises
    its :class:`ReadError` when its turn comes, ``"warn"`` skips it with a
    :class:`VanbanWarning`, ``"ignore"`` skips it silently. The other keyword arguments are
    those of :func:`extract`.
    """
    _errors_mode(errors)
    opts = _options(rules, ocr, time_budget, max_file_size, max_pages, max_decompressed)
    it = _native.extract_many(files(paths, errors=errors), opts, workers=workers)
    for doc, _lines in _documents(it, errors):
        yield doc


def extract_export(
    paths: Union[PathLike, Iterable[PathLike]],
    workers: Optional[int] = None,
    *,
    format: str = "es-bulk",
    index_name: str = "vanban",
    errors: str = "raise",
    rules: Optional[PathLike] = None,
    ocr: str = "auto",
    time_budget: Optional[float] = 60.0,
) -> Iterator[Tuple[Dict[str, Any], str]]:
    """As :func:`extract_many`, each extract with the lines ``vanban export --format
    <format>`` writes for the document once ingested (``"es-bulk"``: an action line and the
    document, for Elasticsearch/OpenSearch ``_bulk``; ``"ndjson"``: the document with its
    ``_id``). Workers that extract without an index feed a search cluster with them: the
    ``_id`` and fields are those of ``vanban export`` of an index holding the same files."""
    _errors_mode(errors)
    opts = _options(rules, ocr, time_budget, None, None, None)
    it = _native.extract_many(
        files(paths, errors=errors), opts, workers=workers, export=(format, index_name)
    )
    yield from _documents(it, errors)


def _documents(it: "_native.ExtractIter", errors: str) -> Iterator[Tuple[Dict[str, Any], Any]]:
    """The documents of a native run as dicts with their export lines; unreadable files as
    ``errors`` says. Closing the generator stops the workers."""
    try:
        for _path, doc, lines, error in it:
            if error is not None:
                _failed(errors, ReadError(*error))
            else:
                yield _loads(doc), lines
    finally:
        it.close()


def files(paths: Union[PathLike, Iterable[PathLike]], *, errors: str = "raise") -> List[str]:
    """The documents under ``paths`` (files and folders, walked recursively; files of other
    types left out; each file once), in the order :func:`extract_many` and ``vanban extract``
    work on them: the list to split over the workers of a cluster."""
    _errors_mode(errors)
    found, failures = _native.collect(_paths(paths))
    for path, reason in failures:
        _failed(errors, ReadError(f"{path}: {reason}", str(path), reason))
    return [os.fspath(p) for p in found]


def text(
    source: Source,
    *,
    raw: bool = False,
    name: Optional[str] = None,
    ocr: str = "auto",
    time_budget: Optional[float] = 60.0,
    max_file_size: Optional[int] = None,
    max_pages: Optional[int] = None,
    max_decompressed: Optional[int] = None,
) -> str:
    """The text of one document as ``vanban text`` prints it: decoded, NFC, wrapped lines
    joined (``raw=True``: decoded only). Line ``n`` of it is the ``line`` of the facts
    :func:`extract` gives."""
    opts = _options(None, ocr, time_budget, max_file_size, max_pages, max_decompressed)
    return _native.text(_source(source), opts, name=name, raw=raw)


def read(
    source: Source,
    *,
    name: Optional[str] = None,
    ocr: str = "auto",
    time_budget: Optional[float] = 60.0,
    max_file_size: Optional[int] = None,
    max_pages: Optional[int] = None,
    max_decompressed: Optional[int] = None,
) -> Dict[str, Any]:
    """What was read from one document: ``format`` (txt, md, pdf, docx, doc), ``encoding``,
    ``bom``, ``crlf``, ``pages`` (PDF), ``bytes``, ``sha256``, ``signatures`` (PDF: who
    signed and when), ``ocr_pages``, ``pages_without_text``, ``text`` (normalised) and
    ``raw_text`` (decoded)."""
    opts = _options(None, ocr, time_budget, max_file_size, max_pages, max_decompressed)
    return json.loads(_native.read(_source(source), opts, name=name))


def check(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    index: Optional[PathLike] = None,
    all: bool = False,
    errors: str = "raise",
    rules: Optional[PathLike] = None,
    ocr: str = "auto",
    time_budget: Optional[float] = 60.0,
) -> List[Dict[str, Any]]:
    """The findings of the documents under ``paths``, as ``vanban check --format json``
    gives them: one dict per finding with ``path``, ``line``, ``severity`` (``error``,
    ``warning``, ``info``), ``kind`` and ``message``.

    With ``index`` (an index built by ``vanban ingest``), each report's results are also
    judged against the targets of the plans there that bind it (``target_missed``). Info
    findings are left out unless ``all=True``. ``errors`` is as in :func:`extract_many`
    (with ``"raise"``, the first unreadable file raises after all were checked).
    """
    _errors_mode(errors)
    opts = _options(rules, ocr, time_budget, None, None, None)
    found, failures = _native.collect(_paths(paths))
    rows, unread = _native.check(
        found, opts, index=None if index is None else os.fspath(index), all=all
    )
    problems = [ReadError(f"{p}: {r}", str(p), r) for p, r in failures]
    problems += [ReadError(*e) for e in unread]
    for e in problems:
        _failed(errors, e)
    return json.loads(rows)


class Index:
    """An index built by ``vanban ingest``, opened for reading.

    >>> idx = vanban.Index("vanban-index")          # doctest: +SKIP
    >>> len(idx)                                     # doctest: +SKIP
    56
    >>> idx.search("chuyen doi so", kind="plan", limit=3)["hits"][0]["number"]  # doctest: +SKIP

    Raises :class:`IndexError` when ``path`` holds no index or a damaged one. ``rules`` is as
    in :func:`extract` (it decides how ids are spelt when matching citations).
    """

    def __init__(self, path: PathLike, *, rules: Optional[PathLike] = None) -> None:
        self.path = os.fspath(path)
        opts = _options(rules, "never", None, None, None, None)
        self._index = _native.Index(self.path, opts)

    def __len__(self) -> int:
        """The number of documents."""
        return len(self._index)

    def __repr__(self) -> str:
        return f"vanban.Index({self.path!r}, {len(self)} documents)"

    def search(
        self,
        q: str = "",
        *,
        kind: Optional[str] = None,
        year: Optional[int] = None,
        place: Optional[str] = None,
        issuer: Optional[str] = None,
        cites: Optional[str] = None,
        limit: int = 10,
        offset: int = 0,
    ) -> Dict[str, Any]:
        """Searches as ``vanban search --json`` does: accents optional, ``"phrases"``,
        ``-excluded`` words, ``OR``; a document number puts that document first.

        Filters: ``kind`` (report, plan, decision, letter, other, or a type word such as
        ``"kế hoạch"``), ``year``, ``place`` and ``issuer`` (words, accents optional),
        ``cites`` (an id, any spelling). Gives ``{"total": n, "hits": [...]}``, each hit with
        its ``rank``, ``score``, ``path``, ``number``, ``kind``, ``date``, ``title``,
        ``snippet`` and ``line``."""
        return json.loads(
            self._index.search(
                q,
                kind=kind,
                year=year,
                place=place,
                issuer=issuer,
                cites=cites,
                limit=limit,
                offset=offset,
            )
        )

    def cites(self, id: str) -> Dict[str, Any]:
        """Who cites ``id`` (any spelling: ``"942/QĐ-TTg"``, ``"942/qd-ttg"``), as ``vanban
        cites --json``: the citations grouped by the year and issuer they give."""
        return json.loads(self._index.cites(id))

    def refs(self, doc: str) -> Dict[str, Any]:
        """What a document cites (``doc``: its path, key or own number), each reference
        with the indexed documents it resolves to, as ``vanban refs --json``."""
        return json.loads(self._index.refs(doc))

    def indicators(self) -> List[Dict[str, Any]]:
        """Targets and results of every indexed document by indicator and place, each result
        judged only against a target that binds it (the data of the web app's indicators
        page)."""
        return json.loads(self._index.indicators())


#: The lists of an extract :func:`frame` can tabulate.
TABLES = ("results", "targets", "findings", "references")


def frame(
    records: Union[Dict[str, Any], Iterable[Dict[str, Any]]],
    table: str,
) -> "pandas.DataFrame":
    """A pandas DataFrame of one list of facts over many documents: ``"results"``,
    ``"targets"``, ``"findings"`` or ``"references"``.

    ``records`` are extracts (from :func:`extract` or :func:`extract_many`; one dict is
    taken as a list of one), or the finding rows of :func:`check`. Each row starts with the
    document's ``path``, ``number`` (its own number), ``kind``, ``place`` and ``date``, then
    the fields of the fact as the extract contract names them. pandas is needed (``pip
    install pandas``); the rest of vanban does without it.
    """
    if table not in TABLES:
        raise ValueError(f"table={table!r}: use one of {', '.join(TABLES)}")
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - exercised without pandas
        raise ImportError(
            "vanban.frame() needs pandas: pip install pandas (or pip install 'vanban[frames]')"
        ) from e
    if isinstance(records, dict):
        records = [records]
    rows: List[Dict[str, Any]] = []
    columns: List[str] = list(_DOC_COLUMNS)
    flat = nested = False
    for rec in records:
        if "schema" not in rec:  # a finding row of check(): already flat
            rows.append(dict(rec))
            flat = True
            continue
        nested = True
        meta = rec.get("meta") or {}
        doc = {
            "path": (rec.get("source") or {}).get("path"),
            "number": meta.get("number"),
            "kind": meta.get("kind"),
            "place": meta.get("place"),
            "date": meta.get("date"),
        }
        for fact in rec.get(table) or []:
            row = dict(doc)
            for k, v in fact.items():
                # A fact's own `kind` (a result's quota/rate, a finding's kind) must not
                # overwrite the document's.
                key = f"{table[:-1]}_kind" if k == "kind" else k
                row[key] = v
                if key not in columns:
                    columns.append(key)
            rows.append(row)
    if flat and nested:
        raise ValueError("frame(): give extracts, or the finding rows of check(), not both")
    if flat:
        return pd.DataFrame.from_records(rows)
    return pd.DataFrame.from_records(rows, columns=columns)


_DOC_COLUMNS = ("path", "number", "kind", "place", "date")


def _source(source: Source) -> Any:
    if isinstance(source, (bytes, bytearray)):
        return source
    return os.fspath(source)


def _paths(paths: Union[PathLike, Iterable[PathLike]]) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    if isinstance(paths, (bytes, bytearray)):
        raise TypeError("paths: give paths (str or os.PathLike), not bytes; use extract() for bytes")
    return [os.fspath(p) for p in paths]


def _errors_mode(errors: str) -> None:
    if errors not in ("raise", "warn", "ignore"):
        raise ValueError(f'errors={errors!r}: use "raise", "warn" or "ignore"')


def _failed(errors: str, e: ReadError) -> None:
    if errors == "raise":
        raise e
    if errors == "warn":
        warnings.warn(str(e), VanbanWarning, stacklevel=3)
