"""Rows for what only Flask-SQLAlchemy-Lite changes: the extension object itself.

The tutorial's rows compare code; these compare what ``db`` is. The legacy side is
Flask-SQLAlchemy 3.1 (the legacy style's ``db``), the ``lite`` variants Lite 0.2's.
Where Flask-SQLAlchemy 3.1's 2.x style is the same extension as the legacy style, a
``modern`` variant is given only where the 2.x style might have changed something.
"""

from __future__ import annotations

import legacy.models
import legacy.settings
import legacy.testing
import lite.models
import lite.settings
import lite.testing
import modern.models
from comparisons.catalog.build import LiteForm, lite_form, row, written
from comparisons.catalog.model_sets import TutorialSets
from comparisons.observers.extension import api, isolation, naming, scope, settings
from comparisons.observers.extension.base import Extension
from comparisons.values.diff import Diff
from comparisons.values.rows import Case, Observer, On, Row, Side, Variant

#: Each style's models module (its ``db`` and ``Person``), for the isolation rows.
MODELS = {"legacy": legacy.models, "modern": modern.models, "lite": lite.models}

SECTION = "lite"


def _row(name: str, title: str, source: tuple[str, str], legacy_side: Side,
         *variants: Variant | LiteForm, cases: tuple[Case, ...], observer: Observer) -> Row:
    return row(f"{SECTION}.{name}", title, source, legacy_side, cases, *variants,
               observer=observer, document="lite")


# -- db.session's scope -------------------------------------------------------------

KEPT_NEXT = "kept db.session, next app context"
KEPT_OUTSIDE = "kept db.session, outside an app context"
SCOPE_DIFFERENCES = (
    Diff("values", "value", "scoped_session", "Session", "type of db.session"),
    Diff("raises", "", "nothing", "RuntimeError", "db.session outside an app context"),
    Diff("raises", "", "nothing", "TypeError", "db.session()"),
    Diff("raises", "", "nothing", "AttributeError", "db.session.remove()"),
    Diff("values", "kept, in the next context", "the same session", "another session",
         KEPT_NEXT),
    Diff("values", "connections checked out after both ended", "0", "1", KEPT_NEXT),
    Diff("raises", "", "RuntimeError", "nothing", KEPT_OUTSIDE),
    Diff("statements", "", "0", "1", KEPT_OUTSIDE),
    Diff("sql", "only one side sent", "nothing else",
         "SELECT person.id, person.name, person.age FROM person WHERE person.id = :pk_1",
         KEPT_OUTSIDE),
)
WHY_SCOPE = (
    "Both give each app context its own session, closed at its end: the same session "
    "twice in one context, another in a nested context or in a thread with its own "
    "context, none (RuntimeError) in a thread without one, and the very same Session "
    "in a thread that copies the context (contextvars), which neither guards. What "
    "differs is what db.session is. Flask-SQLAlchemy's is a scoped_session: a proxy "
    "that exists outside any context (it raises only when used), is callable, has "
    "remove(), and, kept in a variable, always reaches the current context's session. "
    "Lite's is a property returning the context's Session itself: reading it outside "
    "a context raises, db.session() and db.session.remove() do not exist, and a "
    "Session kept from one context (as extensions such as Flask-Admin keep what they "
    "are given: pallets-eco/flask-admin#2585) is another session in the next one, "
    "still usable outside any context, never closed by a teardown again: the "
    "connection it took stays checked out. Lite's docs say the session is closed "
    "when the context ends; they do not say what happens to one kept past it."
)

# -- db.test_isolation() ---------------------------------------------------------------

