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
    EXPRESSIONS,
    TERMINALS,
    UNTRANSLATABLE,
    worst,
)

TARGETS = ("modern", "lite")
#: Longer expressions are refused before they are parsed.
MAX_LENGTH = 2000
SELECT = "from sqlalchemy import select"
FUNC = "from sqlalchemy import func"
ABORT = "from flask import abort"
WITH_PARENT = "from sqlalchemy.orm import with_parent"
#: Terminals whose translation is one of Flask-SQLAlchemy's or Lite's helpers.
NOT_FOUND = ("first_or_404", "one_or_404", "get_or_404")
#: The builders a bulk update() or delete() keeps: its WHERE.
BULK_ALLOWS = ("filter", "filter_by", "with_parent")
#: Loader options that join the related rows into the entity's own.
JOINED_LOADERS = ("joinedload", "contains_eager")


#: Builders the legacy Query refuses after limit() or offset() (Query._no_limit_offset).
NOT_AFTER_LIMIT = ("filter", "filter_by", "order_by", "group_by", "having", "join",
                   "outerjoin", "with_parent")


#: Builders Query.get() accepts before it (Query._no_criterion_condition): it ignores
#: the ordering and DISTINCT, and applies the loader options, as Session.get(options=).
GET_ALLOWS = ("order_by", "distinct", "options")
#: What makes Query.select_from() raise InvalidRequestError (_no_clauseelement_condition).
SELECT_FROM_REFUSES = ("filter", "filter_by", "with_parent", "order_by", "join", "outerjoin",
                       "limit", "offset", "distinct", "group_by", "select_from")
#: The builders of ``steps`` that ``_Chain.new_builder`` writes.
NEW_BUILDERS = ("add_columns", "add_entity", "with_parent", "select_from",
                "reset_joinpoint", "correlate", "union", "union_all")
#: Builders after which Query.get() raises InvalidRequestError (its criterion check).
GET_REFUSES = ("filter", "filter_by", "join", "outerjoin", "limit", "offset", "group_by",
               "with_parent", "select_from", "union", "union_all")
#: Terminals whose result shows the order of the rows (rule.ties); one(), one_or_none()
#: and scalar() show it only through a LIMIT or OFFSET, count() and get() never.
SHOW_ORDER = ("all", "first", "iterate", "[]", "paginate", "first_or_404")
#: The rules of an order the database decides.
ORDER_RULES = ("rule.unordered_subset", "rule.ties")


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
        _removed_execute(text, tree.body)
        return _Chain(text, target, dynamic=known).translate(tree.body)
    except _Refused as refused:
        return Translation(source, None, why=str(refused), untranslatable=refused.key)


