"""The report in the terminal: a few lines per row, or a row in full (``--details``, ``--row``).

Every line fits the console's width (``width()``: ``$COLUMNS``, else the terminal's,
else 80, as when piped). A line too long is broken between words, its continuation
indented under the start of its text (``fit``); a single word longer than the room
left (a chained call, a URL) is folded after a comma, an opening bracket or a slash,
or before a dot, and cut only where it has none of these. Lines are then printed as
they are (``soft_wrap``): rich never re-wraps them.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.syntax import Syntax
from rich.text import Text

from comparisons.bench.results import legacy_call
from comparisons.databases.backends import ALL
from comparisons.document.chains import Tally, coverage
from comparisons.document.view import STEP_KINDS, ShownRow, ShownVariant, View

STYLE = {"identical": "green", "drop-in": "cyan", "caller-changes": "yellow",
         "behaviour-change": "dark_orange", "breaks": "bold red", "both-fail": "magenta"}
#: Where the continuation of a line starts, beyond the start of its text.
HANG = 4
#: The least room a line keeps for its text, however deep its indent: below this the
#: line overflows rather than print a character or two per line.
ROOM = 16
#: A word too long for a line may be folded after these characters, or before a dot.
FOLD_AFTER = ",(/"


def width() -> int:
    """``$COLUMNS``, else the terminal's width, else 80 (not a terminal: piped)."""
    return shutil.get_terminal_size((80, 24)).columns


def _fold(word: str, room: int) -> int:
    """Where to cut a word longer than ``room``: the last fold point within it, else
    ``room`` itself (the only case where a word is cut between two letters)."""
    for cut in range(room, 0, -1):
        if word[cut - 1] in FOLD_AFTER or word[cut] == ".":
            return cut
    return room


def fit(text: Text | str, width: int, indent: int = 0, hang: int = HANG) -> list[Text]:
    """``text`` as lines of at most ``width`` characters, broken between words.

    Each of its own lines starts at ``indent`` spaces, plus the spaces it starts with;
    the continuations of a line start ``hang`` further in.
    """
    text = Text(text) if isinstance(text, str) else text
    lines: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        own = len(plain) - len(plain.lstrip(" "))
        # A deep indent of its own (code aligned under a bracket) gives way before
        # the room for text does.
        deepest = max(indent, width - ROOM)
        start, pad = own, min(indent + own, deepest)
        while True:
            room = max(width - pad, ROOM)
            rest = plain[start:]
            if len(rest) <= room:
                piece = line[start:]
                piece.rstrip()
                lines.append(Text(" " * pad) + piece if piece.plain else Text())
                break
            cut = rest.rfind(" ", 0, room + 1)
            if cut <= 0:
                cut = _fold(rest, room)
            piece = line[start:start + cut]
            piece.rstrip()
            lines.append(Text(" " * pad) + piece)
            start += cut
            while start < len(plain) and plain[start] == " ":
                start += 1
            if start >= len(plain):
                break
            pad = min(indent + own + hang, max(deepest, indent + hang))
    return lines


def _print(console: Console, lines: Iterable[Text]) -> None:
    # One print of the joined lines: rich's per-call overhead, paid once per line, was
    # most of the time --details took.
    lines = list(lines)
    if lines:
        console.print(Text("\n").join(lines), soft_wrap=True)


def _labelled(label: Text | str, text: Text | str, width: int, indent: int,
              style: str = "", hang: int = 0) -> list[Text]:
    """``label`` then ``text``, whose every line (its own, and its continuations, ``hang``
    further in) starts under the first character of ``text``: a sentence or a snippet
    beside its label."""
    label = Text(label) if isinstance(label, str) else label
    body = fit(Text(text, style=style) if isinstance(text, str) else text,
               width, indent + len(label), hang)
    if not body:
        return [Text(" " * indent) + label]
    return [Text(" " * indent) + label + body[0][indent + len(label):], *body[1:]]


