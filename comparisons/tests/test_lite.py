"""Flask-SQLAlchemy-Lite's findings that the catalog's rows rest on, one by one.

The rows (``comparisons/catalog/lite.py`` and every row's ``lite`` variant) check the
behaviour generically; these check what their ``why`` says besides, in plain Python.
"""

from __future__ import annotations

import builtins
import dis
import functools
import inspect
import tempfile
import typing
from collections.abc import Iterator
from pathlib import Path
from types import CodeType, FunctionType, ModuleType

import flask_sqlalchemy
import flask_sqlalchemy_lite
import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from werkzeug.exceptions import NotFound

import legacy.models
import legacy.queries
import lite.guide
import lite.models
import lite.queries
import lite.relationships
import lite.removed
import lite.shapes
import lite.transactions
import modern.guide
import modern.models
import modern.queries
import modern.relationships
import modern.removed
import modern.shapes
import modern.transactions
from comparisons.engine.capture import recording
from comparisons.engine.datasets import seed
from comparisons.engine.lab import Lab
from lite import on_lite

#: lite/ modules whose functions are their modern/ twin's (:func:`lite.on_lite`), but for
#: those Lite writes out itself, where it differs.
TWINS = [(lite.queries, modern.queries, {"pagination"}),
         (lite.transactions, modern.transactions, set()),
         (lite.relationships, modern.relationships, set()),
         (lite.removed, modern.removed, set()),
         (lite.shapes, modern.shapes, set()),
         (lite.guide, modern.guide, {"get_or_404", "first_or_404", "one_or_404", "paginate",
                                     "paginate_columns", "dynamic_relationship"})]
MODERN_METADATA = {modern.models.db.metadata, modern.models.Base.metadata}


def _functions(module: ModuleType) -> dict[str, FunctionType]:
    """The module's functions: those it defines, and a lite module's shared ones (which
    its ``__getattr__`` answers for)."""
    shared = vars(module)["_lite"].shared if "_lite" in vars(module) else {}
    return {**{name: value for name, value in vars(module).items()
               if inspect.isfunction(value) and value.__module__ == module.__name__
               and name != "__getattr__"}, **shared}


def _twins() -> list[tuple[ModuleType, FunctionType]]:
    return [(mine, function) for mine, _, written in TWINS
            for name, function in _functions(mine).items() if name not in written]


def _globals_read(code: CodeType) -> set[str]:
    """The global names ``code`` reads, nested code (comprehensions) included."""
    names = {i.argval for i in dis.get_instructions(code) if i.opname == "LOAD_GLOBAL"}
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= _globals_read(const)
    return names


def _modern(value: object) -> bool:
    """Whether ``value`` is Flask-SQLAlchemy's ``db``, or leads to ``modern/``'s."""
    if isinstance(value, flask_sqlalchemy.SQLAlchemy | sa.MetaData):
        return value is not lite.models.Base.metadata
    if isinstance(value, sa.Table):
        return value.metadata in MODERN_METADATA
    if isinstance(value, type):
        return getattr(value, "metadata", None) in MODERN_METADATA
    if isinstance(value, ModuleType):
        return value.__name__.split(".")[0] == "modern"
    if inspect.isfunction(value):
        return value.__module__.split(".")[0] == "modern"
    return False


@pytest.mark.parametrize(("mine", "twin", "written"), TWINS,
                         ids=lambda v: getattr(v, "__name__", ""))
def test_lite_functions_are_their_twins_code(mine: ModuleType, twin: ModuleType,
                                             written: set[str]) -> None:
    """Every function of the modern module has a Lite one of the same name; all but
    ``written`` run the modern function's own code object, filed under the lite module
    (its style, for the catalog) with the modern source (what the report shows); those
    Lite writes out are in its file and differ from their twin."""
    mine_, twin_ = _functions(mine), _functions(twin)
    assert mine_.keys() == twin_.keys()
    here = {name for name, f in mine_.items() if f.__code__.co_filename == mine.__file__}
    assert here == written
    for name, function in mine_.items():
        original = twin_[name]
        assert (function.__code__ is original.__code__) == (name not in written), name
        same = inspect.getsource(function) == inspect.getsource(original)
        assert same == (name not in written), name
        if name not in written:
            assert function.__doc__ == original.__doc__
            assert function.__qualname__ == original.__qualname__
            assert function.__annotations__ == original.__annotations__


