"""Whether a short text is code or prose: how the step table's forms are shown.

A step's legacy and 2.x forms are mostly code (``.filter(...)``, ``[start:stop]``,
``db.session.scalars(stmt)``); a rule's are sometimes words ("the same select"). The
README, the page and the Markdown show the first as code and the second as text.
"""

from __future__ import annotations

import ast


def is_code(text: str) -> bool:
    """Whether ``text`` parses as a Python expression, as it stands or continuing a name
    (``.first()``, ``[start:stop]``): parsed, never run."""
    for candidate in (text, f"x{text}"):
        try:
            ast.parse(candidate, mode="eval")
        except SyntaxError:
            continue
        return True
    return False
