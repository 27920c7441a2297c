"""Every legacy site of a module, each with its replacement from ``translate()`` or the
reason it has none. Read with ``ast`` only: the application is never imported.

A site's ``kind`` is ``query`` (a ``Model.query``/``session.query(...)`` chain, or a use
of a Query stored in a variable or attribute), ``dynamic`` (a call on a
``lazy="dynamic"`` relationship the scanned models declare), ``model`` (a legacy model
definition) or ``removed`` (a form SQLAlchemy 2.0 or Flask-SQLAlchemy 3.x removed).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from comparisons.scan.project import QUERY_BASES, Module, Project
from comparisons.translate.core import Translation, statement, translate
from comparisons.translate.steps import BUILDERS, TERMINALS, worst

#: Loader options SQLAlchemy 2.0 no longer takes by attribute name.
LOADERS = frozenset({"joinedload", "selectinload", "subqueryload", "lazyload", "noload",
                     "raiseload", "immediateload", "defer", "undefer", "load_only",
                     "contains_eager", "defaultload"})
MODEL_WHY = ("a model definition: rewritten by hand as Mapped[...] = mapped_column(...) "
             "and relationship(back_populates=...) (the catalog's relationships rows)")
DYNAMIC_WHY = "a call on {model}.{name}, a lazy='dynamic' relationship: {why}"
REMOVED = {
    "string_option": "a loader option by attribute name: SQLAlchemy 2.0 takes the "
                     "attribute only (joinedload(Model.attr))",
    "from_self": "Query.from_self() was removed in SQLAlchemy 2.0: select from a subquery",
    "engine_execute": "Engine.execute() was removed in SQLAlchemy 2.0: use "
                      "`with engine.connect() as c: c.execute(...)`",
    "raw_execute": "execute() of a SQL string was removed in SQLAlchemy 2.0: wrap it in "
                   "text()",
    "select_list": "select([...]) was removed in SQLAlchemy 2.0: select(a, b)",
    "get_debug_queries": "get_debug_queries() was removed in Flask-SQLAlchemy 3.0: "
                         "flask_sqlalchemy.record_queries.get_recorded_queries()",
    "get_engine": "db.get_engine() was removed in Flask-SQLAlchemy 3.1: db.engine or "
                  "db.engines[key]",
    "paginate_positional": "paginate()'s arguments are keyword-only since Flask-SQLAlchemy "
                           "3.0: paginate(page=..., per_page=...)",
}


@dataclass
class Site:
    path: str
    line: int
    end_line: int
    column: int
    kind: str
    legacy: str
    shape: str
    replacement: str | None = None
    imports: tuple[str, ...] = ()
    verdict: str | None = None
    proven: bool = False
    rows: tuple[str, ...] = ()
    caller_changes: tuple[str, ...] = ()
    reason: str | None = None
    #: The span replaced (absolute character offsets into the file's text).
    span: tuple[int, int] = (0, 0)
    #: Sites replaced together or not at all (a stored Query's definition and uses).
    group: str | None = None
    #: The replacement names ``db``, which the module does not bind.
    needs_db: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "end_line": self.end_line,
                "column": self.column, "kind": self.kind, "legacy": self.legacy,
                "shape": self.shape, "replacement": self.replacement,
                "imports": list(self.imports), "verdict": self.verdict,
                "proven": self.proven, "rows": list(self.rows),
                "caller_changes": list(self.caller_changes), "reason": self.reason}


@dataclass
class _Chain:
    base: ast.expr
    outer: ast.expr
    ops: list[tuple[str, ast.expr]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.ops) and self.ops[-1][0] not in BUILDERS


@dataclass
class _Member:
    """A use of a stored or returned Query: its site, how it is translated (``use``,
    ``reassign``, ``iterate``), and where its head (the variable, the call) ends."""

    site: Site
    how: str
    head_end: int
    head: str


class Reader:
    """The sites of one module."""

    def __init__(self, module: Module, project: Project) -> None:
        self.module, self.project = module, project
        self.text = module.text
        self.dbs = project.db_names(module)
        #: The project's dynamic relationships, as translate() takes them (Model.attr).
        self.dynamic = tuple(f"{model}.{name}" for name, model in project.dynamic.items())
        self.parents: dict[ast.AST, ast.AST] = {
            child: parent for parent in ast.walk(module.tree)
            for child in ast.iter_child_nodes(parent)}
        lines = self.text.splitlines(keepends=True)
        self.starts = [0]
        for line in lines:
            self.starts.append(self.starts[-1] + len(line))
        self.lines = lines
        self.sites: list[Site] = []
        self.inside: set[ast.AST] = set()  # nodes within a query site already found
        #: Query sites a ``return`` hands out, with that statement (see ``returned``).
        self.handed_out: list[tuple[Site, ast.Return]] = []

    # -- positions -----------------------------------------------------------------

    def offset(self, line: int, column: int) -> int:
        """A character offset from ast's line and UTF-8 byte column."""
        text = self.lines[line - 1] if line - 1 < len(self.lines) else ""
        return self.starts[line - 1] + len(text.encode("utf-8")[:column].decode("utf-8",
                                                                                "replace"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (self.offset(node.lineno, node.col_offset),  # type: ignore[attr-defined]
                self.offset(node.end_lineno, node.end_col_offset))  # type: ignore[attr-defined]

    def segment(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.text[start:end]

    def site(self, node: ast.AST, kind: str, shape: str, **fields: Any) -> Site:
        start, end = self.span(node)
        line_start = self.starts[node.lineno - 1]  # type: ignore[attr-defined]
        found = Site(self.module.path, node.lineno, node.end_lineno,  # type: ignore[attr-defined]
                     start - line_start + 1, kind, self.text[start:end], shape,
                     span=(start, end), **fields)
        self.sites.append(found)
        return found

    # -- reading -------------------------------------------------------------------

    def read(self) -> list[Site]:
        for node in ast.walk(self.module.tree):
            if isinstance(node, ast.Attribute) and self.query_base(node) is not None:
                self.query_site(self.extend(node, stop_at_terminal=True))
        self.stored()
        self.returned()
        for node in ast.walk(self.module.tree):
            if node in self.inside:
                continue
            if isinstance(node, ast.Attribute) and node.attr in self.project.dynamic \
                    and isinstance(node.ctx, ast.Load) and not self.is_model(node.value):
                self.dynamic_site(node)
            elif isinstance(node, ast.Call):
                self.model_sites(node)
                self.removed_site(node)
            elif isinstance(node, ast.ClassDef):
                self.class_sites(node)
        self.sites.sort(key=lambda s: (s.span[0], -s.span[1], s.shape))
        return self.sites

    def is_model(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.project.models or node.id[:1].isupper() \
                or node.id in ("cls", "model")
        return isinstance(node, ast.Attribute) and node.attr[:1].isupper()

    def is_session(self, node: ast.expr) -> bool:
        return (isinstance(node, ast.Name) and node.id == "session") or (
            isinstance(node, ast.Attribute) and node.attr == "session")

    def query_base(self, node: ast.AST) -> str | None:
        """``model`` for ``Model.query``, ``session`` for ``session.query(...)``."""
        if not (isinstance(node, ast.Attribute) and node.attr == "query"
                and isinstance(node.ctx, ast.Load)):
            return None
        parent = self.parents.get(node)
        if isinstance(parent, ast.Call) and parent.func is node and \
                self.is_session(node.value):
            return "session"
        return "model" if self.is_model(node.value) else None

    def extend(self, base: ast.expr, stop_at_terminal: bool) -> _Chain:
        """The chain that starts at ``base``: its builders, then at most one other method
        or a subscript. A ``session.query(...)`` base is the call itself."""
        current: ast.expr = base
        parent = self.parents.get(base)
        if isinstance(parent, ast.Call) and parent.func is base and \
                isinstance(base, ast.Attribute) and base.attr == "query" and \
                self.is_session(base.value):
            current = parent
        chain = _Chain(base, current)
        while True:
            parent = self.parents.get(current)
            if isinstance(parent, ast.Attribute) and parent.value is current:
                call = self.parents.get(parent)
                if not (isinstance(call, ast.Call) and call.func is parent):
                    break
                chain.ops.append((parent.attr, call))
                current = call
                if parent.attr not in BUILDERS and stop_at_terminal:
                    break
                continue
            if isinstance(parent, ast.Subscript) and parent.value is current and \
                    isinstance(parent.ctx, ast.Load):
                chain.ops.append(("[]", parent))
                current = parent
            break
        chain.outer = current
        return chain

    def shape(self, prefix: str, chain: _Chain) -> str:
        return ".".join([prefix, *(name for name, _ in chain.ops)])

    def mark_inside(self, node: ast.AST) -> None:
        self.inside.update(ast.walk(node))

    def translation(self, text: str) -> Translation:
        return translate(f"({text})" if "\n" in text else text)

    def refusal(self, chain: _Chain, found: Translation) -> str | None:
        """A reason of this module's to refuse a translation (a removed form inside it,
        an app-defined Query method), else None."""
        for node in ast.walk(chain.outer):
            if isinstance(node, ast.Call) and self.removed_form(node) is not None:
                return REMOVED[self.removed_form(node) or ""]
        for name, _ in chain.ops:
            if name == "from_self":
                return REMOVED["from_self"]
            if name in self.project.query_methods and name not in (*BUILDERS, *TERMINALS):
                return (f"{name}() is the application's own Query method "
                        f"({self.project.query_methods[name]}): not in the step table")
        return None

    def query_site(self, chain: _Chain) -> None:
        if chain.outer in self.inside:
            return
        base = self.query_base(chain.base) or "model"
        prefix = "query" if base == "model" else "session.query"
        parent = self.parents.get(chain.outer)
        if not chain.complete:
            if isinstance(parent, ast.Assign) and parent.value is chain.outer and \
                    len(parent.targets) == 1 and \
                    isinstance(parent.targets[0], ast.Name | ast.Attribute):
                return  # a stored Query: read with its uses (stored())
            if not self.iterated(chain.outer):
                self.mark_inside(chain.outer)
                escaping = self.site(chain.outer, "query", self.shape(prefix, chain),
                                     reason=self.escape_reason(chain.outer))
                if isinstance(parent, ast.Return):
                    self.handed_out.append((escaping, parent))
                return
        self.mark_inside(chain.outer)
        text = self.segment(chain.outer)
        found = self.translation(text)
        site = self.site(chain.outer, "query", self.shape(prefix, chain))
        self.fill(site, found, base, self.refusal(chain, found))

    def fill(self, site: Site, found: Translation, base: str, refused: str | None) -> None:
        if refused is not None or found.translation is None:
            site.reason = refused or found.why
            return
        replacement = found.translation
        if base in ("model", "dynamic") and replacement.startswith("db."):
            names = sorted(self.dbs)
            if "db" not in self.dbs and names:
                replacement = f"{names[0]}.{replacement[3:]}"
            elif not names:
                site.needs_db = "db"
        site.replacement = replacement
        site.imports, site.verdict, site.proven = found.imports, found.verdict, found.proven
        site.rows, site.caller_changes = found.rows, found.caller_changes

    def iterated(self, node: ast.expr) -> bool:
        parent = self.parents.get(node)
        return isinstance(parent, ast.For | ast.AsyncFor | ast.comprehension) and \
            parent.iter is node

    def escape_reason(self, node: ast.expr) -> str:
        parent = self.parents.get(node)
        if isinstance(parent, ast.Return):
            how = "is returned"
        elif isinstance(parent, ast.Call):
            how = f"is passed to {ast.unparse(parent.func)}()"
        elif isinstance(parent, ast.Assign | ast.AnnAssign | ast.AugAssign):
            how = "is stored where its uses are not followed"
        else:
            how = "is used as a value"
        return (f"the Query {how}: it escapes into code that expects a Query, so it is "
                "not translated here")

    # -- stored queries ------------------------------------------------------------

    def scope_of(self, node: ast.AST, attribute: bool) -> ast.AST:
        kinds: tuple[type[ast.AST], ...] = (ast.ClassDef,) if attribute else \
            (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
        current = self.parents.get(node)
        while current is not None and not isinstance(current, kinds):
            current = self.parents.get(current)
        return current or self.module.tree

    def stored(self) -> None:
        groups: dict[tuple[ast.AST, str], list[ast.Assign]] = {}
        for node in ast.walk(self.module.tree):
            if not isinstance(node, ast.Attribute) or self.query_base(node) is None \
                    or node in self.inside:
                continue
            chain = self.extend(node, stop_at_terminal=True)
            parent = self.parents.get(chain.outer)
            if chain.complete or not isinstance(parent, ast.Assign):
                continue
            target = parent.targets[0]
            key = ast.unparse(target)
            scope = self.scope_of(parent, isinstance(target, ast.Attribute))
            groups.setdefault((scope, key), []).append(parent)
        for (scope, key), definitions in groups.items():
            for number, definition in enumerate(definitions):
                self.stored_group(scope, key, definition, definitions[number + 1:])

    def uses(self, scope: ast.AST, key: str) -> list[ast.Name | ast.Attribute]:
        found = [n for n in ast.walk(scope) if isinstance(n, ast.Name | ast.Attribute)
                 and ast.unparse(n) == key]
        return sorted(found, key=lambda n: self.span(n))

    def stored_group(self, scope: ast.AST, key: str, definition: ast.Assign,
                     later: list[ast.Assign]) -> None:
        group = f"{self.module.path}:{definition.lineno}:{key}"
        value = definition.value
        def_chain = self.extend(self.first_query_base(value), stop_at_terminal=True)
        base = self.query_base(def_chain.base) or "model"
        prefix = "query" if base == "model" else "session.query"
        self.mark_inside(value)
        def_site = self.site(value, "query", self.shape(prefix, def_chain), group=group)
        start = self.span(definition)[1]
        end = self.span(later[0])[0] if later else len(self.text)
        members: list[tuple[Site, str]] = []  # each site and how it is translated
        problem: str | None = None
        composed = self.segment(value)
        for use in self.uses(scope, key):
            use_start = self.span(use)[0]
            if use_start < start or use_start >= end:
                continue
            if isinstance(use.ctx, ast.Store):
                assign = self.parents.get(use)
                if isinstance(assign, ast.Assign) and self.is_continuation(assign, key):
                    continue
                problem = problem or f"{key} is assigned something else too"
                continue
            chain = self.extend(use, stop_at_terminal=True)
            self.mark_inside(chain.outer)
            parent = self.parents.get(chain.outer)
            if chain.complete:
                members.append((self.site(chain.outer, "query", self.shape("stored", chain),
                                          group=group), "use"))
            elif chain.ops and isinstance(parent, ast.Assign) and \
                    ast.unparse(parent.targets[0]) == key:
                members.append((self.site(chain.outer, "query", self.shape("stored", chain),
                                          group=group), "reassign"))
            elif not chain.ops and self.iterated(use):
                members.append((self.site(use, "query", "stored.iter", group=group),
                                "iterate"))
            else:
                site = self.site(chain.outer, "query", self.shape("stored", chain),
                                 group=group)
                site.reason = self.escape_reason(chain.outer)
                problem = problem or f"{key} escapes at line {site.line}: {site.reason}"
        self.settle(def_site, base, composed, [
            _Member(site, how, self.span_of_key(site, key), key) for site, how in members],
            problem, f"a Query stored in {key}")

    def settle(self, def_site: Site, base: str, composed: str, members: list[_Member],
               problem: str | None, what: str) -> None:
        """Translate a Query's definition (``composed``, its text) and its uses together,
        or give them all the reason none is: each use's text is the definition's followed
        by the use's continuation, translated whole, and the definition's statement in
        that translation is put back as the use's head (the variable, or the call)."""
        first = statement(f"({composed})")
        problem = problem or first.why or None  # why is "" where it translates
        translations: list[tuple[Site, Translation, str]] = []
        for member in members:
            if problem is not None:
                break
            site, how = member.site, member.how
            continuation = self.text[member.head_end:site.span[1]]
            before = statement(f"({composed})")
            text = f"(({composed}){continuation})"
            found = statement(text) if how == "reassign" else translate(text)
            refused = self.refusal_text(text)
            if found.translation is None or refused or before.translation is None:
                problem = refused or found.why or before.why
                site.reason = problem
                break
            stmt = before.translation
            if found.translation.count(stmt) != 1 and how != "reassign":
                problem = (f"the translation of {member.head}'s use does not keep its "
                           "statement whole")
                break
            replaced = found.translation.replace(stmt, member.head, 1)
            translations.append((site, Translation(found.legacy, replaced, found.imports,
                                                   found.verdict, found.proven, found.rows,
                                                   found.caller_changes), how))
            if how == "reassign":
                composed = f"({composed}){continuation}"
        if problem is not None:
            for site in (def_site, *(m.site for m in members)):
                site.reason = site.reason or f"{what} and continued: {problem}"
            return
        verdicts = [t.verdict for _, t, how in translations if how != "reassign"]
        verdict = worst(v for v in verdicts if v is not None)
        def_found = Translation(first.legacy, first.translation, first.imports, verdict,
                                first.proven and all(t.proven for _, t, _ in translations),
                                first.rows)
        self.fill(def_site, def_found, base, None)
        for site, found, how in translations:
            self.fill(site, found, base, None)
            if how == "reassign":
                site.verdict = verdict

    # -- queries returned by the module's functions ----------------------------------

    def returned(self) -> None:
        """Each module-level function whose one ``return`` hands out a Query, with the
        calls that continue it in this module (``open_orders().count()``): translated
        together, or not at all where one call lets the Query escape or another module
        may call the function."""
        for def_site, returning in self.handed_out:
            function = self.scope_of(returning, attribute=False)
            if not (isinstance(function, ast.FunctionDef) and function in self.module.tree.body
                    and returning.value is not None):
                continue
            if sum(isinstance(n, ast.Return) for n in walk_own(function)) == 1:
                self.returned_group(function, returning.value, def_site)

    def returned_group(self, function: ast.FunctionDef, value: ast.expr,
                       def_site: Site) -> None:
        name = function.name
        group = f"{self.module.path}:{function.lineno}:{name}()"
        def_site.group, def_site.reason = group, None
        def_chain = self.extend(self.first_query_base(value), stop_at_terminal=True)
        problem = self.imported_elsewhere(name)
        members: list[_Member] = []
        for use in ast.walk(self.module.tree):
            if not (isinstance(use, ast.Name) and use.id == name):
                continue
            call = self.parents.get(use)
            if not (isinstance(call, ast.Call) and call.func is use):
                problem = problem or f"{name} is used at line {use.lineno} other than called"
                continue
            chain = self.extend(call, stop_at_terminal=True)
            self.mark_inside(chain.outer)
            shape = self.shape("returned", chain)
            if chain.complete or (not chain.ops and self.iterated(call)):
                site = self.site(chain.outer, "query", shape if chain.ops else "returned.iter",
                                 group=group)
                members.append(_Member(site, "use" if chain.ops else "iterate",
                                       self.span(call)[1], self.segment(call)))
            else:
                site = self.site(chain.outer, "query", shape, group=group,
                                 reason=self.escape_reason(chain.outer))
                problem = problem or f"{name}() escapes at line {site.line}: {site.reason}"
                members.append(_Member(site, "escape", 0, ""))
        base = self.query_base(def_chain.base) or "model"
        self.settle(def_site, base, self.segment(value), members, problem,
                    f"a Query returned by {name}()")

    def imported_elsewhere(self, name: str) -> str | None:
        """Why calls of ``name`` in other modules may continue its Query, else None."""
        for module in self.project.modules:
            if module is not self.module and (name in module.imported.values()
                                               or name in self.project.attributes(module)):
                return f"{name} is imported by {module.path}, whose calls are not followed"
        return None

    def span_of_key(self, site: Site, key: str) -> int:
        return site.span[0] + len(key) if self.text.startswith(key, site.span[0]) \
            else site.span[0]

    def refusal_text(self, text: str) -> str | None:
        tree = ast.parse(text, mode="eval")
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                form = self.removed_form(node)
                if form is not None:
                    return REMOVED[form]
                if isinstance(node.func, ast.Attribute) and \
                        node.func.attr in self.project.query_methods and \
                        node.func.attr not in (*BUILDERS, *TERMINALS):
                    return (f"{node.func.attr}() is the application's own Query method "
                            f"({self.project.query_methods[node.func.attr]})")
        return None

    def is_continuation(self, assign: ast.Assign, key: str) -> bool:
        node: ast.expr = assign.value
        while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value
        return ast.unparse(node) == key and assign.value is not node

    def first_query_base(self, value: ast.expr) -> ast.expr:
        node = value
        while True:
            if self.query_base(node) is not None:
                return node
            if isinstance(node, ast.Call):
                node = node.func
            elif isinstance(node, ast.Attribute):
                node = node.value
            else:
                return value

    # -- dynamic relationships, models, removed forms ------------------------------

    def dynamic_site(self, node: ast.Attribute) -> None:
        chain = self.extend(node, stop_at_terminal=True)
        shape = self.shape("dynamic", chain)
        if not chain.ops:
            parent = self.parents.get(node)
            if isinstance(parent, ast.Call) and node in parent.args:
                return  # passed on, as any value: the call is not a site
            if not self.iterated(node):
                return
            shape = "dynamic.iter"
        self.mark_inside(chain.outer)
        site = self.site(chain.outer, "dynamic", shape)
        if not chain.complete and not self.iterated(chain.outer):
            why = self.escape_reason(chain.outer)  # a Query kept or passed on
        else:
            text = self.segment(chain.outer)
            found = translate(f"({text})" if "\n" in text else text, dynamic=self.dynamic)
            refused = self.refusal(chain, found)
            if refused is None and found.translation is not None:
                self.fill(site, found, "dynamic", None)
                return
            why = refused or found.why
        site.reason = DYNAMIC_WHY.format(model=self.project.dynamic[node.attr],
                                         name=node.attr, why=why)

    def model_sites(self, call: ast.Call) -> None:
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else \
            func.id if isinstance(func, ast.Name) else ""
        owner = ast.unparse(func.value) if isinstance(func, ast.Attribute) else None
        on_db = owner is not None and (owner in self.dbs or owner == "db")
        shapes: list[str] = []
        if on_db and name in ("Column", "Table"):
            shapes.append(f"model.{name}")
        if name in ("relationship", "backref") and (on_db or owner is None):
            if name == "backref":
                shapes.append("model.db_backref")
            for keyword in call.keywords:
                value = keyword.value
                if keyword.arg == "backref" and name == "relationship":
                    shapes.append("model.backref")
                elif keyword.arg == "lazy" and isinstance(value, ast.Constant) and \
                        value.value == "dynamic":
                    shapes.append("model.dynamic")
                elif keyword.arg == "uselist" and isinstance(value, ast.Constant) and \
                        value.value is False:
                    shapes.append("model.uselist")
        if any(k.arg == "query_class" for k in call.keywords):
            shapes.append("model.query_class")
        for shape in shapes:
            self.site(call, "model", shape, reason=MODEL_WHY)

    def class_sites(self, node: ast.ClassDef) -> None:
        if any(ast.unparse(b).rpartition(".")[2] in QUERY_BASES for b in node.bases):
            self.site(node, "model", "model.Query",
                      reason="an application Query subclass: 2.x has no Query to subclass; "
                             "its methods become functions that build a select()")
        if node.name in self.project.models:
            for item in node.body:
                if isinstance(item, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == "query_class"
                        for t in item.targets):
                    self.site(item, "model", "model.query_class", reason=MODEL_WHY)

    def removed_form(self, call: ast.Call) -> str | None:
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else \
            func.id if isinstance(func, ast.Name) else ""
        owner = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
        first = call.args[0] if call.args else None
        if name in LOADERS and isinstance(first, ast.Constant) and \
                isinstance(first.value, str):
            return "string_option"
        if name == "from_self":
            return "from_self"
        if name == "execute" and (owner.endswith("engine") or owner.endswith("get_engine()")):
            return "engine_execute"
        if name == "execute" and isinstance(first, ast.Constant) and \
                isinstance(first.value, str):
            return "raw_execute"
        if name == "select" and isinstance(first, ast.List):
            return "select_list"
        if name == "get_debug_queries":
            return "get_debug_queries"
        if name == "get_engine" and (owner in self.dbs or owner == "db"):
            return "get_engine"
        if name == "paginate" and call.args:
            return "paginate_positional"
        return None

    def removed_site(self, call: ast.Call) -> None:
        form = self.removed_form(call)
        if form is not None:
            self.site(call, "removed", f"removed.{form}", reason=REMOVED[form])


def walk_own(function: ast.FunctionDef) -> list[ast.AST]:
    """The nodes of ``function``'s body, not those of functions or classes inside it."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        found.append(node)
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda |
                          ast.ClassDef):
            pending.extend(ast.iter_child_nodes(node))
    return found


def read_sites(module: Module, project: Project) -> list[Site]:
    return Reader(module, project).read()
