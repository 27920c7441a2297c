"""What a scan learns of the whole application before it reads any site: which names are
the Flask-SQLAlchemy object, the models, the dynamic relationships and the app's own
``Query`` classes, wherever they are defined and however they are imported."""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass, field

#: Base classes that make a class an application's own Query.
QUERY_BASES = frozenset({"BaseQuery", "Query"})


@dataclass
class Module:
    """One parsed file and what it binds."""

    path: str
    text: str
    tree: ast.Module
    #: Local name -> the name it was imported as (``from x import db as d``: d -> db).
    imported: dict[str, str] = field(default_factory=dict)
    #: Names bound to ``flask_sqlalchemy.SQLAlchemy`` here (``SQLAlchemy``, ``FSA``...).
    fsa: set[str] = field(default_factory=set)
    #: The Flask-SQLAlchemy objects this module defines at its top level.
    db_defined: set[str] = field(default_factory=set)


@dataclass
class Project:
    modules: list[Module] = field(default_factory=list)
    #: A db name -> the dotted module that defines it (None where it cannot be imported).
    dbs: dict[str, str | None] = field(default_factory=dict)
    models: set[str] = field(default_factory=set)
    #: A dynamic relationship's attribute name -> the model that declares it.
    dynamic: dict[str, str] = field(default_factory=dict)
    #: An app-defined Query method -> its class.
    query_methods: dict[str, str] = field(default_factory=dict)
    _attributes: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def attributes(self, module: Module) -> frozenset[str]:
        """The attribute names ``module`` reads (``reports.open_orders``): a function of
        another module reached that way may be called from it."""
        if module.path not in self._attributes:
            self._attributes[module.path] = frozenset(
                node.attr for node in ast.walk(module.tree) if isinstance(node, ast.Attribute))
        return self._attributes[module.path]

    def db_names(self, module: Module) -> set[str]:
        """The names that stand for a Flask-SQLAlchemy object in ``module``."""
        names = set(module.db_defined)
        for local, original in module.imported.items():
            if original in self.dbs or original == "db":
                names.add(local)
        return names


def dotted(path: str) -> str | None:
    """The module name a file is imported as: its folders up to the last package."""
    absolute = os.path.abspath(path)
    folder, name = os.path.split(absolute)
    parts = [name.removesuffix(".py")] if name != "__init__.py" else []
    while os.path.exists(os.path.join(folder, "__init__.py")):
        folder, package = os.path.split(folder)
        parts.insert(0, package)
    return ".".join(parts) if parts and all(p.isidentifier() for p in parts) else None


def _bases(node: ast.ClassDef) -> list[str]:
    return [ast.unparse(b) for b in node.bases]


def read_module(module: Module) -> None:
    """Fill in the module's imports, its SQLAlchemy names and the objects it defines."""
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                local = alias.asname or alias.name
                module.imported[local] = alias.name
                if node.module == "flask_sqlalchemy" and alias.name == "SQLAlchemy":
                    module.fsa.add(local)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "flask_sqlalchemy":
                    module.fsa.add(f"{alias.asname or alias.name}.SQLAlchemy")
    for statement in module.tree.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call) \
                and ast.unparse(statement.value.func) in module.fsa:
            module.db_defined.update(t.id for t in statement.targets
                                     if isinstance(t, ast.Name))


def is_model_base(base: str, project: Project, dbs: set[str]) -> bool:
    head, _, tail = base.rpartition(".")
    return (tail == "Model" and (head in dbs or head == "db")) or \
        base.rpartition(".")[2] in project.models


def learn(modules: list[Module]) -> Project:
    """The project's names, read from every module (models to a fixpoint: a model may
    subclass a model of another module)."""
    project = Project(modules)
    for module in modules:
        read_module(module)
        for name in module.db_defined:
            project.dbs[name] = dotted(module.path)
    classes = [(m, node) for m in modules for node in ast.walk(m.tree)
               if isinstance(node, ast.ClassDef)]
    changed = True
    while changed:
        changed = False
        for module, node in classes:
            if node.name not in project.models and any(
                    is_model_base(b, project, project.db_names(module)) for b in _bases(node)):
                project.models.add(node.name)
                changed = True
    for _module, node in classes:
        if any(b.rpartition(".")[2] in QUERY_BASES for b in _bases(node)):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    project.query_methods[item.name] = node.name
        if node.name in project.models:
            _dynamic(node, project)
    return project


def _is_dynamic(call: ast.Call) -> bool:
    return any(k.arg == "lazy" and isinstance(k.value, ast.Constant)
               and k.value.value == "dynamic" for k in call.keywords)


def _dynamic(node: ast.ClassDef, project: Project) -> None:
    for item in node.body:
        if not (isinstance(item, ast.Assign) and isinstance(item.value, ast.Call)):
            continue
        call = item.value
        if _is_dynamic(call):
            project.dynamic.update((t.id, node.name) for t in item.targets
                                   if isinstance(t, ast.Name))
        for keyword in call.keywords:
            backref = keyword.value
            if keyword.arg == "backref" and isinstance(backref, ast.Call) \
                    and _is_dynamic(backref) and backref.args \
                    and isinstance(backref.args[0], ast.Constant) \
                    and isinstance(backref.args[0].value, str):
                target = call.args[0] if call.args else None
                owner = target.value if isinstance(target, ast.Constant) else node.name
                project.dynamic[backref.args[0].value] = str(owner)
