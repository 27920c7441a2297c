"""What the rows about the extension object share: the side's target, and running a probe."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from comparisons.engine.capture import capturing
from comparisons.engine.lab import Lab
from comparisons.engine.observe import observed
from comparisons.values.observation import Observation
from comparisons.values.plain import plain


@dataclass(frozen=True)
class Extension:
    """A style's extension under test: its models module (``db``, ``Person``), and the
    module whose probes run on it (the code the report shows)."""

    models: ModuleType
    probes: ModuleType

    @property
    def __wrapped__(self) -> ModuleType:
        # inspect.getsource unwraps __wrapped__: the side's code is the probes'.
        return self.probes


#: A probe: (the style's app, its db, its Person class) -> what the code saw.
Probe = Callable[[Any, Any, type], Any]


def observe_probe(lab: Lab, style: str, extension: Extension, probe: Probe,
                  kind: str) -> Observation:
    """Run ``probe`` on ``style``'s app and extension, capturing what it sends and raises."""
    app, db = lab.apps[style], extension.models.db
    with capturing(lab.engine(style)) as capture:
        try:
            value = plain(probe(app, db, extension.models.Person))
        except Exception as exc:  # noqa: BLE001  # the exception is the observation
            capture.raised(exc)
            value = None
    return observed(capture, kind, value)
