"""``python -m comparisons``: run every row and print the verified reference.

Plain output is a table per section; ``--json`` prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from comparisons import cleanup
from comparisons.backends import ALL, ENV_VAR, BackendError, selected_backends
from comparisons.report import build
from comparisons.table import render


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "clean":
        return cleanup.main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m comparisons", description=__doc__)
    parser.add_argument("--db", action="append", default=[], metavar="NAME",
                        help=f"backend(s): {', '.join(ALL)}, all, a comma list, or a URL "
                             f"(default: ${ENV_VAR}, else sqlite)")
    parser.add_argument("--dburi", action="append", default=[], metavar="URL",
                        help="a database URL (repeatable)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        backends = selected_backends(args.db, args.dburi)
        report = build(backends)
    except BackendError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        render(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
