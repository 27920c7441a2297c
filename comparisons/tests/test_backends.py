"""Bad input gets one line that says what is wrong and how to fix it, exit status 2
(pytest: a usage error), no traceback, no warning and no file; the URL spellings a
user may write work.

The cases are those issue 11 found by trying the suite as a new user would.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

import comparisons.databases.backends
from comparisons.__main__ import main
from comparisons.catalog import ROWS, STYLES
from comparisons.databases.backends import DEFAULT_URLS, Backend, parse_backends
from comparisons.document.report import build
from conftest import BACKENDS

ROOT = Path(__file__).resolve().parents[2]
CONNECTS = importlib.util.find_spec("psycopg") is not None

#: argv -> the start of the one line (after "error: ") that must answer it.
CASES = {
    "unknown backend": (["--db", "oracle"],
                        "unknown backend 'oracle': use one of sqlite, postgresql, mariadb, all"),
    "not a URL": (["--dburi", "not a url"],
                  "'not a url' is not a database URL: write it as dialect+driver://"),
    "unparsable URL": (["--dburi", "postgresql://host:port/db"],
                       "'postgresql://host:port/db' is not a database URL"),
    "unsupported database": (["--dburi", "oracle://scott@127.0.0.1/orcl"],
                             "unsupported database 'oracle': use sqlite, postgresql, mariadb"),
    "unknown driver": (["--dburi", "postgresql+nosuch://127.0.0.1/test"],
                       "postgresql: unknown driver in 'postgresql+nosuch': use "
                       "postgresql+psycopg://"),
    "asyncpg": (["--dburi", "postgresql+asyncpg://postgres@127.0.0.1/test"],
                "postgresql: 'postgresql+asyncpg' is an async driver, which Flask-SQLAlchemy "
                "cannot use (its sessions are synchronous): use postgresql+psycopg://"),
    "psycopg async": (["--dburi", "postgresql+psycopg_async://postgres@127.0.0.1/test"],
                      "postgresql: 'postgresql+psycopg_async' is an async driver"),
    "aiomysql": (["--dburi", "mysql+aiomysql://root@127.0.0.1/test"],
                 "mariadb: 'mysql+aiomysql' is an async driver"),
    "aiosqlite": (["--dburi", "sqlite+aiosqlite://"],
                  "sqlite: 'sqlite+aiosqlite' is an async driver, which Flask-SQLAlchemy "
                  "cannot use (its sessions are synchronous): use sqlite://"),
    "raw @ in password": (["--dburi", "mysql+pymysql://root:p@ss@127.0.0.1:3306/test"],
                          "mariadb: the URL's host contains '@': write an '@' in the "
                          "password as %40"),
    "unreachable": (["--dburi", "postgresql+psycopg://nobody:50%25@127.0.0.1:1/none"],
                    "postgresql: cannot connect to postgresql+psycopg://nobody:***@127.0.0.1:1"
                    if CONNECTS else "postgresql: the driver of 'postgresql+psycopg' needs"),
}


@pytest.mark.parametrize("argv, expected", CASES.values(), ids=CASES.keys())
def test_bad_input_gets_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"error: {expected}")
    assert captured.err.count("\n") == 1


def test_unreachable_with_percent_in_password_says_how_to_write_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A '%' that does not start an escape is kept as written; a failed connection
    cannot tell a wrong password from a mis-encoded one, so it mentions both."""
    assert main(CASES["unreachable"][0]) == 2
    if CONNECTS:
        assert captured_line(capsys).endswith(
            "(a '%' or '@' in the password must be written %25 or %40)")
    else:
        assert "cannot be imported" in captured_line(capsys)


