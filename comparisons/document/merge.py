"""``python -m comparisons merge A.json B.json``: runs on several SQLAlchemy versions, one report.

Each input is the output of ``python -m comparisons --json`` on one SQLAlchemy version.
The merged report has the same shape, except that every per-backend key (the row's
``verdicts`` and ``sql``, and the ``backends`` list) becomes
``"<backend>@sqlalchemy-<x.y>"``, ``versions`` gives each package's version, as a list
in run order where the runs differ (``"sqlalchemy": ["2.0.58", "2.1.9"]``), and
``version_differences`` names every row, backend and variant whose verdict is not the
same on every version that ran it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: Row fields keyed by backend: their keys get the version suffix.
PER_BACKEND = ("verdicts", "sql")


class MergeError(Exception):
    """An input cannot be merged; the message is one line for the user."""


def minor(version: str) -> str:
    """``"2.0.44"`` -> ``"2.0"``."""
    return ".".join(version.split(".")[:2])


def key(backend: str, sqlalchemy: str) -> str:
    return f"{backend}@sqlalchemy-{minor(sqlalchemy)}"


def load(path: str) -> dict[str, Any]:
    """One run's report, with the SQLAlchemy version it records."""
    try:
        report = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise MergeError(f"{path}: cannot read it ({error.strerror})") from None
    except json.JSONDecodeError as error:
        raise MergeError(f"{path}: not JSON ({error.msg}, line {error.lineno}): "
                         "give the output of python -m comparisons --json") from None
    if not isinstance(report, dict) or not isinstance(report.get("rows"), list):
        raise MergeError(f"{path}: no rows: give the output of python -m comparisons --json")
    sqlalchemy = report.get("versions", {}).get("sqlalchemy")
    if not isinstance(sqlalchemy, str):
        raise MergeError(f"{path}: records no SQLAlchemy version under \"versions\"")
    return report


def merge(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One report from runs on different SQLAlchemy versions (in the order given)."""
    seen: dict[str, int] = {}
    for index, report in enumerate(reports):
        version = minor(report["versions"]["sqlalchemy"])
        if version in seen:
            raise MergeError(f"runs {seen[version] + 1} and {index + 1} are both on "
                             f"SQLAlchemy {version}: merge runs of different versions")
        seen[version] = index
    rows: dict[str, dict[str, Any]] = {}
    backends: list[str] = []
    targets: dict[str, Any] = {}
    for report in reports:
        sqlalchemy = report["versions"]["sqlalchemy"]
        backends += [key(b, sqlalchemy) for b in report.get("backends", [])]
        targets.update(report.get("targets", {}))
        for row in report["rows"]:
            merged = rows.setdefault(row["id"], {**row, **{f: {} for f in PER_BACKEND}})
            for field in PER_BACKEND:
                for backend, value in row.get(field, {}).items():
                    merged[field][key(backend, sqlalchemy)] = value
    merged = {
        "versions": versions([report["versions"] for report in reports]),
        "backends": backends,
        "targets": targets,
        "rows": list(rows.values()),
        "version_differences": version_differences(rows.values()),
    }
    # The table of steps is the code's declaration, not a run's: the first run's.
    steps = next((report["steps"] for report in reports if "steps" in report), None)
    return merged if steps is None else {**merged, "steps": steps}


def versions(runs: Sequence[dict[str, str]]) -> dict[str, str | list[str]]:
    """Each package's version: one string where every run had it, else one per run."""
    names = dict.fromkeys(name for run in runs for name in run)
    found = {name: [run.get(name, "absent") for run in runs] for name in names}
    return {name: each[0] if len(set(each)) == 1 else each for name, each in found.items()}


def version_differences(rows: Any) -> list[dict[str, Any]]:
    """Each (row, backend, variant) whose verdict or differences are not the same on
    every version: the verdict per version, and the differences only one version found."""
    found = []
    for row in rows:
        seen: dict[tuple[str, str], dict[str, tuple[str, tuple[str, ...]]]] = {}
        for merged_key, variants in row["verdicts"].items():
            backend, version = merged_key.split("@sqlalchemy-")
            for variant, outcome in variants.items():
                # {"verdict": ..., "differences": [...]} per variant; a bare verdict string
                # in reports before Engine v2; other keys ("claim") are not variants.
                if isinstance(outcome, dict) and isinstance(outcome.get("verdict"), str):
                    verdict, differences = outcome["verdict"], outcome.get("differences", [])
                elif isinstance(outcome, str):
                    verdict, differences = outcome, []
                else:
                    continue
                seen.setdefault((backend, variant), {})[version] = (verdict, tuple(differences))
        for (backend, variant), by_version in sorted(seen.items()):
            if len(set(by_version.values())) > 1:
                everywhere = set.intersection(*(set(d) for _, d in by_version.values()))
                found.append({
                    "row": row["id"], "backend": backend, "variant": variant,
                    "verdicts": {v: verdict for v, (verdict, _) in by_version.items()},
                    "only_on": {v: [d for d in diffs if d not in everywhere]
                                for v, (_, diffs) in by_version.items()},
                })
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m comparisons merge",
                                     description=__doc__.replace("``", ""))
    parser.add_argument("reports", nargs="+", metavar="REPORT.json",
                        help="output of python -m comparisons --json, one per SQLAlchemy version")
    args = parser.parse_args(argv)
    try:
        merged = merge([load(path) for path in args.reports])
    except MergeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    json.dump(merged, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0
