"""Where the comparisons run: backend selection and an isolated namespace per run.

A backend is named (``sqlite``, ``postgresql``, ``mariadb``) or given as a full URL.
Every run works in a namespace of its own, created here and dropped afterwards: a
temporary file on SQLite, a schema on PostgreSQL, a database on MariaDB, so the
suite never touches data it did not create (:mod:`comparisons.namespaces`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from comparisons import namespaces

ENV_VAR = "COMPARISONS_DB"

#: URLs that work on a machine with local servers and default credentials.
DEFAULT_URLS = {
    "sqlite": "sqlite://",
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    # TLS on loopback buys nothing, and PyMySQL 1.2 builds an SSL context per connection
    # (about 30 ms): NullPool reads would spend most of their time there.
    "mariadb": "mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4&ssl_disabled=true",
}
ALL = tuple(DEFAULT_URLS)

#: Which extra of pyproject.toml installs each backend's driver.
EXTRAS = {"postgresql": "postgresql", "mariadb": "mariadb"}


class BackendError(Exception):
    """A backend cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Backend:
    """A database server (or SQLite) that the comparisons can run on."""

    name: str
    url: URL

    @property
    def dialect(self) -> str:
        return self.url.get_backend_name()


def backend_name(url: URL) -> str:
    """``mysql`` URLs are reported as MariaDB: that is the server this project tests."""
    name = url.get_backend_name()
    return {"mysql": "mariadb"}.get(name, name)


def parse_backends(specs: Sequence[str]) -> list[Backend]:
    """Turn ``--db``/``--dburi`` values ("all", names, comma lists or URLs) into backends."""
    backends: dict[str, Backend] = {}
    for spec in specs:
        for item in filter(None, (part.strip() for part in spec.split(","))):
            names = ALL if item == "all" else (item,)
            for name in names:
                backend = _one_backend(name)
                backends.setdefault(backend.name, backend)
    return list(backends.values()) or [_one_backend("sqlite")]


def _one_backend(item: str) -> Backend:
    raw = DEFAULT_URLS.get(item, item)
    if "://" not in raw:
        choices = ", ".join((*ALL, "all"))
        raise BackendError(f"unknown backend {item!r}: use one of {choices}, or a URL")
    try:
        url = make_url(raw)
    except sa.exc.ArgumentError as error:
        raise BackendError(f"bad database URL {raw!r}: {error}") from None
    name = backend_name(url)
    if name not in ALL:
        raise BackendError(f"unsupported backend {name!r} in {raw!r}: use {', '.join(ALL)}")
    return Backend(name, url)


def selected_backends(options: Sequence[str]) -> list[Backend]:
    """Backends from command-line values, else from $COMPARISONS_DB, else SQLite."""
    return parse_backends(options or [os.environ.get(ENV_VAR, "sqlite")])


def outside_engine(url: URL) -> Engine:
    """An engine that shares no connection with the code under test.

    NullPool gives every read a brand-new connection, so what it sees has really
    been committed, not merely flushed inside the session under test.
    """
    return namespaces.admin_engine(url)


def _check_reachable(backend: Backend) -> None:
    try:
        with outside_engine(backend.url).connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except ModuleNotFoundError as error:
        extra = EXTRAS.get(backend.name, backend.name)
        raise BackendError(
            f"{backend.name}: driver {error.name!r} is not installed "
            f"(pip install -e '.[{extra}]' installs the default URL's driver)"
        ) from None
    except sa.exc.SQLAlchemyError as error:
        raise BackendError(f"{backend.name}: cannot connect to "
                           f"{backend.url.render_as_string()}: {_first_line(error)}") from None


def _first_line(error: sa.exc.SQLAlchemyError) -> str:
    reason = str(error.orig if isinstance(error, sa.exc.DBAPIError) else error).strip()
    return reason.splitlines()[0] if reason else type(error).__name__


@contextlib.contextmanager
def namespace(backend: Backend, label: str = "run") -> Iterator[URL]:
    """Create a fresh, empty namespace on ``backend``; yield its URL; drop it afterwards.

    The first namespace on a server also drops what dead runs left there.
    """
    _check_reachable(backend)
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(namespaces.fresh(backend.url, label))
        except sa.exc.DBAPIError as error:
            kind = "schema" if backend.name == "postgresql" else "database"
            raise BackendError(f"{backend.name}: cannot create a namespace (a {kind} named "
                               f"comparisons_*): {_first_line(error)}") from None
        yield url