def _checked(source: str, target: str) -> str:
    """The expression's text, stripped, once ``target`` is known to be one."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}: one of {', '.join(TARGETS)}")
    return source.strip()


def _removed_execute(text: str, node: ast.expr) -> None:
    """Refuse ``session.execute("SQL")`` and ``engine.execute(...)``, which SQLAlchemy 2.0
    removed, naming what the installed version raises and what to write instead."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "execute"):
        return
    receiver = node.func.value
    name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
    src = ast.get_source_segment(text, receiver) or ast.unparse(receiver)
    if name == "engine":
        raise _Refused("removed engine execute", detail=f"{src}.execute()", engine=src)
    first = node.args[0] if node.args else None
    if name == "session" and isinstance(first, ast.Constant) and isinstance(first.value, str):
        sql = ast.get_source_segment(text, first) or repr(first.value)
        raise _Refused("removed session execute", detail=f"{src}.execute(<a string>)",
                       example=f"{src}.execute(text({sql}))")


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
    #: The ORDER BY's clauses, all order_by() calls together (order_by(None) empties it).
    order_clauses: list[ast.expr] = field(default_factory=list)
    joined_eager: bool = False
    #: A joinedload() among the options: with no order_by(), its ORDER BY (the
    #: collection's order_by) orders the children and leaves the parents tied.
    eager_order: bool = False
    #: The entity filter_by() names once reset_joinpoint() forgets the joins.
    zero_entity: str | None = None
    #: The entity the query's first column belongs to (the base's).
    base_entity: str | None = None
    #: Every builder called, in order (``used`` holds each once).
    order: list[str] = field(default_factory=list)
    #: union() or union_all() and the other queries' selects, once the chain has one.
    union: tuple[str, list[str]] | None = None
    imports: list[str] = field(default_factory=list)
    #: Dynamic relationships: attribute name -> how the caller named it.
    dynamic: dict[str, str] = field(default_factory=dict)
    #: The chain's dynamic base (``author.articles``), if it has one.
    dynamic_base: ast.Attribute | None = None
    #: filter_by() names the select's one entity: kept as written (a dynamic base).
    own_filter_by: bool = False

    def src(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.text, node) or ast.unparse(node)

    def expr(self, node: ast.AST) -> str:
        """``node``'s source with every legacy query inside it that ends in ``exists()`` or
        ``subquery()`` (``Author.id.in_(q.subquery())``) written as its select."""
        text = self.src(node)
        for inner in nested_queries(node):
            text = text.replace(self.src(inner), self.nested(inner), 1)
        return text

    def nested(self, call: ast.Call) -> str:
        """One query used as an expression, translated; its steps are this chain's too."""
        assert isinstance(call.func, ast.Attribute)
        name = call.func.attr
        if call.args or call.keywords:
            raise _Refused("arguments", detail=self.src(call))
        inner = _Chain(self.text, self.target)
        for method, builder in inner.ops(call.func.value):
            if method not in BUILDERS or not isinstance(builder, ast.Call):
                raise _Refused("not a query", detail=f"{method} ends the query inside "
                                                     f"{name}()")
            inner.builder(method, builder)
        inner.use(name)
        for step in inner.used:
            self.use(step)
        self.imports.extend(i for i in inner.imports if i not in self.imports)
        if name == "exists":
            return (f"{inner.statement_text()}.with_only_columns(1, maintain_column_froms=True)"
                    ".exists()")
        return f"{inner.statement_text()}.subquery()"

    def statement_text(self) -> str:
        """The select() the builders read so far make (a dynamic base's own
        ``.select()``: WriteOnlyCollection.select())."""
        if self.dynamic_base is not None:
            return f"{self.src(self.dynamic_base)}.select(){''.join(self.parts)}"
        stmt = f"select({', '.join(self.expr(e) for e in self.base)}){''.join(self.parts)}"
        if self.union is None:
            return stmt
        operation, others = self.union
        subquery = f"{operation}({', '.join([stmt, *others])}).subquery()"
        if len(self.selected) == 1 and is_entity(self.selected[0]):
            return f"select(aliased({self.src(self.selected[0])}, {subquery}))"
        return f"select(*{subquery}.c)"

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
        imports = (*imports, *(i for i in self.imports if i not in imports))
        steps = [BY_ID[s] for s in self.used]
        relationship = self.dynamic[self.dynamic_base.attr] if self.dynamic_base else ""
        changes = tuple(dict.fromkeys(c.replace("{relationship}", relationship)
                                      for s in steps for c in s.caller_changes))
        why = " ".join(f"{s.id}: {s.why}" for s in steps if s.kind != "builder"
                       or s.verdict != "identical" or s.id in ("filter_by", "with_entities"))
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
        known = (*BUILDERS, *TERMINALS, *EXPRESSIONS,
                 *(DYNAMIC_WRITES if self.dynamic_base else ()))
        for name, _ in found:
            if name == "from_self":
                raise _Refused("removed from_self")
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
        self.filter_by_entity = self.zero_entity = self.base_entity = self.src(model)

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
        self.zero_entity = self.base_entity = self.filter_by_entity

    # -- builders ------------------------------------------------------------------

    def arguments(self, call: ast.Call) -> str:
        parts = [self.expr(a) for a in call.args]
        for keyword in call.keywords:
            if keyword.arg is None:
                raise _Refused("arguments", detail=self.src(call))
            parts.append(f"{keyword.arg}={self.expr(keyword.value)}")
        return ", ".join(parts)

    def builder(self, name: str, call: ast.Call) -> None:
        self.order.append(name)
        if self.union is not None:  # before the LIMIT check: the union is a new query
            raise _Refused("after union", detail=name)
        if name == "with_parent":  # it fails on the joined entity before filter() checks
            self.with_parent_entity()
        if name in NOT_AFTER_LIMIT and ("limit" in self.used or "offset" in self.used):
            # Query.with_parent() refuses as the Query.filter() it calls.
            raise _Refused("after limit", detail="filter" if name == "with_parent" else name)
        if name == "select_from":
            criteria = [u for u in self.used if u in SELECT_FROM_REFUSES]
            if criteria:
                raise _Refused("select_from after", detail=", ".join(criteria))
        self.use(name)
        if name in NEW_BUILDERS:
            self.new_builder(name, call)
            return
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
            if isinstance(target, ast.Constant) and isinstance(target.value, str):
                raise _Refused("removed string join", detail=self.src(call),
                               example=f".{name}({self.zero_entity or 'Model'}.{target.value})")
            if target is not None and is_entity(target):
                self.filter_by_entity = self.src(target)
            else:
                self.filter_by_entity = None
                self.unknown_entity = self.src(call)
        elif name == "options":
            self.eager = True
            self.no_string_options(call)
            # A joined eager load repeats the entity per related row (rule.unique).
            self.joined_eager |= any(
                isinstance(o, ast.Call) and self.src(o.func).endswith(JOINED_LOADERS)
                for o in call.args)
            self.eager_order |= any(
                isinstance(o, ast.Call) and self.src(o.func).endswith("joinedload")
                for o in call.args)
        elif name == "order_by":
            none = [a for a in call.args if isinstance(a, ast.Constant) and a.value is None]
            self.order_clauses = [] if none else [*self.order_clauses, *call.args]
        elif name == "with_entities":
            self.use("with_entities")
            if not call.args or call.keywords:
                raise _Refused("arguments", detail=self.src(call))
            self.selected = list(call.args)
            # Which entity filter_by() names next is not the last joined one (the legacy
            # Query raised InvalidRequestError for join(Address).with_entities(Author.id)
            # .filter_by(email=...)): not read from the expression.
            self.filter_by_entity, self.unknown_entity = None, self.src(call)

    def new_builder(self, name: str, call: ast.Call) -> None:
        """add_columns, add_entity, with_parent, select_from, reset_joinpoint, correlate,
        union and union_all."""
        if name == "reset_joinpoint":
            if call.args or call.keywords:
                raise _Refused("arguments", detail=self.src(call))
            self.filter_by_entity = self.zero_entity
            return
        if name == "with_parent":
            self.with_parent(call)
            return
        if not call.args or call.keywords:
            raise _Refused("arguments", detail=self.src(call))
        if name in ("union", "union_all"):
            self.union_of(name, call)
            return
        method = {"add_entity": "add_columns"}.get(name, name)
        self.parts.append(f".{method}({self.arguments(call)})")
        if name in ("add_columns", "add_entity"):
            self.selected = [*self.selected, *call.args]
        elif name == "select_from":
            # An entity from another table repeats per row of it, as after a join.
            self.joined = True
            first = call.args[0]
            self.filter_by_entity = self.zero_entity = \
                self.src(first) if is_entity(first) else None
            self.unknown_entity = self.src(call)

    def union_of(self, name: str, call: ast.Call) -> None:
        """``.union(q, ...)``: the other legacy queries as selects; the statement becomes a
        select from the set operation (``statement_text``)."""
        if "options" in self.used:
            raise _Refused("union options", detail=name)
        entities = [e for e in self.selected if is_entity(e)]
        if entities and len(self.selected) > 1:
            raise _Refused("union entities", detail=", ".join(self.src(e)
                                                              for e in self.selected))
        others = []
        for query in call.args:
            if not is_query(query):
                raise _Refused("arguments", detail=self.src(call))
            inner = _Chain(self.text, self.target)
            for method, builder in inner.ops(query):
                if method not in BUILDERS or not isinstance(builder, ast.Call):
                    raise _Refused("not a query", detail=f"{method} ends a query union() "
                                                         "takes")
                inner.builder(method, builder)
            others.append(inner.statement_text())
            for step in inner.used:
                self.use(step)
            self.imports.extend(i for i in inner.imports if i not in self.imports)
        self.union = (name, others)
        self.joined = True  # union_all() repeats an entity the legacy Query de-duplicates
        self.imports.append(f"from sqlalchemy import {name}")
        if len(self.selected) == 1 and is_entity(self.selected[0]):
            self.imports.append("from sqlalchemy.orm import aliased")

    def with_parent(self, call: ast.Call) -> None:
        """``.with_parent(instance, Model.rel[, from_entity])`` as the function's WHERE."""
        args = [self.expr(a) for a in call.args]
        for keyword in call.keywords:
            if keyword.arg not in ("property", "from_entity") or \
                    (keyword.arg == "property" and len(args) != 1):
                raise _Refused("arguments", detail=self.src(call))
            if keyword.arg == "property":
                args.append(self.expr(keyword.value))
            else:
                args.append(f"from_entity={self.expr(keyword.value)}")
        if len(args) < 2 or args[1].startswith("from_entity="):
            raise _Refused("with_parent property", detail=self.src(call))
        if len(args) == 2:
            self.with_parent_entity()
        self.parts.append(f".where(with_parent({', '.join(args)}))")
        if WITH_PARENT not in self.imports:
            self.imports.append(WITH_PARENT)

    def with_parent_entity(self) -> None:
        """Query.with_parent() relates the instance to the entity filter_by() names
        (_legacy_filter_by_entity_zero): refused after a join, which names the joined one."""
        if self.filter_by_entity is None or self.filter_by_entity != self.base_entity:
            raise _Refused("with_parent after join", detail=", ".join(
                u for u in self.used if u in ("join", "outerjoin", "select_from",
                                              "with_entities")) or self.unknown_entity)

    def no_string_options(self, call: ast.Call) -> None:
        """Refuse a loader option naming its attribute by a string (``joinedload("x")``)."""
        for option in call.args:
            if isinstance(option, ast.Call) and any(
                    isinstance(a, ast.Constant) and isinstance(a.value, str)
                    for a in option.args):
                example = ast.Call(option.func, [
                    ast.Attribute(ast.Name(self.zero_entity or "Model"), a.value)
                    if isinstance(a, ast.Constant) and isinstance(a.value, str) else a
                    for a in option.args], option.keywords)
                raise _Refused("removed string option", detail=self.src(option),
                               example=ast.unparse(example))

    def operand(self, node: ast.expr) -> str:
        atom = (ast.Name, ast.Constant, ast.Attribute, ast.Call, ast.Subscript, ast.List,
                ast.Tuple, ast.Dict, ast.Set)
        return self.expr(node) if isinstance(node, atom) else f"({self.expr(node)})"

    # -- terminals -----------------------------------------------------------------

    def terminal(self, name: str, node: Any, bare: bool) -> tuple[str, tuple[str, ...]]:
        if self.dynamic_base is not None and name in (*DYNAMIC_WRITES, "get"):
            return self.dynamic_terminal(name, node, bare)
        entity = len(self.selected) == 1 and self.entity(self.selected[0])
        has_entity = any(self.entity(e) for e in self.selected)
        stmt = self.statement_text()
        select = self.select_import
        if name in (*NOT_FOUND, "update", "delete", *EXPRESSIONS):
            return self.helper_terminal(name, node, stmt, entity)
        unique = ""
        if has_entity and (self.joined or self.eager):
            unique = ".unique()"
            self.use("rule.unique")
        if name not in ("count", "get", "paginate"):
            self.use("rule.rows")
        if not entity and name not in ("scalar", "count", "get", "paginate"):
            self.row_rules()
        fetch = "scalars" if entity else "execute"
        s = self.session
        self.order_rules(name, node)
        if name == "[]":
            code = self.subscript(node, fetch, stmt, unique)
            if code == "[]":  # no SQL is sent: no rows to order or keep
                self.used = [u for u in self.used if u not in ORDER_RULES]
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
            extra = self.get_options(entity)
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
        # A LIMIT before union() is a member's, inside the subquery the union becomes:
        # the legacy Query pages the union (union() is the last builder translated).
        if ("limit" in self.used or "offset" in self.used) and self.union is None:
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

    def order_rules(self, name: str, node: Any) -> None:
        """``rule.unordered_subset`` and ``rule.ties``, where the terminal ``name``
        returns rows whose choice or order the database decides."""
        limited = "limit" in self.used or "offset" in self.used
        if not self.order_clauses and (limited or (name == "[]" and self.keeps_a_subset(node))):
            self.use("rule.unordered_subset")
        ties = (not self.total_order() if self.order_clauses
                else self.eager_order and "rule.unordered_subset" not in self.used)
        if ties and (name in SHOW_ORDER or (limited and name not in ("count", "get"))):
            self.use("rule.ties")

    def total_order(self) -> bool:
        """Whether the ORDER BY ends in ``Entity.id`` (or its ``.asc()``/``.desc()``) and
        the query selects that entity or its columns only, so no two rows it returns tie.
        The primary key is read as the column named ``id``: no model is looked at."""
        return self.total_by(self.order_clauses[-1])

    def total_by(self, last: ast.expr) -> bool:
        """Whether ``last``, the ORDER BY's last clause, is the selected entity's ``id``;
        a conditional clause (``Post.id.desc() if newest else Post.id``) where both of
        its branches are."""
        if isinstance(last, ast.IfExp):
            return self.total_by(last.body) and self.total_by(last.orelse)
        if (isinstance(last, ast.Call) and isinstance(last.func, ast.Attribute)
                and last.func.attr in ("asc", "desc") and not last.args):
            last = last.func.value
        if not (isinstance(last, ast.Attribute) and last.attr == "id"
                and is_entity(last.value)):
            return False
        owner = self.src(last.value)
        if self.selected == [self.dynamic_base]:
            # The relationship's class, which the expression does not name: an ORDER BY
            # ending in some Entity.id is read as ending in its key.
            return True
        return all(self.src(e) == owner or (isinstance(e, ast.Attribute)
                                            and self.src(e.value) == owner)
                   for e in self.selected)

    def row_rules(self) -> None:
        """The rules of Rows whose keys differ: an unlabeled function, a column name
        selected twice (Author.id twice, or Author.id and Address.id)."""
        if any(isinstance(e, ast.Call) for e in self.selected):
            self.use("rule.row_keys")
        names = [e.attr for e in self.selected if isinstance(e, ast.Attribute)
                 and not is_entity(e)]
        if len(set(names)) < len(names):
            self.use("rule.repeated_key")

    def get_options(self, entity: bool) -> str:
        """Query.get()'s refusals, then the loader options it applies, as Session.get's
        ``options=`` argument (or nothing)."""
        # with_entities() keeps the joins before it where Query.get()'s criterion check
        # does not look (_MemoizedSelectEntities): get() after join().with_entities()
        # does not raise (found by the chain test).
        last = max((i for i, n in enumerate(self.order) if n == "with_entities"), default=-1)
        criteria = [n for i, n in enumerate(self.order) if n in GET_REFUSES
                    and not (n in ("join", "outerjoin") and i < last)]
        if criteria:
            raise _Refused("get with criteria", detail=", ".join(dict.fromkeys(criteria)))
        others = [u for u in self.used if u in BUILDERS and u not in GET_ALLOWS]
        if others:
            raise _Refused("get after", detail=", ".join(others))
        if not entity:
            raise _Refused("not a query", detail="Query.get() needs one entity")
        options = [p[len(".options("):-1] for p in self.parts if p.startswith(".options(")]
        return f", options=[{', '.join(options)}]" if options else ""

    def helper_terminal(self, name: str, node: ast.Call, stmt: str,
                        entity: bool) -> tuple[str, tuple[str, ...]]:
        """The ``*_or_404`` terminals, ``update()``, ``delete()``, and a query used as an
        expression (``exists()``, ``subquery()``)."""
        if name in ("update", "delete") and self.dynamic_base is not None:
            raise _Refused("dynamic bulk", detail=name)
        self.use(name)
        if name in ("update", "delete"):
            return self.bulk(name, node, entity)
        if name in EXPRESSIONS:
            return self.nested(node), (SELECT,)
        described = self.description(node, ident=name == "get_or_404")
        if name != "get_or_404":  # the row a 404 helper returns is the database's choice
            self.order_rules(name, node)
        if name == "get_or_404":
            return self.get_or_404(node, entity, described), ()
        self.use("rule.rows")
        if not entity:
            self.row_rules()
        if name == "first_or_404":
            return self.first_or_404(stmt, entity, described)
        return self.one_or_404(stmt, entity, described), (SELECT,)

    def get_or_404(self, node: ast.Call, entity: bool, described: str) -> str:
        """``db.get_or_404(Model, id)``; Lite's ``db.get_or_abort(Model, id)``."""
        extra = self.get_options(entity)
        if self.db is None:
            raise _Refused("session", detail=self.session)
        helper, more = "get_or_404", f", description={described}" if described else ""
        if self.target == "lite":
            helper = "get_or_abort"
            more = f", abort_kwargs={{'description': {described}}}" if described else ""
        return (f"{self.db}.{helper}({self.src(self.selected[0])}, {self.expr(node.args[0])}"
                f"{extra}{more})")

    def first_or_404(self, stmt: str, entity: bool,
                     described: str) -> tuple[str, tuple[str, ...]]:
        """``db.first_or_404(stmt.limit(1))`` for an entity on Flask-SQLAlchemy; else the
        first entity or Row with LIMIT 1, ``or abort(404)``."""
        self.use("rule.limit_first")
        if entity and self.target == "modern" and self.db is not None:
            more = f", description={described}" if described else ""
            return f"{self.db}.first_or_404({stmt}.limit(1){more})", (SELECT,)
        unique = ""
        if entity and (self.joined or self.eager):
            unique = ".unique()"
            self.use("rule.unique")
        fetch = "scalars" if entity else "execute"
        abort = f"abort(404{', description=' + described if described else ''})"
        return (f"{self.session}.{fetch}({stmt}.limit(1)){unique}.first() or {abort}",
                (SELECT, ABORT))

    def one_or_404(self, stmt: str, entity: bool, described: str) -> str:
        """``db.one_or_404(stmt)``; Lite's ``db.one_or_abort(stmt)``. Neither de-duplicates:
        refused where the legacy Query's de-duplication may matter."""
        if self.joined or self.joined_eager:
            raise _Refused("one_or_404 unique", detail=", ".join(
                u for u in self.used if u in ("join", "outerjoin", "select_from", "options",
                                              "union", "union_all")))
        if self.db is None:
            raise _Refused("session", detail=self.session)
        if self.target == "lite":
            rows = "" if entity else ", scalar=False"
            more = f", abort_kwargs={{'description': {described}}}" if described else ""
            return f"{self.db}.one_or_abort({stmt}{rows}{more})"
        if not entity:
            raise _Refused("404 rows", detail="one_or_404()")
        more = f", description={described}" if described else ""
        return f"{self.db}.one_or_404({stmt}{more})"

    def description(self, node: ast.Call, ident: bool) -> str:
        """The ``description=`` of a ``*_or_404`` call (its source), or ""; ``ident``: the
        call takes the id first (get_or_404)."""
        positional = node.args[1:] if ident else node.args
        if ident and not node.args:
            raise _Refused("arguments", detail=self.src(node))
        if len(positional) > 1 or any(k.arg != "description" for k in node.keywords):
            raise _Refused("arguments", detail=self.src(node))
        found = [*positional, *(k.value for k in node.keywords)]
        if len(found) > 1:
            raise _Refused("arguments", detail=self.src(node))
        return self.expr(found[0]) if found else ""

    def bulk(self, name: str, node: ast.Call, entity: bool) -> tuple[str, tuple[str, ...]]:
        """``update({...})`` and ``delete()`` as an UPDATE or DELETE statement executed."""
        others = [u for u in self.used if u in BUILDERS and u not in BULK_ALLOWS]
        if others or not entity or self.base != self.selected:
            raise _Refused("bulk", detail=f"{name}() after {', '.join(others)}" if others
                           else f"{name}() of {self.src(self.selected[0])}")
        args = list(node.args)
        values = ""
        if name == "update":
            if not args:
                raise _Refused("arguments", detail=self.src(node))
            values = f".values({self.expr(args.pop(0))})"
        sync = [*args, *(k.value for k in node.keywords if k.arg == "synchronize_session")]
        if len(sync) > 1 or len(args) + len(node.keywords) != len(sync) or \
                any(k.arg != "synchronize_session" for k in node.keywords):
            raise _Refused("arguments", detail=self.src(node))
        options = f".execution_options(synchronize_session={self.expr(sync[0])})" if sync else ""
        model = self.src(self.selected[0])
        return (f"{self.session}.execute({name}({model}){''.join(self.parts)}{values}{options})"
                ".rowcount", (f"from sqlalchemy import {name}", *self.imports))

    def keeps_a_subset(self, node: ast.Subscript) -> bool:
        """Whether ``query[...]`` sends a LIMIT or an OFFSET (``[:]`` and ``[0:]`` send
        neither: ``_make_slice`` drops an offset of 0)."""
        item = node.slice
        if not isinstance(item, ast.Slice) or item.upper is not None:
            return True
        lower = literal(item.lower)
        return lower is False or lower not in (None, 0)

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