COMMITS = "commit, commit, then rollback, commit, then next app context"
COMMIT_AND_NEXT = "commit, commit, then next app context"
ENGINE_WRITE = "write through db.engine"
DEASSOCIATED = 'also has ["transaction already deassociated from connection"]'
LEGACY_ENGINE_FAILS = Diff("raises", "", "InvalidRequestError", "nothing", ENGINE_WRITE)
#: SQLAlchemy 2.1: Lite's session commits the test's transaction, then recurses.
ISOLATION_21 = (
    LEGACY_ENGINE_FAILS,
    Diff("raises", "", "nothing", "RecursionError", COMMITS),
    Diff("sql", "only one side sent",
         "INSERT INTO person (name, age) VALUES (:name, :age) | "
         "SELECT person.name FROM person ORDER BY person.id", "nothing else",
         "commit, then rollback"),
    Diff("sql", "only one side sent", "SELECT person.name FROM person ORDER BY person.id",
         "nothing else", COMMIT_AND_NEXT),
    Diff("sql", "only one side sent", "nothing else",
         "SAVEPOINT sa_savepoint_1 | INSERT INTO person (name) VALUES (:name) | "
         "RELEASE SAVEPOINT sa_savepoint_1 | "
         "SELECT person.name FROM person ORDER BY person.id", ENGINE_WRITE),
    Diff("state", "person afterwards", "also has []", 'also has ["Bob"]', COMMITS),
    Diff("state", "warned afterwards", "also has []", DEASSOCIATED,
         "commit, write through db.engine, commit, then next app context"),
    Diff("statements", "", "0", "4", ENGINE_WRITE),
    Diff("statements", "", "2", "1", COMMIT_AND_NEXT),
    Diff("statements", "", "3", "1", "commit, then rollback"),
)
#: SQLite gives a rolled-back id again; Bob, committed by Lite, keeps his.
ISOLATION_21_SQLITE_IDS = Diff("state", "next id afterwards", "also has [2]",
                               "also has [3]", COMMITS)
ISOLATION_21_SERVER_IDS = (
    Diff("state", "next id afterwards", "also has [4]", "also has [3]",
         "commit, then rollback"),
    Diff("state", "next id afterwards", "also has [2]", "also has [3]", ENGINE_WRITE),
)
#: SQLAlchemy 2.0: Lite isolates; the legacy fixture's two faults remain.
ISOLATION_20 = (
    LEGACY_ENGINE_FAILS,
    Diff("values", "the code sees", "1 items", "2 items", "commit, then rollback"),
    Diff("state", "warned afterwards", DEASSOCIATED,
         "also has []", "commit, then rollback"),
    Diff("sql", "only one side sent", "nothing else",
         "SAVEPOINT sa_savepoint_1 | RELEASE SAVEPOINT sa_savepoint_1 | "
         "SAVEPOINT sa_savepoint_2 | ROLLBACK TO SAVEPOINT sa_savepoint_2", COMMIT_AND_NEXT),
    Diff("sql", "only one side sent", "nothing else",
         "SAVEPOINT sa_savepoint_1 | RELEASE SAVEPOINT sa_savepoint_1 | "
         "SAVEPOINT sa_savepoint_2 | ROLLBACK TO SAVEPOINT sa_savepoint_2 | "
         "SAVEPOINT sa_savepoint_3 | ROLLBACK TO SAVEPOINT sa_savepoint_3",
         "commit, then rollback"),
    Diff("sql", "only one side sent", "nothing else",
         "SAVEPOINT sa_savepoint_1 | INSERT INTO person (name) VALUES (:name) | "
         "RELEASE SAVEPOINT sa_savepoint_1 | SAVEPOINT sa_savepoint_2 | "
         "SELECT person.name FROM person ORDER BY person.id | "
         "ROLLBACK TO SAVEPOINT sa_savepoint_2", ENGINE_WRITE),
    Diff("statements", "", "0", "6", ENGINE_WRITE),
    Diff("statements", "", "2", "6", COMMIT_AND_NEXT),
    Diff("statements", "", "3", "9", "commit, then rollback"),
)
ISOLATION_20_SERVER_IDS = Diff("state", "next id afterwards", "also has [2]",
                               "also has [3]", ENGINE_WRITE)
