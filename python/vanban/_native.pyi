"""Type stubs of the native module. Use the functions of ``vanban`` itself: these take JSON
text out and the options of a call as one :class:`Options` value."""

from pathlib import Path
from typing import Iterator, List, Optional, Tuple

__version__: str
SCHEMA: int

class Options:
    """The rules, OCR mode and reading limits of a call (see ``vanban.extract``)."""

def options(
    rules: Optional[str] = None,
    ocr: str = "auto",
    time_budget: Optional[float] = 60.0,
    max_file_size: Optional[int] = None,
    max_pages: Optional[int] = None,
    max_decompressed: Optional[int] = None,
) -> Options: ...
def extract(source: object, opts: Options, name: Optional[str] = None) -> bytes: ...
def text(source: object, opts: Options, name: Optional[str] = None, raw: bool = False) -> str: ...
def read(source: object, opts: Options, name: Optional[str] = None) -> str: ...
def collect(paths: List[str]) -> Tuple[List[Path], List[Tuple[Path, str]]]: ...

_Item = Tuple[str, Optional[bytes], Optional[str], Optional[Tuple[str, str, str]]]

class ExtractIter(Iterator[_Item]):
    def __iter__(self) -> "ExtractIter": ...
    def __next__(self) -> _Item: ...
    def close(self) -> None: ...

def extract_many(
    files: List[str],
    opts: Options,
    workers: Optional[int] = None,
    export: Optional[Tuple[str, str]] = None,
) -> ExtractIter: ...
def check(
    files: List[str], opts: Options, index: Optional[str] = None, all: bool = False
) -> Tuple[str, List[Tuple[str, str, str]]]: ...

class Index:
    def __init__(self, path: str, opts: Options) -> None: ...
    def __len__(self) -> int: ...
    def search(
        self,
        query: str,
        kind: Optional[str] = None,
        year: Optional[int] = None,
        place: Optional[str] = None,
        issuer: Optional[str] = None,
        cites: Optional[str] = None,
        limit: int = 10,
        offset: int = 0,
    ) -> str: ...
    def cites(self, id: str) -> str: ...
    def refs(self, doc: str) -> str: ...
    def indicators(self) -> str: ...
