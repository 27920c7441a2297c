"""Print pip constraints pinning every dependency of pyproject.toml to its floor.

    python .ci/floors.py > lowest.txt && pip install -c lowest.txt -e '.[all]'

A requirement ``name[extra]>=X,<Y`` becomes ``name==X`` (constraints take no extras);
the project's own extras are skipped. A requirement without a floor is an error: the
floors are what this run exists to test.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
_REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)(\[[^\]]*\])?\s*(?P<spec>[^;]*)")


def floors(pyproject: Path = PYPROJECT) -> list[str]:
    project = tomllib.loads(pyproject.read_text())["project"]
    requirements = [*project["dependencies"],
                    *(r for extra in project["optional-dependencies"].values() for r in extra)]
    pins: dict[str, str] = {}
    for requirement in requirements:
        match = _REQUIREMENT.match(requirement)
        if not match:
            raise SystemExit(f"cannot read requirement {requirement!r}")
        name = match["name"].lower()
        if name == project["name"]:
            continue
        floor = re.search(r">=\s*([^,\s]+)", match["spec"])
        if not floor:
            raise SystemExit(f"{requirement!r} has no floor (>=)")
        pins[name] = f"{name}=={floor[1]}"
    return sorted(pins.values())


if __name__ == "__main__":
    print("\n".join(floors()))
    sys.exit(0)