SERVERS = ("postgresql", "mariadb")
ISOLATION_ON = (
    On(sqlalchemy="2.1", add=(ISOLATION_21_SQLITE_IDS,)),
    *(On(backend=name, sqlalchemy="2.1", drop=(ISOLATION_21_SQLITE_IDS,),
         add=ISOLATION_21_SERVER_IDS) for name in SERVERS),
    On(sqlalchemy="2.0", verdict="behaviour-change", drop=ISOLATION_21, add=ISOLATION_20),
    *(On(backend=name, sqlalchemy="2.0", add=(ISOLATION_20_SERVER_IDS,))
      for name in SERVERS),
)
WHY_ISOLATION = (
    "The legacy side is the rollback fixture Flask-SQLAlchemy's maintainers give for "
    "3.x (pallets-eco/flask-sqlalchemy#1171, open; 3.1 documents none): each engine in "
    "db.engines replaced by a connection in a transaction. It keeps commits out of the "
    "database (the session joins that transaction and leaves it alone), but the code's "
    "own rollback() rolls the whole transaction back, taking a row it had committed "
    "with it, and db.engine.begin() raises InvalidRequestError, db.engine being that "
    "connection. SQLAlchemy 2.1: Lite 0.2.1's test_isolation() does not isolate at "
    "all. It hands the session an engine whose connect() returns the test's connection "
    "already in a transaction, and relies on join_transaction_mode='create_savepoint'; "
    "SQLAlchemy 2.1 (sqlalchemy/sqlalchemy#11163) makes a session take over a "
    "transaction its own engine's connection already has, so db.session.commit() "
    "COMMITs the test's transaction: Bob stays in the database, the fixture's rollback "
    "at exit finds no transaction (SAWarning 'transaction already deassociated from "
    "connection'), and the next statement recurses (the patched begin() calls "
    "begin_nested(), which calls begin(): RecursionError). Lite's tests run it on "
    "SQLite and Lite's docs promise 'Commits are rolled back when the with block "
    "exits'; neither says which SQLAlchemy. SQLAlchemy 2.0: it isolates as promised, "
    "the code's rollback() undoes only its own work, and writes through db.engine "
    "work inside SAVEPOINTs. On PostgreSQL and MariaDB neither fixture gives back the "
    "ids a rolled-back INSERT took (sequences and AUTO_INCREMENT are not "
    "transactional; the suite's own reset, TRUNCATE ... RESTART IDENTITY, does); "
    "SQLite's max(rowid) + 1 does."
)

# -- Configuration ------------------------------------------------------------------------

WHY_SETTINGS = (
    "Lite reads only SQLALCHEMY_ENGINES (and SQLALCHEMY_ASYNC_ENGINES): an app "
    "configured for Flask-SQLAlchemy fails at init_app with RuntimeError ('Either "
    "SQLALCHEMY_ENGINES[\"default\"] or SQLALCHEMY_ASYNC_ENGINES[\"default\"] must be "
    "defined'), which at least says what to do. Moving only the URL is worse: "
    "SQLALCHEMY_ENGINE_OPTIONS (and SQLALCHEMY_ECHO, SQLALCHEMY_BINDS...) are ignored "
    "without a word, and the pool is SQLAlchemy's default again (size 5, no pre-ping; "
    "recycle -1, or 7200 s on MySQL/MariaDB, a default both extensions set). Options "
    "go into the engine's own dict, with its 'url' (Lite's docs, 'Engines'); they then "
    "make the same engine."
)
URL_MOVED = (
    Diff("values", "pool pre-ping.$bool", "true", "false"),
    Diff("values", "pool recycle", "600", "-1"),
    Diff("values", "pool size", "3", "5"),
)

# -- The names db offers ------------------------------------------------------------------

WHY_API = (
    "Flask-SQLAlchemy 3.1 keeps its whole API in the 2.x style (db.Model gives "
    "Model.query even to Mapped[] models). Lite drops what its docs list ('It does "
    "not create the base model, table class, or metadata itself ... does not provide "
    "... pagination, query methods'): no db.Model, db.Column, db.relationship, "
    "db.metadata or db.create_all() (Base.metadata.create_all(db.engine)), no "
    "Model.query, no db.paginate() nor a paginating session.query() (lite.pagination), "
    "no *_or_404. It adds db.get_or_abort() (Session.get, then abort(404)), "
    "db.one_or_abort() (scalar_one(), abort(404) on none or several: not first_or_404, "
    "which returns the first of several; pallets-eco/flask-sqlalchemy-lite#31) and "
    "db.test_isolation()."
)
API_DIFFERENCES = (
    Diff("values", "value", "missing", "present",
         "db.get_or_abort(), db.one_or_abort(), db.test_isolation()"),
    Diff("values", "value", "present", "missing",
         "db.Model, db.Column, db.relationship, db.metadata, db.create_all(), Model.query, "
         "db.paginate(), db.session.query(Model).paginate(), db.get_or_404(), "
         "db.first_or_404(), db.one_or_404()"),
)