@pytest.mark.parametrize(("mine", "function"), _twins(),
                         ids=lambda v: getattr(v, "__name__", ""))
def test_no_twin_reaches_modern(mine: ModuleType, function: FunctionType) -> None:
    """A twin's globals hold Lite's ``db`` and models, and no value that leads to
    ``modern/``'s (its ``db``, a class or table on its metadata, a function, a module);
    nor do its defaults. Each global it reads is the lite module's own where that module
    has one, so a twin calls the function Lite wrote out, not the modern one."""
    leaks = {name for name, value in function.__globals__.items()
             if not name.startswith("__") and _modern(value)}
    assert not leaks
    defaults = (*(function.__defaults__ or ()), *(function.__kwdefaults__ or {}).values())
    assert not [value for value in defaults if _modern(value)]
    for name in _globals_read(function.__code__):
        assert name in function.__globals__ or hasattr(builtins, name), name
        if hasattr(mine, name):
            assert function.__globals__[name] is getattr(mine, name), name
    assert typing.get_type_hints(function)  # every annotation resolves on Lite's names


def test_on_lite_refuses_what_it_cannot_rebind() -> None:
    """A name the module does not have is a typo, and a closure or a wrapper would keep
    reading the modern names it closed over."""
    with pytest.raises(ValueError, match="has no Persons"):
        on_lite(modern.queries, "lite.queries", Persons=lite.models.Person)
    with pytest.raises(ValueError, match=r"not a function of modern\.queries"):
        on_lite(modern.queries, "lite.queries")(modern.guide.count)
    seen = lite.models.db

    def closure() -> object:
        return seen

    for function in (closure, functools.wraps(closure)(lambda: None)):
        probe = ModuleType("modern.probe")
        function.__module__ = probe.__name__
        probe.function = function  # type: ignore[attr-defined]
        with pytest.raises(ValueError, match="a closure or a wrapper"):
            on_lite(probe, "lite.probe")


@pytest.fixture
def people(lab: Lab) -> Iterator[Lab]:
    for style in ("legacy", "lite"):
        lab.reset(style, seed("many"), reuse="many")
    yield lab


@pytest.mark.parametrize(("page", "per_page"), [(1, 150), (0, 10), (1, 0), (2, 150)])
def test_paginate_checks_its_arguments_as_legacy_does(people: Lab, page: int,
                                                      per_page: int) -> None:
    """Beyond the row's cases: ``per_page`` not capped (``Query.paginate``'s
    ``max_per_page`` is None, whatever ``Pagination``'s docstring says of 100), a page
    or ``per_page`` below 1 a 404, and past the end a 404, in both."""
    found: list[object] = []
    for style, function in (("legacy", legacy.queries.pagination),
                            ("lite", lite.queries.pagination)):
        with people.apps[style].app_context():
            try:
                result = function(page, per_page)
            except NotFound:
                found.append("NotFound")
                continue
            found.append((result.page, result.per_page, result.total, result.pages,
                          [p.id for p in result.items]))
    assert found[0] == found[1]


def test_one_or_abort_is_not_first_or_404(people: Lab) -> None:
    """Two people named alex: ``first_or_404`` returns the first, Lite's
    ``one_or_abort`` aborts (it calls ``scalar_one()``). Lite has no ``first_or_404``."""
    with people.apps["legacy"].app_context():
        first = legacy.models.Person.query.filter_by(name="alex").first_or_404()
        assert first.id == 1
    db = lite.models.db
    with people.apps["lite"].app_context():
        with pytest.raises(NotFound):
            db.one_or_abort(sa.select(lite.models.Person).filter_by(name="alex"))  # type: ignore[arg-type]
        assert not hasattr(db, "first_or_404")