def is_query(node: ast.expr) -> bool:
    """Whether ``node`` is a legacy query chain: ``Model.query`` or ``<x>.session.query(...)``
    under its methods (read by shape, as ``_Chain.ops`` reads it)."""
    while True:
        if isinstance(node, ast.Attribute) and node.attr == "query":
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "query" and isinstance(node.func.value, (ast.Name,
                                                                          ast.Attribute)):
                session = node.func.value
                return (session.id if isinstance(session, ast.Name) else session.attr) \
                    == "session"
            node = node.func.value
            continue
        if isinstance(node, ast.Subscript):
            node = node.value
            continue
        return False


def nested_queries(node: ast.AST) -> list[ast.Call]:
    """The outermost ``<legacy query>.exists()`` / ``.subquery()`` calls inside ``node``."""
    found: list[ast.Call] = []
    todo = [node]
    while todo:
        current = todo.pop()
        if isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute) and \
                current.func.attr in EXPRESSIONS and is_query(current.func.value):
            found.append(current)
            continue
        todo.extend(ast.iter_child_nodes(current))
    return found


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
        stmt = chain.statement_text()
        steps = [BY_ID[s] for s in chain.used]
        return Translation(text, stmt, (SELECT, *chain.imports), worst(s.verdict for s in steps),
                           all(s.proven for s in steps), tuple(chain.used))
    except _Refused as refused:
        return Translation(source, None, why=str(refused), untranslatable=refused.key)
