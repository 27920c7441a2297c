"""Flask-SQLAlchemy-Lite: a plain ``DeclarativeBase``, ``db.session`` bound to the app context.

Where Lite's code is the 2.x code letter for letter, ``lite/`` does not copy it:
:func:`on_lite` re-creates ``modern/``'s functions on Lite's names, and each ``lite/``
module answers for every function it does not write out with its ``modern/`` twin's
(a module ``__getattr__``, PEP 562): a function added to ``modern/`` is on Lite at once.
Only what Lite changes is written out.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


class OnLite:
    """The functions of one ``modern/`` module, re-created to read Lite's names.

    Call it with one of that module's functions to get its Lite twin:
    ``all_records = on_lite_(modern.queries.all_records)``.
    """

    def __init__(self, module: types.ModuleType, name: str, names: dict[str, object]) -> None:
        unknown = sorted(names.keys() - vars(module).keys())
        if unknown:
            raise ValueError(f"{module.__name__} has no {', '.join(unknown)} to replace")
        self.module = module
        #: One globals dict for all the twins, so that a twin calling a function of its
        #: module calls the twin: ``modern``'s names, Lite's in their place, Lite's name.
        self.globals: dict[str, Any] = {**vars(module), **names, "__name__": name}
        own = {key: value for key, value in vars(module).items()
               if key not in names and inspect.isfunction(value)
               and value.__module__ == module.__name__}
        for key, function in own.items():
            self.globals[key] = _recreate(function, self.globals)
        twins = {id(function): self.globals[key] for key, function in own.items()}
        for key in own:
            twin = self.globals[key]
            # A default that is one of the module's functions (``step=quiet``): its twin.
            if twin.__defaults__:
                twin.__defaults__ = tuple(twins.get(id(d), d) for d in twin.__defaults__)
            if twin.__kwdefaults__:
                twin.__kwdefaults__ = {k: twins.get(id(d), d)
                                       for k, d in twin.__kwdefaults__.items()}
        #: ``modern``'s function -> its twin, for :meth:`__call__`.
        self.twins: dict[object, Any] = {function: self.globals[key]
                                         for key, function in own.items()}

    @property
    def shared(self) -> dict[str, Any]:
        """Every twin by name: the functions Lite shares with the ``modern`` module."""
        return {getattr(function, "__name__", ""): twin for function, twin in self.twins.items()}

    def attribute(self, name: str) -> Any:
        """The twin named ``name``, for the lite module's ``__getattr__``."""
        try:
            return self.shared[name]
        except KeyError:
            raise AttributeError(f"module {self.globals['__name__']!r} has no attribute "
                                 f"{name!r}") from None

    def __call__(self, function: F) -> F:
        """``function``'s twin on Lite's names (``function`` is the ``modern`` one)."""
        try:
            return cast(F, self.twins[function])
        except KeyError:
            raise ValueError(f"{function!r} is not a function of {self.module.__name__} "
                             "that Lite shares") from None


def _recreate(function: types.FunctionType, space: dict[str, Any]) -> types.FunctionType:
    """``function``'s code object on the globals ``space``: the same code, source and
    line numbers (``inspect.getsource`` shows ``modern/``'s text), Lite's names."""
    if function.__closure__ is not None or hasattr(function, "__wrapped__"):
        raise ValueError(f"{function.__qualname__}: a closure or a wrapper cannot be rebound")
    twin = types.FunctionType(function.__code__, space, function.__name__,
                              function.__defaults__, function.__closure__)
    twin.__kwdefaults__ = dict(function.__kwdefaults__) if function.__kwdefaults__ else None
    twin.__qualname__ = function.__qualname__
    twin.__doc__ = function.__doc__
    # Strings (``from __future__ import annotations``): resolved on the twin's globals,
    # so ``typing.get_type_hints`` names Lite's models.
    twin.__annotations__ = dict(function.__annotations__)
    twin.__dict__.update(function.__dict__)
    return twin


def on_lite(module: types.ModuleType, name: str, /, **names: object) -> OnLite:
    """``module``'s functions re-created for the Lite module ``name`` (``__name__``).

    Their globals are ``module``'s with ``names`` in place (Lite's ``db``, models, and
    any function Lite writes out itself, so that the others call that one); their
    ``__module__`` is ``name``, so the catalog files them under the ``lite`` style.
    """
    return OnLite(module, name, names)