ROWS: list[Row] = [
    _row("session_scope", "db.session: per app context, per thread, outside one",
         ("db.session  # scoped_session: 'scoped to the current Flask application context'",
          "db.session  # 'The default session for the current application context. "
          "It will be closed when the context ends.'"),
         Side("legacy", Extension(legacy.models, scope)),
         lite_form(Side("lite", Extension(lite.models, scope)), "behaviour-change",
                   *SCOPE_DIFFERENCES, why=WHY_SCOPE),
         cases=scope.CASES, observer=scope.observe_scope),
    _row("test_isolation", "Isolating a test's writes: db.test_isolation()",
         ("engines[key] = connection  # pallets-eco/flask-sqlalchemy#1171",
          "with db.test_isolation():"),
         Side("legacy", legacy.testing.isolation),
         lite_form(Side("lite", lite.testing.isolation), "breaks", *ISOLATION_21,
                   why=WHY_ISOLATION, on=ISOLATION_ON),
         cases=isolation.CASES, observer=isolation.isolation_observer(MODELS)),
    _row("table_naming", "Table names: generated by db.Model, written on Lite",
         ("class User(db.Model):  # table 'user'",
          "class User(Base):\n    __tablename__ = 'user'"),
         Side("legacy", TutorialSets("legacy")),
         written(Side("modern", TutorialSets("modern")), "identical",
                 why="Flask-SQLAlchemy 3.1's db.Model names tables in the 2.x style too."),
         lite_form(Side("lite", TutorialSets("lite")), "breaks",
                   Diff("raises", "", "nothing", "InvalidRequestError"),
                   why="The tutorial's classes on Lite's Base (db.Model does not exist) "
                       "cannot be defined: 'Class ... does not have a __table__ or "
                       "__tablename__ specified'. Lite: 'It does not provide automatic "
                       "table naming for models.'", name="as_written"),
         lite_form(Side("lite", TutorialSets("lite", named=True)), "identical",
                   why="Each class names the table db.Model gave it, so an existing schema "
                       "is kept. Write the name Flask-SQLAlchemy generated, not the one you "
                       "would guess: it splits every capital ('OAuth2Token' is "
                       "'o_auth2_token', see test_lite)."),
         cases=naming.CASES, observer=naming.observe_table_names),
    _row("configuration", "Configuration: SQLALCHEMY_ENGINES",
         ('SQLALCHEMY_DATABASE_URI = url\nSQLALCHEMY_ENGINE_OPTIONS = {"pool_size": 3}',
          'SQLALCHEMY_ENGINES = {"default": {"url": url, "pool_size": 3}}'),
         Side("legacy", legacy.settings.settings),
         lite_form(Side("lite", legacy.settings.settings), "breaks",
                   Diff("raises", "", "nothing", "RuntimeError"), why=WHY_SETTINGS,
                   name="as_written"),
         lite_form(Side("lite", lite.settings.url_moved), "behaviour-change", *URL_MOVED,
                   why=WHY_SETTINGS,
                   on=(On(backend="mariadb", drop=(URL_MOVED[1],),
                          add=(Diff("values", "pool recycle", "600", "7200"),)),),
                   name="url_moved"),
         lite_form(Side("lite", lite.settings.settings), "identical", why=WHY_SETTINGS),
         cases=settings.CASES, observer=settings.observe_settings),
    _row("extension_api", "What db offers: the names a migrating app calls",
         ("db.Model, db.paginate(), db.get_or_404(), Model.query ...",
          "db.engine, db.session, db.get_or_abort(), db.one_or_abort(), "
          "db.test_isolation()"),
         Side("legacy", Extension(legacy.models, api)),
         written(Side("modern", Extension(modern.models, api)), "identical", why=WHY_API),
         lite_form(Side("lite", Extension(lite.models, api)), "behaviour-change",
                   *API_DIFFERENCES, why=WHY_API),
         cases=api.CASES, observer=api.observe_api),
]
