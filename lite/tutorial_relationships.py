"""The tutorial's modern relationship snippets on Lite, with the edits Lite forces.

Lite has no ``db.Model`` and no ``db.metadata``: the least change that lets the
tutorial's text run is to use the ``DeclarativeBase`` instead (``db.Model`` becomes
``Base``, ``db.metadata`` becomes ``Base.metadata``; nothing else is touched). The
snippets name no tables, so each class then fails as it is defined, with SQLAlchemy's
InvalidRequestError: a plain ``DeclarativeBase`` does not name tables, where
Flask-SQLAlchemy's ``db.Model`` names them after the class ("It does not provide
automatic table naming for models", Lite's docs). :func:`build` runs a snippet in a
fresh module, as ``modern.tutorial_relationships.build`` does.
"""

from __future__ import annotations

import itertools
import sys
from types import ModuleType

from flask_sqlalchemy_lite import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase

from modern.tutorial_relationships import IMPORTS
from modern.tutorial_relationships import SNIPPETS as MODERN

#: The tutorial's modern snippets on ``Base`` instead of ``db.Model`` and ``db.metadata``.
SNIPPETS = {
    kind: text.replace("(db.Model)", "(Base)").replace("db.metadata", "Base.metadata")
    for kind, text in MODERN.items()
}

_builds = itertools.count(1)


def build(kind: str) -> ModuleType:
    """A new module holding snippet ``kind`` on a new ``Base`` and Lite ``db``.

    Raises what the snippet raises while its classes are defined.
    """

    class Base(DeclarativeBase):
        pass

    module = ModuleType(f"{__name__}.{kind}_{next(_builds)}")
    module.Base = Base  # type: ignore[attr-defined]
    module.db = SQLAlchemy()  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    code = compile(IMPORTS + SNIPPETS[kind], module.__name__, "exec", dont_inherit=True)
    exec(code, module.__dict__)
    return module
