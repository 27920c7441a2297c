"""The tutorial's modern relationship snippets on Lite, with the edits Lite forces.

Lite has no ``db.Model`` and no ``db.metadata``: the least change that lets the
tutorial's text run is to use the ``DeclarativeBase`` instead (``db.Model`` becomes
``Base``, ``db.metadata`` becomes ``Base.metadata``; nothing else is touched). The
snippets name no tables, so each class then fails as it is defined, with SQLAlchemy's
InvalidRequestError: a plain ``DeclarativeBase`` does not name tables, where
Flask-SQLAlchemy's ``db.Model`` names them after the class ("It does not provide
automatic table naming for models", Lite's docs). ``NAMED`` adds the one line each
class then needs, ``__tablename__``, with the name ``db.Model`` gave it: the schema a
migrating app already has. :func:`build` runs a snippet in a fresh module, as
``modern.tutorial_relationships.build`` does.
"""

from __future__ import annotations

import itertools
import re
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

#: The names Flask-SQLAlchemy's ``db.Model`` gives these classes (row ``lite.table_naming``).
TABLE_NAMES = {"User": "user", "Post": "post", "Tag": "tag", "Profile": "profile"}


def _named(text: str) -> str:
    def with_name(match: re.Match[str]) -> str:
        return f'{match[0]}    __tablename__ = "{TABLE_NAMES[match[1]]}"\n'

    return re.sub(r"^class (\w+)\(Base\):\n", with_name, text, flags=re.MULTILINE)


#: ``SNIPPETS`` with an explicit ``__tablename__`` in every class: they run on Lite.
NAMED = {kind: _named(text) for kind, text in SNIPPETS.items()}

_builds = itertools.count(1)


def build(kind: str, named: bool = False) -> ModuleType:
    """A new module holding snippet ``kind`` (``NAMED``'s if ``named``) on a new ``Base``
    and Lite ``db``. Raises what the snippet raises while its classes are defined.
    """

    class Base(DeclarativeBase):
        pass

    module = ModuleType(f"{__name__}.{kind}_{next(_builds)}")
    module.Base = Base  # type: ignore[attr-defined]
    module.db = SQLAlchemy()  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    text = (NAMED if named else SNIPPETS)[kind]
    code = compile(IMPORTS + text, module.__name__, "exec", dont_inherit=True)
    exec(code, module.__dict__)
    return module