def captured_line(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().err.strip()


def test_sqlite_file_is_refused_and_not_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The suite works in a temporary file of its own; it used to create the named
    file empty and run elsewhere."""
    target = tmp_path / "x.db"
    assert main(["--dburi", f"sqlite:///{target}"]) == 2
    assert captured_line(capsys) == (
        f"error: sqlite: the suite does not use the file '{target}': it works in a "
        "temporary file of its own; use --db sqlite")
    assert list(tmp_path.iterdir()) == []


def test_error_in_the_variable_names_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPARISONS_DB", "oracle")
    assert main([]) == 2
    assert captured_line(capsys).startswith("error: $COMPARISONS_DB: unknown backend 'oracle'")


@pytest.mark.parametrize("module, url, fix", [
    ("psycopg", "postgresql+psycopg://postgres@127.0.0.1/test",
     "pip install -e '.[postgresql]'"),
    ("pymysql", "mariadb+pymysql://root@127.0.0.1/test", "pip install -e '.[mariadb]'"),
    ("pg8000", "postgresql+pg8000://postgres@127.0.0.1/test",
     "install it, or use postgresql+psycopg:// (pip install -e '.[postgresql]')"),
    ("sqlite3", "sqlite://", "use a Python built with it"),
], ids=["default postgresql", "mariadb spelling", "other driver", "sqlite"])
def test_missing_driver_names_the_module_and_the_fix(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    module: str, url: str, fix: str,
) -> None:
    """The hint names an extra that exists (there is no ``.[sqlite]``)."""
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    assert main(["--dburi", url]) == 2
    line = captured_line(capsys)
    assert f"needs the Python module {module!r}, which cannot be imported: {fix}" in line
    assert "[sqlite]" not in line


def test_names_ignore_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(comparisons.databases.backends, "_check_driver", lambda name, url: None)
    chosen = parse_backends(["PostgreSQL, MARIADB", "SQLite"])
    assert [(b.name, b.url) for b in chosen] == [
        (name, sa.make_url(DEFAULT_URLS[name]))
        for name in ("postgresql", "mariadb", "sqlite")
    ]
    upper = parse_backends([], ["PostgreSQL+Psycopg://postgres@127.0.0.1/test"])
    assert upper[0].url.drivername == "postgresql+psycopg"


@pytest.mark.parametrize("command", [
    [sys.executable, "-m", "comparisons", "--dburi", "postgresql+asyncpg://x@127.0.0.1/t"],
    [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--rootdir", str(ROOT),
     "-c", str(ROOT / "pyproject.toml"), "--dburi", "postgresql+asyncpg://x@127.0.0.1/t",
     str(ROOT / "comparisons" / "tests")],
], ids=["python -m comparisons", "pytest"])
def test_a_new_user_sees_one_line(tmp_path: Path, command: list[str]) -> None:
    """As run from a shell: no traceback, no warning, nothing written where it ran."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True,
                          check=False)
    line = ("postgresql: 'postgresql+asyncpg' is an async driver, which Flask-SQLAlchemy "
            "cannot use (its sessions are synchronous): use postgresql+psycopg:// "
            "(pip install -e '.[postgresql]')\n")
    if command[2] == "pytest":
        # pytest's own format: the line, then an empty one.
        assert (done.returncode, done.stderr) == (pytest.ExitCode.USAGE_ERROR,
                                                  f"ERROR: {line}\n")
    else:
        assert (done.returncode, done.stderr) == (2, f"error: {line}")
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``mariadb``: the MariaDB backend, when the run selected it."""
    if "mariadb" in metafunc.fixturenames:
        chosen = [b for b in metafunc.config.stash[BACKENDS] if b.name == "mariadb"]
        params = [pytest.param(b, id=b.name) for b in chosen] or [pytest.param(
            None, id="mariadb", marks=pytest.mark.skip(
                reason="requires MariaDB: run with --db mariadb or --db all"))]
        metafunc.parametrize("mariadb", params)


def test_mariadb_spelling_gives_the_same_verdicts(mariadb: Backend) -> None:
    """``mariadb+pymysql://`` used to fail with "no namespace recipe for dialect
    'mariadb'": its dialect is named ``mariadb``, not ``mysql``. The rows reading and
    writing ``person`` give the same verdicts through either spelling."""
    url = mariadb.url.set(drivername="mariadb+pymysql")
    respelled = parse_backends([], [url.render_as_string(hide_password=False)])
    assert [(b.name, b.dialect) for b in respelled] == [("mariadb", "mariadb")]
    rows = [row for row in ROWS if row.section in ("operations", "crud")]
    assert rows  # the catalog's own, whatever their number
    assert build(respelled, rows, STYLES)["rows"] == build([mariadb], rows, STYLES)["rows"]