def header(view: View, console: Console) -> None:
    versions = ", ".join(f"{name} {version}" for name, version in view.versions.items())
    backends = list(dict.fromkeys(c.backend for c in view.columns))
    line = Text(f"backends: {', '.join(c.label for c in view.columns)}")
    skipped = [name for name in ALL if name not in backends]
    if skipped:
        line.append(f" (not selected: {', '.join(skipped)}; use --db all)")
    title = Text(f"Legacy Flask-SQLAlchemy vs 2.x and Lite — {versions}", style="bold")
    _print(console, [*fit(title, console.width), *fit(line, console.width)])


def verdicts(variant: ShownVariant) -> Text:
    """``drop-in``, or ``drop-in on sqlite; breaks on mariadb`` where columns disagree.

    Columns are grouped by the verdict word alone: the differences behind it are for
    ``--details``.
    """
    words: dict[str, list[str]] = {}
    for group in variant.groups:
        words.setdefault(group.verdict.verdict, []).extend(c.label for c in group.columns)
    text = Text()
    for index, (word, labels) in enumerate(words.items()):
        text.append("; " if index else "")
        text.append(word, style=STYLE.get(word, ""))
        if len(words) > 1:
            text.append(f" on {', '.join(labels)}", style="dim")
    return text if words else Text("not run", style="dim")


def pack(items: Sequence[Text], width: int, indent: int, hang: int = HANG,
         separator: str = " · ") -> list[Text]:
    """``items`` joined by ``separator``, a line broken only between two items where it
    can be (the separator ends the line); an item too long for a line of its own is
    broken between words."""
    mark = separator.rstrip()
    lines: list[Text] = []
    line = Text(" " * indent)
    for index, item in enumerate(items):
        more = len(mark) if index < len(items) - 1 else 0
        if index:
            if len(line.plain) + len(separator) + len(item.plain) + more <= width:
                line.append(separator, style="dim")
            else:
                if len(line.plain) + len(mark) <= width:
                    line.append(mark, style="dim")
                    lines.append(line)
                    line = Text(" " * (indent + hang))
                else:
                    lines.append(line)
                    line = Text(" " * (indent + hang)) + Text(mark.lstrip() + " ", style="dim")
        start = len(line.plain)
        found = fit(item, width - more, start, hang=max(indent + hang - start, 0))
        found[0] = line + found[0][start:]
        lines += found[:-1]
        line = found[-1]
    return [*lines, line]


def summary_lines(row: ShownRow, width: int) -> list[Text]:
    """The row's legacy call and id, then its verdict per variant, indented."""
    lead = Text(legacy_call(row.source["legacy"]), style="bold")
    lead.append(f"  {row.id}", style="dim")
    items = [Text(f"{variant.label}: ", style="dim") + verdicts(variant)
             for variant in row.variants]
    return [*fit(lead, width), *pack(items, width, indent=HANG)]


def note(console: Console, text: str) -> None:
    """A line of the command's own (where the report went), fitted like the rest."""
    _print(console, fit(text, console.width))


def summary(view: View, console: Console, chains: Tally | None = None) -> None:
    header(view, console)
    for row in view.rows:
        _print(console, summary_lines(row, console.width))
    _print(console, step_lines(view, chains, console.width))


def _kind_label(kind: str, count: int) -> str:
    """``builders``, or ``base`` for one: STEP_KINDS' titles are plural."""
    label = STEP_KINDS[kind].lower()
    return label.removesuffix("s") if count == 1 else label


def step_lines(view: View, chains: Tally | None, width: int) -> list[Text]:
    """The table of steps in a line or two (its verdicts), and what the chains exercised."""
    if not view.steps:
        return []
    kinds = ", ".join(f"{len(found)} {_kind_label(kind, len(found))}"
                      for kind, found in view.step_groups)
    line = Text(f"steps: {len(view.steps)} ({kinds}): ", style="bold")
    words = [step.verdict for step in view.steps]
    for index, verdict in enumerate(dict.fromkeys(words)):
        line.append(", " if index else "")
        line.append(f"{verdict} {words.count(verdict)}", style=STYLE.get(verdict, ""))
    lines = fit(line, width)
    if chains is None:
        return lines
    found = coverage(chains, [(step.id, step.kind) for step in view.steps])
    runs = ", ".join(f"{label}: {n:,}" for label, n, _ in found.runs)
    exercised, possible = found.pairs
    text = (f"chains: {found.chains:,} as declared ({found.refused:,} more not translated) "
            f"on {runs or 'no run'}; {exercised} of {possible} pairs of steps exercised")
    if found.never_steps:
        text += f"; no chain used {', '.join(found.never_steps)}"
    if found.never_pairs:
        text += f"; {len(found.never_pairs)} pairs no chain used (index.html#chains)"
    return [*lines, *fit(text, width, hang=HANG)]


