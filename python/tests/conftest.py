"""Shared fixtures: the repository, the command line to compare with, the bundled corpus."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def _bin() -> Path:
    path = Path(os.environ.get("VANBAN_BIN", ROOT / "target" / "release" / "vanban"))
    if not path.is_file():
        pytest.fail(
            f"{path}: no vanban binary to compare with; run `cargo build --release` first "
            "(or set VANBAN_BIN)"
        )
    return path


@pytest.fixture(scope="session")
def vanban_bin() -> Path:
    return _bin()


def run_cli(*args, check=True):
    out = subprocess.run([str(_bin()), *map(str, args)], capture_output=True, text=True)
    if check and out.returncode not in (0, 3):
        raise AssertionError(f"vanban {' '.join(map(str, args))}: {out.stderr}")
    return out


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def cli_extracts():
    """`vanban extract corpus/` as one dict per document, by path."""
    out = run_cli("extract", CORPUS).stdout
    docs = [json.loads(line) for line in out.splitlines() if line.strip()]
    return {d["source"]["path"]: d for d in docs}


@pytest.fixture(scope="session")
def index(tmp_path_factory):
    """An index of corpus/ built by `vanban ingest`."""
    path = tmp_path_factory.mktemp("idx") / "index"
    run_cli("ingest", CORPUS, "--index", path)
    return path
