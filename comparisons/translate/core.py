"""``translate(source, target)``: one legacy ``Query`` expression to its 2.x form, statically.

The source is parsed with ``ast`` and never imported or executed. A chain is a base
(``Model.query``, or ``<x>.session.query(...)``/``session.query(...)``), builders
(``steps.BUILDERS``), and at most one terminal (``steps.TERMINALS``, ``[a:b]``, ``[i]``);
without a terminal the query is iterated (step ``iterate``). What the query selects is
read from the names: a bare name (``Author``) or a dotted name whose last part is
capitalised (``models.Author``) is an entity, anything else (``Author.name``,
``func.count(Author.id)``) a column. The translation uses the expression's own names;
``Model.query`` becomes ``db.session``, ``db`` being the Flask-SQLAlchemy (or Lite) object.

No expression says that ``author.articles`` is a ``lazy="dynamic"`` relationship: the
caller names those it knows (``dynamic=("Author.articles",)``, or the attribute name
alone). A chain on one is read as on ``Model.query``, its select being the one
``WriteOnlyMapped``'s ``author.articles.select()`` builds (``steps.DYNAMIC_STEPS``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from comparisons.translate.steps import (
    BUILDERS,
    BY_ID,
    DYNAMIC_WRITES,
    TERMINALS,
    UNTRANSLATABLE,
    worst,
)

TARGETS = ("modern", "lite")
#: Longer expressions are refused before they are parsed.
MAX_LENGTH = 2000
SELECT = "from sqlalchemy import select"
FUNC = "from sqlalchemy import func"


#: Builders the legacy Query refuses after limit() or offset() (Query._no_limit_offset).
NOT_AFTER_LIMIT = ("filter", "filter_by", "order_by", "group_by", "having", "join",
                   "outerjoin")


#: Builders Query.get() accepts before it (Query._no_criterion_condition): it ignores
#: the ordering and DISTINCT, and applies the loader options, as Session.get(options=).
GET_ALLOWS = ("order_by", "distinct", "options")
#: Builders after which Query.get() raises InvalidRequestError (its criterion check).
GET_REFUSES = ("filter", "filter_by", "join", "outerjoin", "limit", "offset", "group_by")


class NotPython(ValueError):
    """The text is not a Python expression; the message is one line for the user."""


@dataclass(frozen=True)
class Translation:
    """One legacy expression's 2.x form, or ``translation=None`` and the reason in ``why``."""

    legacy: str
    translation: str | None
    imports: tuple[str, ...] = ()
    verdict: str | None = None
    proven: bool = False
    rows: tuple[str, ...] = ()
    caller_changes: tuple[str, ...] = ()
    why: str = ""
    #: Which of ``steps.UNTRANSLATABLE`` made the translation null.
    untranslatable: str | None = None

    @property
    def always(self) -> frozenset[str]:
        """The aspects declared to differ whenever both sides return."""
        return frozenset().union(*(BY_ID[r].always for r in self.rows))

    @property
    def allowed(self) -> frozenset[str]:
        """The aspects declared to differ on some data at most."""
        return frozenset().union(*(BY_ID[r].always | BY_ID[r].sometimes for r in self.rows))

    def to_json(self) -> dict[str, Any]:
        return {"legacy": self.legacy, "translation": self.translation,
                "imports": list(self.imports), "verdict": self.verdict,
                "proven": self.proven, "rows": list(self.rows),
                "caller_changes": list(self.caller_changes), "why": self.why}


class _Refused(Exception):
    def __init__(self, key: str, **detail: Any) -> None:
        super().__init__(UNTRANSLATABLE[key].format(**detail))
        self.key = key


def translate(source: str, target: str = "modern", dynamic: Iterable[str] = ()) -> Translation:
    """The translation of one legacy expression for ``target`` (``modern``: Flask-SQLAlchemy
    3.1; ``lite``: Flask-SQLAlchemy-Lite). ``dynamic`` names the ``lazy="dynamic"``
    relationships known (``"Author.articles"`` or ``"articles"``): a chain on an
    instance's (``author.articles.count()``) is translated for ``WriteOnlyMapped``.
    Raises :class:`NotPython` for text that is not a Python expression, ValueError for
    a ``dynamic`` name that is no attribute; anything else untranslatable is a null
    translation."""
    text = _checked(source, target)
    known = dynamic_names(dynamic)
    try:
        tree = _parsed(text)
        return _Chain(text, target, dynamic=known).translate(tree.body)
    except _Refused as refused:
        return Translation(source, None, why=str(refused), untranslatable=refused.key)