def _code(code: str, width: int, indent: int) -> list[Text]:
    return fit(_highlighted(code).copy(), width, indent)


@functools.lru_cache(maxsize=1024)
def _highlighted(code: str) -> Text:
    """``code`` highlighted once, whatever the widths it is fitted to (Pygments' lexer
    was half the time a row in full took)."""
    highlighted = Syntax(code, "python", theme="ansi_dark",
                         background_color="default").highlight(code)
    highlighted.rstrip()
    return highlighted


def _variant(variant: ShownVariant, width: int) -> list[Text]:
    """The variant's code and its verdicts, each difference and why wrapped under itself."""
    lines = [Text(), *fit(Text(f"{variant.label} ({variant.target})", style="bold"), width),
             *_code(variant.code, width, HANG)]
    for group in variant.groups:
        verdict = Text(group.verdict.verdict, style=STYLE.get(group.verdict.verdict, ""))
        verdict.append(f" on {group.label}", style="dim")
        lines += fit(verdict, width, indent=2)
        for sentence in group.verdict.differences:
            lines += _labelled("• ", sentence, width, indent=4)
        if group.verdict.why:
            lines += _labelled(Text("why: ", style="italic"), group.verdict.why, width,
                               indent=4, style="italic")
    return lines


def _rule(title: str, width: int) -> list[Text]:
    """``── title ──...`` across the width, the title wrapped under itself if it must be."""
    lines = _labelled(Text("── ", style="dim"), Text(title, style="bold"), width, indent=0)
    fill = width - len(lines[-1].plain) - 1
    if fill > 0:
        lines[-1].append(" " + "─" * fill, style="dim")
    return lines


def row_details(row: ShownRow, console: Console) -> None:
    width = console.width
    label = max(len("legacy"), len("2.x")) + 2
    lines = [*_rule(f"{row.id}: {row.title}", width),
             *fit(Text(f"As {row.document_name} writes it:", style="dim"), width),
             *_labelled(f"{'legacy':<{label}}", row.source["legacy"], width, 2, hang=HANG),
             *_labelled(f"{'2.x':<{label}}", row.source["modern"], width, 2, hang=HANG),
             Text(), *fit(Text("legacy (the code that ran)", style="bold"), width),
             *_code(row.legacy, width, HANG)]
    for variant in row.variants:
        lines += _variant(variant, width)
    if row.claim is not None:
        lines += [Text(), *_labelled(f"Claim of {row.document_name}: ",
                                     f"“{row.claim.text}”", width, indent=0)]
        for columns, holds, explanation in row.claim.outcomes:
            outcome = Text("holds" if holds else "does not hold",
                           style="green" if holds else "red")
            outcome.append(f" on {', '.join(c.label for c in columns)}: ")
            lines += _labelled(outcome, explanation, width, indent=2)
    for sent in row.sql:
        lines += [Text(), *fit(Text(f"SQL on {sent.column.label} (first case)", style="dim"),
                               width)]
        side_width = max([12, *(len(side) for side, _ in sent.sides)]) + 1
        for side, statements in sent.sides:
            for statement in statements or ("(no statement)",):
                lines += _labelled(f"{side:<{side_width}}", statement, width, indent=2,
                                   style="dim", hang=HANG)
    _print(console, lines)


def details(view: View, row_ids: Sequence[str], console: Console) -> None:
    header(view, console)
    for row_id in row_ids:
        console.print()
        row_details(view.row(row_id), console)
