"""Where the comparisons run: backend selection and an isolated namespace per run.

A backend is named (``sqlite``, ``postgresql``, ``mariadb``) or given as a full URL.
Every run works in a namespace of its own, created here and dropped afterwards: a
temporary file on SQLite, a schema on PostgreSQL, a database on MariaDB, so the
suite never touches data it did not create (:mod:`comparisons.databases.namespaces`).

Bad input stops here, before any connection or file is made, with one line that says
what is wrong and how to fix it (:class:`BackendError`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

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

#: Which extra of pyproject.toml installs each backend's default driver.
EXTRAS = {"postgresql": "postgresql", "mariadb": "mariadb"}

EXAMPLE = "dialect+driver://user:password@host:port/database"


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


def parse_backends(specs: Sequence[str], urls: Sequence[str] = ()) -> list[Backend]:
    """Backends from ``--db`` values (names, "all", comma lists, URLs) and ``--dburi``
    values (one URL each)."""
    found = [backend for spec in specs
             for item in filter(None, (part.strip() for part in spec.split(",")))
             for backend in _named(item)]
    found += [_url_backend(url) for url in urls]
    backends: dict[str, Backend] = {}
    for backend in found or [_url_backend(DEFAULT_URLS["sqlite"])]:
        backends.setdefault(backend.name, backend)
    return list(backends.values())


def _named(item: str) -> list[Backend]:
    """The backends an item of ``--db`` names: case does not matter."""
    name = item.lower()
    if name in DEFAULT_URLS or name == "all":
        return [_url_backend(DEFAULT_URLS[n]) for n in (ALL if name == "all" else (name,))]
    if "://" in item:
        return [_url_backend(item)]
    choices = ", ".join((*ALL, "all"))
    raise BackendError(f"unknown backend {item!r}: use one of {choices}, a comma list, "
                       f"or a URL ({EXAMPLE})")


def _url_backend(raw: str) -> Backend:
    """One backend from a URL, checked as far as can be without connecting."""
    try:
        if "://" not in raw:
            raise ValueError
        url = make_url(raw)
        url = url.set(drivername=url.drivername.lower())
    except (sa.exc.ArgumentError, ValueError):
        raise BackendError(f"{raw!r} is not a database URL: write it as {EXAMPLE}, "
                           f"e.g. {DEFAULT_URLS['postgresql']}") from None
    name = backend_name(url)
    if name not in ALL:
        raise BackendError(f"unsupported database {url.get_backend_name()!r}: "
                           f"use {', '.join(ALL)}")
    if "@" in (url.host or ""):
        raise BackendError(f"{name}: the URL's host contains '@': write an '@' in the "
                           "password as %40 (and '%' as %25)")
    if name == "sqlite" and url.database not in (None, "", ":memory:"):
        raise BackendError(f"sqlite: the suite does not use the file {url.database!r}: it "
                           "works in a temporary file of its own; use --db sqlite")
    _check_driver(name, url)
    if name == "postgresql":
        _quiet_pipeline_echo()
    return Backend(name, url)


def _check_driver(name: str, url: URL) -> None:
    """The URL's driver exists, is synchronous and can be imported."""
    default_url = make_url(DEFAULT_URLS[name])
    default = default_url.drivername
    extra = EXTRAS.get(name)
    install = f" (pip install -e '.[{extra}]')" if extra else ""
    try:
        dialect = url.get_dialect()
    except sa.exc.NoSuchModuleError:
        raise BackendError(f"{name}: unknown driver in {url.drivername!r}: use "
                           f"{default}://{install}") from None
    if dialect.is_async:
        raise BackendError(f"{name}: {url.drivername!r} is an async driver, which "
                           "Flask-SQLAlchemy cannot use (its sessions are synchronous): "
                           f"use {default}://{install}")
    try:
        dialect.import_dbapi()
    except ImportError as error:
        module = getattr(error, "name", None) or str(error)
        if url.get_driver_name() == default_url.get_driver_name():
            fix = f"pip install -e '.[{extra}]'" if extra else "use a Python built with it"
        else:
            fix = f"install it, or use {default}://{install}"
        raise BackendError(f"{name}: the driver of {url.drivername!r} needs the Python "
                           f"module {module!r}, which cannot be imported: {fix}") from None


class _PipelineEcho(logging.Filter):
    """psycopg's echo of an error its caller already has.

    ``executemany()`` runs in pipeline mode (SQLAlchemy uses it, e.g. to null a
    relationship's foreign keys). When a statement in it fails, the caller gets the
    error, an IntegrityError a row may expect, and psycopg may also log at WARNING that
    leaving the aborted pipeline failed ("error ignored terminating <psycopg.Pipeline
    ...>: pipeline aborted", psycopg/_pipeline.py): whether depends on when the
    server's error arrives (psycopg issue #266). With logging not configured, Python
    prints that record on stderr. Only that record is dropped.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        echo = record.msg == "error ignored terminating %r: %s" and len(args) == 2
        return not (echo and type(args[1]).__name__ == "PipelineAborted")


def _quiet_pipeline_echo() -> None:
    logger = logging.getLogger("psycopg")
    if not any(isinstance(f, _PipelineEcho) for f in logger.filters):
        logger.addFilter(_PipelineEcho())


def selected_backends(options: Sequence[str] = (), urls: Sequence[str] = ()) -> list[Backend]:
    """Backends from ``--db`` and ``--dburi`` values, else from $COMPARISONS_DB, else
    SQLite. An error in the variable names the variable."""
    if options or urls:
        return parse_backends(options, urls)
    value = os.environ.get(ENV_VAR, "").strip()
    try:
        return parse_backends([value or "sqlite"])
    except BackendError as error:
        raise BackendError(f"${ENV_VAR}: {error}") from None