def _checked(source: str, target: str) -> str:
    """The expression's text, stripped, once ``target`` is known to be one."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}: one of {', '.join(TARGETS)}")
    return source.strip()


def dynamic_names(dynamic: Iterable[str]) -> dict[str, str]:
    """Each dynamic relationship's attribute name -> how the caller named it
    (``Author.articles`` -> ``articles``). ValueError for a name that is not one."""
    found: dict[str, str] = {}
    for name in dynamic:
        parts = name.strip().split(".")
        if not all(part.isidentifier() for part in parts):
            raise ValueError(f"{name!r} is not a relationship: write Model.attribute "
                             "or attribute")
        found[parts[-1]] = name.strip()
    return found


def _parsed(text: str) -> ast.Expression:
    """``text`` parsed as one expression: refused when too long, :class:`NotPython` when
    it is not Python (a syntax error, or more nesting than the parser takes)."""
    if len(text) > MAX_LENGTH:
        raise _Refused("too long", limit=MAX_LENGTH)
    try:
        return ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise NotPython(f"not a Python expression: {error.msg} "
                        f"(line {error.lineno}, column {error.offset})") from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise NotPython(f"not a Python expression: {error}") from None


@dataclass
class _Chain:
    text: str
    target: str
    session: str = "db.session"
    db: str | None = "db"
    #: What select() is called with, and what the query selects now (with_entities).
    base: list[ast.expr] = field(default_factory=list)
    selected: list[ast.expr] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)
    #: The entity filter_by() names now (its source), or why it is unknown.
    filter_by_entity: str | None = None
    unknown_entity: str = ""
    joined: bool = False
    eager: bool = False
    #: Dynamic relationships: attribute name -> how the caller named it.
    dynamic: dict[str, str] = field(default_factory=dict)
    #: The chain's dynamic base (``author.articles``), if it has one.
    dynamic_base: ast.Attribute | None = None
    #: filter_by() names the select's one entity: kept as written (a dynamic base).
    own_filter_by: bool = False

    def src(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.text, node) or ast.unparse(node)

    def use(self, step: str) -> None:
        if step not in self.used:
            self.used.append(step)

    # -- reading the chain -----------------------------------------------------------

    def translate(self, node: ast.expr) -> Translation:
        ops = self.ops(node)
        *builders, last = ops if ops else [("iterate", None)]
        terminal: tuple[str, Any] = ("iterate", None)
        if last[0] in BUILDERS:
            builders.append(last)
        else:
            terminal = last
        for name, call in builders:
            if name not in BUILDERS or not isinstance(call, ast.Call):
                raise _Refused("not a query", detail=f"{name} ends the query, "
                                                     "nothing may follow it")
            self.builder(name, call)
        code, imports = self.terminal(*terminal, bare=not builders)
        steps = [BY_ID[s] for s in self.used]
        relationship = self.dynamic[self.dynamic_base.attr] if self.dynamic_base else ""
        changes = tuple(dict.fromkeys(c.replace("{relationship}", relationship)
                                      for s in steps for c in s.caller_changes))
        why = " ".join(f"{s.id}: {s.why}" for s in steps if s.kind != "builder"
                       or s.id in ("filter_by", "with_entities"))
        return Translation(self.text, code, imports, worst(s.verdict for s in steps),
                           all(s.proven for s in steps), tuple(self.used), changes, why)

    def ops(self, node: ast.expr) -> list[tuple[str, Any]]:
        """The chain's methods innermost first, after reading its base."""
        found: list[tuple[str, Any]] = []
        while True:
            if isinstance(node, ast.Attribute) and node.attr in self.dynamic \
                    and node.attr != "query":
                self.base_dynamic(node)
                break
            if isinstance(node, ast.Attribute) and node.attr == "query":
                self.base_model(node.value)
                break
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr == "query" and self.is_session(node.func.value):
                    self.base_session(node.func.value, node)
                    break
                found.append((node.func.attr, node))
                node = node.func.value
                continue
            if isinstance(node, ast.Subscript):
                found.append(("[]", node))
                node = node.value
                continue
            raise _Refused("not a query", detail=f"{self.src(node)!r} is no Model.query "
                                                 "or session.query(...) chain")
        known = (*BUILDERS, *TERMINALS, *(DYNAMIC_WRITES if self.dynamic_base else ()))
        for name, _ in found:
            if name not in known and name != "[]":
                raise _Refused("unknown method", detail=name, steps=", ".join(known))
        return found[::-1]

    def is_session(self, node: ast.expr) -> bool:
        return (isinstance(node, ast.Name) and node.id == "session") or (
            isinstance(node, ast.Attribute) and node.attr == "session")

    def base_model(self, model: ast.expr) -> None:
        if not isinstance(model, (ast.Name, ast.Attribute)):
            raise _Refused("not a query", detail=f"{self.src(model)!r} is not a model")
        self.selected = self.base = [model]
        self.filter_by_entity = self.src(model)

    def base_dynamic(self, node: ast.Attribute) -> None:
        """``instance.relationship``: the select is ``instance.relationship.select()``."""
        owner = node.value
        if (isinstance(owner, ast.Name) and owner.id[:1].isupper()) or (
                isinstance(owner, ast.Attribute) and owner.attr[:1].isupper()):
            raise _Refused("dynamic class", detail=self.src(node))
        self.dynamic_base = node
        self.selected = self.base = [node]
        self.own_filter_by = True
        self.use("dynamic")

    def entity(self, node: ast.expr) -> bool:
        """Whether ``node`` selects one entity: a dynamic base does."""
        return node is self.dynamic_base or is_entity(node)

    def statement(self) -> str:
        """The select so far, as code."""
        if self.dynamic_base is not None:
            return f"{self.src(self.dynamic_base)}.select(){''.join(self.parts)}"
        return f"select({', '.join(self.src(e) for e in self.base)}){''.join(self.parts)}"

    @property
    def select_import(self) -> tuple[str, ...]:
        """What the statement needs imported: ``.select()`` of a dynamic base, nothing."""
        return () if self.dynamic_base is not None else (SELECT,)

    def base_session(self, session: ast.expr, call: ast.Call) -> None:
        self.session = self.src(session)
        self.db = self.src(session.value) if isinstance(session, ast.Attribute) else None
        if call.keywords or not call.args:
            raise _Refused("arguments", detail=f"{self.src(call)}")
        self.base = list(call.args)
        self.select(call.args)

    def select(self, args: list[ast.expr]) -> None:
        self.selected = list(args)
        first = args[0]
        if is_entity(first):
            self.filter_by_entity = self.src(first)
        elif isinstance(first, ast.Attribute) and is_entity(first.value):
            self.filter_by_entity = self.src(first.value)
        else:
            self.filter_by_entity, self.unknown_entity = None, self.src(first)

    # -- builders ------------------------------------------------------------------

    def arguments(self, call: ast.Call) -> str:
        parts = [self.src(a) for a in call.args]
        for keyword in call.keywords:
            if keyword.arg is None:
                raise _Refused("arguments", detail=self.src(call))
            parts.append(f"{keyword.arg}={self.src(keyword.value)}")
        return ", ".join(parts)

    def builder(self, name: str, call: ast.Call) -> None:
        if name in NOT_AFTER_LIMIT and ("limit" in self.used or "offset" in self.used):
            raise _Refused("after limit", detail=name)
        self.use(name)
        if name == "filter_by":
            if call.args or any(k.arg is None for k in call.keywords):
                raise _Refused("arguments", detail=self.src(call))
            if self.own_filter_by:
                # One entity in the FROM: Select.filter_by names it on 2.0 and 2.1 alike.
                self.parts.append(f".filter_by({self.arguments(call)})")
                return
            if self.filter_by_entity is None:
                raise _Refused("filter_by entity", detail=self.unknown_entity)
            criteria = [f"{self.filter_by_entity}.{k.arg} == {self.operand(k.value)}"
                        for k in call.keywords]
            self.parts.append(f".where({', '.join(criteria)})")
            return
        method = {"filter": "where", "with_entities": "with_only_columns"}.get(name, name)
        self.parts.append(f".{method}({self.arguments(call)})")
        if name in ("join", "outerjoin", "with_entities"):
            self.own_filter_by = False
        if name in ("join", "outerjoin"):
            self.joined = True
            target = call.args[0] if call.args else None
            if target is not None and is_entity(target):
                self.filter_by_entity = self.src(target)
            else:
                self.filter_by_entity = None
                self.unknown_entity = self.src(call)
        elif name == "options":
            self.eager = True
        elif name == "with_entities":
            self.use("with_entities")
            if not call.args or call.keywords:
                raise _Refused("arguments", detail=self.src(call))
            self.selected = list(call.args)
            # Which entity filter_by() names next is not the last joined one (the legacy
            # Query raised InvalidRequestError for join(Address).with_entities(Author.id)
            # .filter_by(email=...)): not read from the expression.
            self.filter_by_entity, self.unknown_entity = None, self.src(call)

    def operand(self, node: ast.expr) -> str:
        atom = (ast.Name, ast.Constant, ast.Attribute, ast.Call, ast.Subscript, ast.List,
                ast.Tuple, ast.Dict, ast.Set)
        return self.src(node) if isinstance(node, atom) else f"({self.src(node)})"

    # -- terminals -----------------------------------------------------------------

    def terminal(self, name: str, node: Any, bare: bool) -> tuple[str, tuple[str, ...]]:
        if self.dynamic_base is not None and name in (*DYNAMIC_WRITES, "get"):
            return self.dynamic_terminal(name, node, bare)
        entity = len(self.selected) == 1 and self.entity(self.selected[0])
        has_entity = any(self.entity(e) for e in self.selected)
        stmt = self.statement()
        select = self.select_import
        unique = ""
        if has_entity and (self.joined or self.eager):
            unique = ".unique()"
            self.use("rule.unique")
        if name not in ("count", "get", "paginate"):
            self.use("rule.rows")
        if not entity and name not in ("scalar", "count", "get", "paginate") and any(
                isinstance(e, ast.Call) for e in self.selected):
            self.use("rule.row_keys")
        fetch = "scalars" if entity else "execute"
        s = self.session
        if "order_by" not in self.used and (
                "limit" in self.used or "offset" in self.used
                or (name == "[]" and self.keeps_a_subset(node))):
            self.use("rule.unordered_subset")
        if name == "[]":
            code = self.subscript(node, fetch, stmt, unique)
            return code, select if code != "[]" else ()
        self.use(name)
        if name != "iterate" and (node.args or node.keywords) and name not in ("get",
                                                                              "paginate"):
            raise _Refused("arguments", detail=self.src(node))
        if name == "iterate":
            return f"{s}.{fetch}({stmt}){unique}", select
        if name in ("all", "one", "one_or_none"):
            return f"{s}.{fetch}({stmt}){unique}.{name}()", select
        if name == "first":
            self.use("rule.limit_first")
            return f"{s}.{fetch}({stmt}.limit(1)){unique}.first()", select
        if name == "scalar":
            return f"{s}.execute({stmt}){unique}.scalar_one_or_none()", select
        if name == "count":
            return (f"{s}.scalar(select(func.count()).select_from({stmt}.subquery()))",
                    (SELECT, FUNC))
        if name == "get":
            criteria = [u for u in self.used if u in GET_REFUSES]
            if criteria:
                raise _Refused("get with criteria", detail=", ".join(criteria))
            others = [u for u in self.used if u in BUILDERS and u not in GET_ALLOWS]
            if others:
                raise _Refused("get after", detail=", ".join(others))
            if not entity:
                raise _Refused("not a query", detail="Query.get() needs one entity")
            options = [p[len(".options("):-1] for p in self.parts if p.startswith(".options(")]
            extra = f", options=[{', '.join(options)}]" if options else ""
            return f"{s}.get({self.src(self.selected[0])}, {self.arguments(node)}{extra})", ()
        # paginate
        if not entity:
            raise _Refused("paginate columns",
                           detail=", ".join(self.src(e) for e in self.selected))
        if self.target == "lite":
            raise _Refused("paginate lite")
        if self.db is None:
            raise _Refused("session", detail=self.session)
        if node.args:
            raise _Refused("arguments", detail=self.src(node))
        if "limit" in self.used or "offset" in self.used:
            raise _Refused("paginate after limit")
        arguments = self.arguments(node)
        return f"{self.db}.paginate({stmt}{', ' if arguments else ''}{arguments})", select

    def dynamic_terminal(self, name: str, node: ast.Call,
                         bare: bool) -> tuple[str, tuple[str, ...]]:
        """A dynamic collection's own ``append``/``extend``/``remove``, or its ``get``."""
        assert self.dynamic_base is not None
        base = self.src(self.dynamic_base)
        if name == "get":
            raise _Refused("dynamic get", detail=base)
        if not bare:
            raise _Refused("dynamic write", detail=name)
        if len(node.args) != 1 or node.keywords:
            raise _Refused("arguments", detail=self.src(node))
        self.use(f"dynamic.{name}")
        return f"{base}.{DYNAMIC_WRITES[name]}({self.src(node.args[0])})", ()

    def keeps_a_subset(self, node: ast.Subscript) -> bool:
        """Whether ``query[...]`` sends a LIMIT or an OFFSET (``[:]`` sends neither)."""
        item = node.slice
        return not (isinstance(item, ast.Slice) and item.lower is None and item.upper is None)

    def subscript(self, node: ast.Subscript, fetch: str, stmt: str, unique: str) -> str:
        s, item = self.session, node.slice
        if isinstance(item, ast.Slice):
            if item.step is not None:
                raise _Refused("slice", detail=self.src(node))
            bounds = [literal(b) for b in (item.lower, item.upper)]
            if any(b is False for b in bounds):
                raise _Refused("slice", detail=self.src(node))
            start, stop = bounds
            # In Query's __getitem__'s order: an empty range first, then negative bounds.
            if isinstance(start, int) and isinstance(stop, int) and stop <= start:
                if self.dynamic_base is not None:
                    raise _Refused("dynamic empty slice", detail=self.src(node))
                self.use("rule.empty_slice")
                return "[]"
            for bound in (start, stop):
                if isinstance(bound, int) and bound < 0:
                    raise _Refused("negative index", detail=self.src(node))
            self.use("slice")
            return (f"{s}.{fetch}({stmt}.slice({_text(start)}, {_text(stop)}))"
                    f"{unique}.all()")
        index = literal(item)
        if not isinstance(index, int) or index is None:
            raise _Refused("slice", detail=self.src(node))
        if index < 0:
            raise _Refused("negative index", detail=self.src(node))
        self.use("index")
        return f"{s}.{fetch}({stmt}.slice({index}, {index + 1})){unique}.all()[0]"


