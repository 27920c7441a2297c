"""``python -m comparisons clean``: list the namespaces runs left behind, drop the dead ones.

Every run already drops the leftovers of dead runs on a server before it creates its
own namespace there; this command does it on demand, and shows what is kept and why.
Only names the suite gives (``comparisons_<label>_<host>_<pid>_<token>``) of runs that
have ended are dropped: a run that is alive, on this host or another, keeps its own.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from comparisons.databases.backends import ALL, ENV_VAR, Backend, BackendError, selected_backends
from comparisons.databases.namespaces import Found, check_reachable, place_for, survey


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m comparisons clean",
                                     description=__doc__.replace("``", ""))
    parser.add_argument("--db", action="append", default=[], metavar="NAME",
                        help=f"backend(s): {', '.join(ALL)}, all, a comma list, or a URL "
                             f"(default: ${ENV_VAR}, else sqlite)")
    parser.add_argument("--dburi", action="append", default=[], metavar="URL",
                        help="a database URL (repeatable)")
    parser.add_argument("--dry-run", action="store_true", help="list, drop nothing")
    args = parser.parse_args(argv)
    try:
        backends = selected_backends(args.db, args.dburi)
        for backend in backends:
            check_reachable(backend)
    except BackendError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for backend in backends:
        clean(backend, drop=not args.dry_run)
    return 0


def clean(backend: Backend, drop: bool = True) -> list[Found]:
    """Print what ``backend``'s server holds under the suite's prefix; drop dead runs'."""
    place = place_for(backend.url)
    found = survey(place)
    where = backend.url.render_as_string() if backend.name != "sqlite" else place.key
    print(f"{backend.name} ({where}): "
          f"{len(found) or 'no'} namespace{'s' * (len(found) != 1)} named comparisons_*")
    for item in found:
        if item.dead and drop:
            place.drop(item.name)
        action = ("dropped" if drop else "to drop") if item.dead else "kept"
        print(f"  {action:8} {item.name}  ({item.why})")
    return found