def test_get_or_abort_is_session_get(people: Lab) -> None:
    """``get_or_abort`` looks in the identity map as ``get_or_404`` does (one SELECT for
    two calls) and aborts with 404 for a missing id, as its docs say; its docstring's
    "Call Session.get_one" is not what it does (it calls ``Session.get``, no
    NoResultFound ever escapes)."""
    db = lite.models.db
    with people.apps["lite"].app_context(), recording(people.engine("lite")) as capture:
        assert db.get_or_abort(lite.models.Person, 3) is db.get_or_abort(lite.models.Person, 3)
        with pytest.raises(NotFound):
            db.get_or_abort(lite.models.Person, 999)
    assert [s.sql.split(" FROM ")[0] for s in capture.statements] == [
        "SELECT person.id, person.name, person.age"] * 2


@pytest.mark.parametrize(("name", "table"), [("UserProfile", "user_profile"),
                                             ("HTTPRequest", "http_request"),
                                             ("OAuth2Token", "o_auth2_token")])
def test_flask_sqlalchemy_names_tables_lite_does_not(name: str, table: str) -> None:
    """What ``__tablename__`` a migration to Lite must write to keep the schema: the
    name ``db.Model`` generated, which is not always the obvious one."""
    db = flask_sqlalchemy.SQLAlchemy()
    generated = type(name, (db.Model,), {"__module__": __name__,
                                         "id": sa.Column(sa.Integer, primary_key=True)})
    assert generated.__table__.name == table  # type: ignore[attr-defined]

    class Base(DeclarativeBase):
        pass

    annotations = {"id": Mapped[int]}
    with pytest.raises(sa.exc.InvalidRequestError, match="__tablename__"):
        type(name, (Base,), {"__module__": __name__, "__annotations__": annotations,
                             "id": mapped_column(primary_key=True)})


def test_lite_ignores_flask_sqlalchemy_keys() -> None:
    """``SQLALCHEMY_ECHO``, ``SQLALCHEMY_ENGINE_OPTIONS`` and ``SQLALCHEMY_BINDS`` mean
    nothing to Lite: no error, no effect."""
    app = Flask(__name__, instance_path=tempfile.gettempdir())
    app.config.update(SQLALCHEMY_ENGINES={"default": "sqlite://"}, SQLALCHEMY_ECHO=True,
                      SQLALCHEMY_ENGINE_OPTIONS={"echo": True},
                      SQLALCHEMY_BINDS={"other": "sqlite://"})
    db = flask_sqlalchemy_lite.SQLAlchemy(app)
    with app.app_context():
        assert list(db.engines) == ["default"]
        assert not db.engine.echo


def test_test_isolation_connects_every_app_registered_on_db(tmp_path: Path) -> None:
    """``test_isolation()`` patches the engines of every app the ``db`` object knows,
    not the app under test: an app it cannot connect to fails it, though the test
    never uses that app. (So the lab collects garbage before entering it.)"""
    db = flask_sqlalchemy_lite.SQLAlchemy()
    used = Flask("used", instance_path=str(tmp_path))
    used.config["SQLALCHEMY_ENGINES"] = {"default": f"sqlite:///{tmp_path / 'used.db'}"}
    elsewhere = Flask("elsewhere", instance_path=str(tmp_path))
    gone = tmp_path / "missing-folder" / "other.db"
    elsewhere.config["SQLALCHEMY_ENGINES"] = {"default": f"sqlite:///{gone}"}
    db.init_app(used)
    db.init_app(elsewhere)
    with pytest.raises(sa.exc.OperationalError, match="unable to open database file"), \
            db.test_isolation(), used.app_context():
        db.session.execute(sa.text("SELECT 1"))
    for app in (used, elsewhere):
        with app.app_context():
            db.engine.dispose()


@pytest.mark.parametrize(("mine", "twin", "written"), TWINS,
                         ids=lambda v: getattr(v, "__name__", ""))
def test_lite_module_answers_for_every_modern_function(mine: ModuleType, twin: ModuleType,
                                                       written: set[str]) -> None:
    """A function of the modern module is an attribute of the lite one, with nothing
    written in ``lite/``: the lite module's ``__getattr__`` gives its twin, filed under
    the lite module; a name the modern module has no function for is still an error."""
    for name, function in _functions(twin).items():
        found = getattr(mine, name)
        assert found.__module__ == mine.__name__, name
        assert (found.__code__ is function.__code__) == (name not in written), name
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        _ = mine.nope