def is_entity(node: ast.expr) -> bool:
    """A bare name, or a dotted name whose last part is capitalised: an entity."""
    if isinstance(node, ast.Name):
        return True
    return isinstance(node, ast.Attribute) and node.attr[:1].isupper()


def literal(node: ast.expr | None) -> int | bool | None:
    """A slice bound: an int, None (absent or written), or False for anything else."""
    if node is None:
        return None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = literal(node.operand)
        return -inner if isinstance(inner, int) and not isinstance(inner, bool) else False
    if isinstance(node, ast.Constant) and (node.value is None or (
            isinstance(node.value, int) and not isinstance(node.value, bool))):
        return node.value  # type: ignore[no-any-return]
    return False


def _text(bound: int | bool | None) -> str:
    return repr(bound)


def statement(source: str, target: str = "modern") -> Translation:
    """The ``select()`` a builder-only chain (``Model.query.filter(...)``, no terminal)
    stands for, as one expression: what a Query stored in a variable becomes when every
    use of it is translated too (``comparisons.scan``). ``rows`` are the builders' steps
    only; the verdict is the uses' to give. Raises :class:`NotPython` as ``translate``."""
    text = _checked(source, target)
    try:
        tree = _parsed(text)
        chain = _Chain(text, target)
        for name, call in chain.ops(tree.body):
            if name not in BUILDERS or not isinstance(call, ast.Call):
                raise _Refused("not a query", detail=f"{name} ends the query; a stored "
                                                     "statement has builders only")
            chain.builder(name, call)
        stmt = f"select({', '.join(chain.src(e) for e in chain.base)}){''.join(chain.parts)}"
        steps = [BY_ID[s] for s in chain.used]
        return Translation(text, stmt, (SELECT,), worst(s.verdict for s in steps),
                           all(s.proven for s in steps), tuple(chain.used))
    except _Refused as refused:
        return Translation(source, None, why=str(refused), untranslatable=refused.key)
