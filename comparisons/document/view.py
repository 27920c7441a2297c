"""The report JSON as the document shows it: columns, variants, verdicts grouped.

One view serves the HTML page, the Markdown file and the terminal, so the three
cannot disagree about what a row's verdicts are. Nothing here formats; it only
arranges what the JSON holds.
"""

from __future__ import annotations

import ast
import difflib
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from comparisons.databases.backends import ALL
from comparisons.document.coverage import SOURCES
from comparisons.values.code import is_code
from comparisons.values.verdicts import VERDICTS

#: How a sentence names the document a row's source code comes from ("As ... writes
#: it"): the two sources whose tables the coverage lists, then the documents of the
#: rows beyond them (a row's ``document`` in the catalog).
DOCUMENTS = {**{source.key: source.title for source in SOURCES},
             "flask-sqlalchemy": "Flask-SQLAlchemy's documentation",
             "lite": "Flask-SQLAlchemy-Lite's documentation",
             # Code quoted from no document: this project's own rendering of the shapes
             # counted in eight applications (shapes.*) and of the forms 2.0 and 2.1 refuse,
             # on the guide's models (removed.*, sa21.query_in_execute).
             "project": "this project"}


@dataclass(frozen=True)
class Column:
    """A verdict column: a backend, on one SQLAlchemy version when runs were merged."""

    key: str  # "sqlite", or "sqlite@sqlalchemy-2.0" in a merged report
    backend: str
    sqlalchemy: str | None

    @property
    def label(self) -> str:
        return self.backend if self.sqlalchemy is None else f"{self.backend} · SA {self.sqlalchemy}"


def column(key: str) -> Column:
    backend, _, version = key.partition("@")
    return Column(key, backend, version.removeprefix("sqlalchemy-") or None)


@dataclass(frozen=True)
class Verdict:
    verdict: str
    differences: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Group:
    """Columns on which a variant got the same verdict, differences and why."""

    columns: tuple[Column, ...]
    verdict: Verdict

    @property
    def label(self) -> str:
        return ", ".join(c.label for c in self.columns)


#: A piece of a text and whether it is what differs from the text it is compared with.
Segment = tuple[str, bool]


@dataclass(frozen=True)
class Block:
    """Code shown: where it stands (``lite.pagination.paginate``), its text, and the id of
    the one place the page shows it when several rows share it ("" where shown inline)."""

    origin: str
    code: str
    shared: str = ""

    @property
    def lines(self) -> int:
        return len(self.code.splitlines())


@dataclass(frozen=True)
class Marked:
    """A statement or value with what differs from its counterpart marked, and the
    changes read as (this side's words, the other side's words)."""

    segments: tuple[Segment, ...]
    changes: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.segments)


@dataclass(frozen=True)
class Difference:
    """A difference sentence, its two values marked where they are long and alike."""

    sentence: str
    head: str = ""  # "values, post.user_id (schema): legacy "
    baseline: Marked | None = None
    middle: str = ""  # "; modern "
    candidate: Marked | None = None


@dataclass(frozen=True)
class ShownVariant:
    """A variant as the report shows it: its label, target, code and verdict cells."""

    name: str
    label: str  # "as written", "recommended", "Lite", "Lite: write_only"
    target: str  # "Flask-SQLAlchemy 3.1, 2.x style"
    code: str
    cells: tuple[Verdict | None, ...]  # one per column
    groups: tuple[Group, ...]
    block: Block = field(default_factory=lambda: Block("", ""))
    #: The label of an earlier side of the row whose code is the same, or "".
    same_as: str = ""
    calls: tuple[Block, ...] = ()

    @property
    def by_verdict(self) -> tuple[tuple[str, str], ...]:
        """(verdict, the columns' labels) with columns of one verdict word together."""
        found: dict[str, list[str]] = {}
        for group in self.groups:
            found.setdefault(group.verdict.verdict, []).append(group.label)
        return tuple((verdict, ", ".join(labels)) for verdict, labels in found.items())


@dataclass(frozen=True)
class Claim:
    text: str
    #: (columns, holds, explanation) with equal outcomes grouped.
    outcomes: tuple[tuple[tuple[Column, ...], bool, str], ...]


@dataclass(frozen=True)
class SqlSide:
    """One side's statements, each marked against the legacy statement in its place."""

    label: str
    statements: tuple[Marked, ...]
    same_as_legacy: bool


@dataclass(frozen=True)
class Sql:
    column: Column
    sides: tuple[tuple[str, tuple[str, ...]], ...]  # (side label, statements)
    marked: tuple[SqlSide, ...] = ()


@dataclass(frozen=True)
class ShownRow:
    """A row as the report shows it, read from the report JSON (not a catalog Row)."""

    id: str
    section: str
    title: str
    document: str
    source: Mapping[str, str]
    legacy: str
    variants: tuple[ShownVariant, ...]
    claim: Claim | None
    sql: tuple[Sql, ...]
    search: str  # lower-case text the search box matches against
    legacy_block: Block = field(default_factory=lambda: Block("", ""))
    legacy_calls: tuple[Block, ...] = ()
    call: str = ""  # the legacy call, as the index names the row
    group: str = ""  # the index group (a key of GROUPS)
    recommended: str = ""  # the name of the recommended variant

    @property
    def document_name(self) -> str:
        return DOCUMENTS.get(self.document, self.document)

    @property
    def source_shown(self) -> bool:
        """Whether the code shown is the source's own text (legacy and as written), so
        that "As ... writes it" would only repeat it."""
        written = self.variant("as_written")
        return (self.source["legacy"].strip() == self.legacy.strip() and written is not None
                and self.source["modern"].strip() == written.code.strip())

    def variant(self, name: str) -> ShownVariant | None:
        return next((v for v in self.variants if v.name == name), None)

    @property
    def replacement(self) -> ShownVariant | None:
        """The recommended 2.x variant (the first one where none is named)."""
        return self.variant(self.recommended) or next(
            (v for v in self.variants if not v.name.startswith("lite")), None)

    @property
    def lite(self) -> ShownVariant | None:
        return self.variant("lite")

    def index_code(self, variant: ShownVariant) -> str:
        """The one line the index shows for ``variant``'s code.

        Of a call or a function's body, its line most like the legacy call
        (``one_line``). Of code that is a whole module, snippets or probes (``whole``),
        no line of it stands for the row, so the index says what the source writes
        (``written``, from the source's 2.x text; in Lite's documentation, its Lite
        text) where the variant's code holds it, or where the variant is probes run on
        the form the source writes; the legacy call where the variant is another form
        running legacy's very code (the same probes on Flask-SQLAlchemy 3.1); else the
        line of the variant's own code most like the source's text (Lite's form of a
        2.x snippet, a recommended models module).
        """
        kind = whole(variant.code)
        if not kind:
            return one_line(variant.code, self.call)
        written = self.written
        own_form = variant.name.startswith("lite") == (self.document == "lite")
        if _holds(variant.code, self.source["modern"], written) or (kind == "probes"
                                                                     and own_form):
            return written
        if variant.same_as == "legacy" and self.legacy.strip() == variant.code.strip():
            return self.call
        return like(variant.code, written)

    @property
    def lite_same(self) -> bool:
        """Whether the index says "same code" for Lite: the recommended form's code, and
        the same line for it (the same probes, named by the source's Lite text, are not)."""
        lite, replacement = self.lite, self.replacement
        return lite is not None and replacement is not None and \
            lite.code == replacement.code and \
            self.index_code(lite) == self.index_code(replacement)

    @property
    def written(self) -> str:
        """The source's 2.x text on one line: of a longer snippet, the line most like the
        legacy line the index names the row by (the legacy source's line most like its
        call): ``relationship(back_populates="user")`` for ``uselist=False``."""
        return like(self.source["modern"], like(self.source["legacy"], self.call, mark=False))

    @property
    def blocks(self) -> tuple[Block, ...]:
        return (self.legacy_block, *self.legacy_calls,
                *(b for v in self.variants for b in (v.block, *v.calls)))


#: The index's groups, as the sources group their rows: key -> heading.
GROUPS = {
    "tutorial": "The tutorial: Everything You Need to Know About SQLAlchemy",
    "guide": "SQLAlchemy's migration guide",
    "fsa": "Flask-SQLAlchemy 3.1's helpers",
    "sa21": "SQLAlchemy 2.1",
    "lite": "Flask-SQLAlchemy-Lite",
    "shapes": "The commonest shapes of real applications",
}


def group_of(section: str, document: str) -> str:
    if section in GROUPS and section != "guide":
        return section
    return "tutorial" if document == "tutorial" else "guide"


@dataclass(frozen=True)
class IndexGroup:
    key: str
    heading: str
    rows: tuple[ShownRow, ...]


#: The kinds of step of the translation's table, in its order: kind -> heading.
STEP_KINDS = {"base": "Bases", "builder": "Builders", "terminal": "Terminals", "rule": "Rules"}


@dataclass(frozen=True)
class ShownStep:
    """A step of the translation (``comparisons/translate/steps.py``), as the report's
    ``"steps"`` hold it: handed to the report as plain values, never imported here."""

    id: str
    kind: str  # a key of STEP_KINDS
    legacy: str
    modern: str
    verdict: str
    why: str
    always: tuple[str, ...]
    sometimes: tuple[str, ...]
    caller_changes: tuple[str, ...]
    proven: bool
    search: str = ""

    @property
    def anchor(self) -> str:
        return f"step.{self.id}"

    @property
    def legacy_is_code(self) -> bool:
        return is_code(self.legacy)

    @property
    def modern_is_code(self) -> bool:
        return is_code(self.modern)


def _step(found: Mapping[str, Any]) -> ShownStep:
    if found["kind"] not in STEP_KINDS:
        raise ValueError(f"step {found['id']}: unknown kind {found['kind']!r}")
    if found["verdict"] not in VERDICTS:
        raise ValueError(f"step {found['id']}: unknown verdict {found['verdict']!r}")
    aspects = found.get("aspects", {})
    step = ShownStep(found["id"], found["kind"], found["legacy"], found["modern"],
                     found["verdict"], found["why"], tuple(aspects.get("always", ())),
                     tuple(aspects.get("sometimes", ())),
                     tuple(found.get("caller_changes", ())), bool(found.get("proven")))
    text = " ".join([step.id, step.kind, step.legacy, step.modern, step.verdict, step.why,
                     *step.always, *step.sometimes, *step.caller_changes])
    return replace(step, search=" ".join(text.split()).lower())


@dataclass(frozen=True)
class View:
    versions: Mapping[str, str]  # a merged report's several versions joined: "2.0.44 / 2.1.9"
    columns: tuple[Column, ...]
    variant_names: tuple[str, ...]
    rows: tuple[ShownRow, ...]  # in the index's order: group by group
    #: Code several rows share, shown once on the page (a Block's ``shared`` is its id).
    shared: tuple[Block, ...] = ()
    #: The translation's table of steps, in the table's order (none in older reports).
    steps: tuple[ShownStep, ...] = ()

    @property
    def step_groups(self) -> tuple[tuple[str, tuple[ShownStep, ...]], ...]:
        """(kind, its steps): builders, terminals, rules, each in the table's order."""
        return tuple((kind, found) for kind in STEP_KINDS
                     if (found := tuple(s for s in self.steps if s.kind == kind)))

    def step(self, step_id: str) -> ShownStep:
        return next(step for step in self.steps if step.id == step_id)

    @property
    def groups(self) -> tuple[IndexGroup, ...]:
        return tuple(IndexGroup(key, heading, rows) for key, heading in GROUPS.items()
                     if (rows := tuple(r for r in self.rows if r.group == key)))

    def row(self, row_id: str) -> ShownRow:
        return next(row for row in self.rows if row.id == row_id)


def variant_label(name: str) -> str:
    if name == "lite":
        return "Lite"
    if name.startswith("lite."):
        return f"Lite: {name.removeprefix('lite.').replace('_', ' ')}"
    return name.replace("_", " ")


def _columns(rows: Sequence[Mapping[str, Any]]) -> tuple[Column, ...]:
    keys = dict.fromkeys(key for row in rows for key in row["verdicts"])
    found = [column(key) for key in keys]
    order = {name: index for index, name in enumerate(ALL)}
    return tuple(sorted(found, key=lambda c: (order.get(c.backend, len(order)), c.backend,
                                              c.sqlalchemy or "")))


def _verdict(found: Mapping[str, Any] | None) -> Verdict | None:
    if found is None:
        return None
    if found["verdict"] not in VERDICTS:
        raise ValueError(f"unknown verdict {found['verdict']!r}")
    return Verdict(found["verdict"], tuple(found.get("differences", ())), found.get("why", ""))


def _groups(columns: Sequence[Column], cells: Sequence[Verdict | None]) -> tuple[Group, ...]:
    grouped: dict[Verdict, list[Column]] = {}
    for col, cell in zip(columns, cells, strict=True):
        if cell is not None:
            grouped.setdefault(cell, []).append(col)
    return tuple(Group(tuple(cols), verdict) for verdict, cols in grouped.items())


def _variant(row: Mapping[str, Any], name: str, columns: Sequence[Column],
             targets: Mapping[str, str]) -> ShownVariant:
    cells = tuple(_verdict(row["verdicts"].get(c.key, {}).get(name)) for c in columns)
    target = row.get("targets", {}).get(name, "modern")
    return ShownVariant(name, variant_label(name), targets.get(target, target),
                   row["variants"][name], cells, _groups(columns, cells))


def _claim(row: Mapping[str, Any], columns: Sequence[Column]) -> Claim | None:
    found = [(c, row["verdicts"][c.key]["claim"]) for c in columns
             if "claim" in row["verdicts"].get(c.key, {})]
    if not found:
        return None
    outcomes: dict[tuple[bool, str], list[Column]] = {}
    for col, claim in found:
        outcomes.setdefault((claim["holds"], claim["explanation"]), []).append(col)
    return Claim(found[0][1]["text"],
                 tuple((tuple(cols), holds, why) for (holds, why), cols in outcomes.items()))


TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
#: Below this likeness two texts are different things: nothing in them is marked.
ALIKE = 0.4
#: An unchanged stretch longer than this is cut to its ends, so the change stays in view.
LONG_SAME = 90
KEEP = 32


def mark(text: str, other: str, elide: bool = False) -> Marked:
    """``text`` with the tokens (words, signs) that ``other`` does not have in their place
    marked, by difflib on tokens; the changes as (``text``'s words, ``other``'s words).
    With ``elide``, long unchanged stretches are cut to their ends."""
    mine, theirs = TOKEN.findall(text), TOKEN.findall(other)
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    if text == other or matcher.ratio() < ALIKE:
        return Marked(((text, False),))
    segments: list[Segment] = []
    changes: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        part = "".join(mine[i1:i2])
        if op == "equal":
            if elide and len(part) > LONG_SAME:
                part = (part[:KEEP] if segments else "") + " … " + (
                    part[-KEEP:] if i2 < len(mine) else "")
            segments.append((part, False))
            continue
        if part:
            segments.append((part, True))
        changes.append((part.strip(), "".join(theirs[j1:j2]).strip()))
    return Marked(tuple(segments), tuple(changes))


#: "aspect, detail (cases): legacy X; modern Y" (or "; Lite Y").
SENTENCE = re.compile(r"^(?P<head>.*?: legacy )(?P<x>.*)(?P<mid>; (?:modern|Lite) )(?P<y>.*)$",
                      re.DOTALL)


def difference(sentence: str) -> Difference:
    found = SENTENCE.match(sentence)
    if found is None or len(found["x"]) + len(found["y"]) < 60:
        return Difference(sentence)
    x, y = found["x"], found["y"]
    return Difference(sentence, found["head"], mark(x, y, elide=True), found["mid"],
                      mark(y, x, elide=True))


def _sql_sides(sent: Mapping[str, Sequence[str]]) -> tuple[SqlSide, ...]:
    legacy = list(sent.get("legacy", ()))
    sides = [SqlSide("legacy", tuple(Marked(((s, False),)) for s in legacy), False)]
    for side, statements in sent.items():
        if side == "legacy":
            continue
        marked = tuple(
            Marked(((mine, True),)) if theirs is None else mark(mine, theirs)
            for mine, theirs in itertools.zip_longest(statements, legacy[:len(statements)])
            if mine is not None)
        sides.append(SqlSide(variant_label(side), marked, list(statements) == legacy))
    return tuple(sides)


def _sql(row: Mapping[str, Any], columns: Sequence[Column]) -> tuple[Sql, ...]:
    sent = row.get("sql", {})
    return tuple(
        Sql(c, tuple((variant_label(side), tuple(statements))
                     for side, statements in sent[c.key].items()), _sql_sides(sent[c.key]))
        for c in columns if sent.get(c.key)
    )


def _search_text(row: ShownRow) -> str:
    parts: list[str] = [row.id, row.title, row.document, *row.source.values(), row.legacy]
    for variant in row.variants:
        parts += [variant.label, variant.code]
        for group in variant.groups:
            parts += [group.verdict.verdict, *group.verdict.differences, group.verdict.why]
    if row.claim is not None:
        parts += [row.claim.text, *(why for _, _, why in row.claim.outcomes)]
    return " ".join(" ".join(parts).split()).lower()


#: The legacy call each row of the sources' tables is named by (the tutorial's first).
CALLS: dict[str, str] = {}
for _source in SOURCES:
    for _entry in _source.entries:
        if _entry.row_id is not None:
            CALLS.setdefault(_entry.row_id, _entry.legacy)


def whole(code: str) -> str:
    """What code is when it is more than one call or body: ``"module"`` (a top-level
    import, or several top-level classes or functions: a models module, the tutorial's
    snippets), ``"probes"`` (several bodies, each under a ``# case`` comment; or names
    looked up, one a line, no statement a call); else ``""``."""
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return ""
    if any(isinstance(node, (ast.Import, ast.ImportFrom)) for node in body):
        return "module"
    blocks = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    if sum(isinstance(node, blocks) for node in body) >= 2:
        return "module"
    # Several bodies, each under its case's name (``report._probes_text``).
    headed = [part for part in code.split("\n\n") if part.lstrip("\n").startswith("# ")]
    bodies = code.startswith("# ") and len(headed) >= 2
    # A bare name or attribute is looked up; a statement that is a call does something.
    names = len(body) > 2 and all(
        isinstance(node, ast.Expr) and not isinstance(node.value, ast.Call) for node in body)
    return "probes" if bodies or names else ""


def _lines(code: str) -> set[str]:
    return {line.strip().replace("'", '"') for line in code.splitlines() if line.strip()}


def _holds(code: str, source: str, written: str) -> bool:
    """Whether ``code`` has the source's text as its own lines (quotes aside): all of a
    short snippet's lines, else the line ``written`` picked."""
    wanted = _lines(source) if len(_lines(source)) <= 2 else \
        _lines(written.removeprefix("… ").removesuffix(" …"))
    return bool(wanted) and wanted <= _lines(code)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def like(code: str, other: str, width: int = 80, mark: bool = True) -> str:
    """``code`` on one line: short code joined (``one_line``); of longer code, its line
    sharing the most words with ``other`` (the first of equals), marked as a part
    (``…``) unless ``mark`` is false."""
    lines = [line.strip() for line in code.replace("\\\n", "").splitlines()]
    lines = [line for line in lines
             if line and not line.startswith(("#", "from ", "import ", '"""'))]
    if len(lines) <= 2:
        return one_line(code, width=width)
    wanted = _words(other)
    best = max(range(len(lines)), key=lambda i: (len(_words(lines[i]) & wanted), -i))
    text = lines[best] if len(lines[best]) <= width else lines[best][: width - 1].rstrip()
    return f"{'… ' if best else ''}{text} …" if mark else text


def one_line(code: str, call: str = "", width: int = 80) -> str:
    """Code as one line for the index: continuations joined, imports and comments left out;
    of longer code, the line most like the legacy ``call`` (the first where none is given)."""
    lines = [line.strip() for line in code.replace("\\\n", "").splitlines()]
    lines = [line.removeprefix("return ") for line in lines
             if line and not line.startswith(("#", "from ", "import ", '"""'))]
    if not lines:
        return ""
    if len(lines) <= 2:
        # After a header (``class User(Base):``) the body follows as Python writes it
        # on one line, with no ``;`` between.
        joined = "".join(line + ("" if i == len(lines) - 1 else " " if line.endswith(":")
                                 else "; ") for i, line in enumerate(lines))
        text = re.sub(r"([(\[{])\s*;?\s*", r"\1", joined)
        return text if len(text) <= width else text[: width - 1].rstrip() + " …"
    words = TOKEN.findall(call)
    best = max(range(len(lines)), key=lambda i: (difflib.SequenceMatcher(
        None, words, TOKEN.findall(lines[i]), autojunk=False).ratio() if words else 0, -i))
    text = ("… " if best else "") + lines[best]
    return (text if len(text) <= width else text[: width - 1].rstrip()) + " …"


def _blocks(row: Mapping[str, Any], side: str, code: str) -> tuple[Block, tuple[Block, ...]]:
    origins = row.get("origins", {})
    calls = row.get("calls", {}).get(side, {})
    return (Block(origins.get(side, ""), code),
            tuple(Block(name, text) for name, text in calls.items()))


def _row(row: Mapping[str, Any], columns: Sequence[Column], targets: Mapping[str, str]) -> ShownRow:
    variants = []
    seen = {row["legacy"]: "legacy"}
    for name in row["variants"]:
        variant = _variant(row, name, columns, targets)
        block, calls = _blocks(row, name, variant.code)
        variants.append(replace(variant, block=block, calls=calls,
                                same_as=seen.get(variant.code, "")))
        seen.setdefault(variant.code, variant.label)
    legacy, legacy_calls = _blocks(row, "legacy", row["legacy"])
    document = row.get("document", "tutorial")
    view = ShownRow(row["id"], row["section"], row["title"], document,
               row["source"], row["legacy"], tuple(variants),
               _claim(row, columns), _sql(row, columns), search="",
               legacy_block=legacy, legacy_calls=legacy_calls,
               call=CALLS.get(row["id"]) or one_line(row["source"]["legacy"]),
               group=group_of(row["section"], document),
               recommended=row.get("recommended", ""))
    return replace(view, search=_search_text(view))


#: Code shared by rows is shown once when it is at least this long (a call: always).
SHARED_LINES = 4


def _shared(rows: Sequence[ShownRow]) -> tuple[tuple[ShownRow, ...], tuple[Block, ...]]:
    """The rows with code shown in several places pointed at one block each, and those
    blocks (ids ``code.<origin>``, numbered where one origin shows two texts). Blocks
    are the same when their text is (a Lite function is modern's code: shown once)."""
    uses: dict[str, list[str]] = {}
    calls = {b.code for r in rows
             for found in (r.legacy_calls, *(v.calls for v in r.variants)) for b in found}
    for r in rows:
        # A variant with the code of an earlier side says so: its code is not shown again.
        shown = [r.legacy_block, *r.legacy_calls,
                 *(b for v in r.variants
                   for b in ((*v.calls,) if v.same_as else (v.block, *v.calls)))]
        for b in shown:
            if b.origin:
                uses.setdefault(b.code, []).append(b.origin)
    ids: dict[str, str] = {}
    origins: dict[str, str] = {}
    for code, found in uses.items():
        if len(found) > 1 and (code in calls or len(code.splitlines()) >= SHARED_LINES):
            name = f"code.{found[0]}"
            taken = set(ids.values())
            ids[code] = name if name not in taken else next(
                f"{name}-{n}" for n in itertools.count(2) if f"{name}-{n}" not in taken)
            origins[code] = ", ".join(dict.fromkeys(found))

    def point(b: Block) -> Block:
        return replace(b, shared=ids.get(b.code, ""))

    pointed = tuple(replace(
        r, legacy_block=point(r.legacy_block), legacy_calls=tuple(map(point, r.legacy_calls)),
        variants=tuple(replace(v, block=point(v.block), calls=tuple(map(point, v.calls)))
                       for v in r.variants)) for r in rows)
    return pointed, tuple(Block(origins[code], code, name) for code, name in ids.items())


def build(report: Mapping[str, Any]) -> View:
    rows: Sequence[Mapping[str, Any]] = report["rows"]
    columns = _columns(rows)
    targets = report.get("targets", {})
    names = dict.fromkeys(name for row in rows for name in row["variants"])
    versions = {name: " / ".join(map(str, found)) if isinstance(found, list) else str(found)
                for name, found in report["versions"].items()}
    shown = [_row(row, columns, targets) for row in rows]
    order = list(GROUPS)
    shown.sort(key=lambda r: order.index(r.group))  # stable: the catalog's order within
    pointed, shared = _shared(shown)
    steps = tuple(_step(found) for found in report.get("steps", ()))
    return View(versions, columns, tuple(names), pointed, shared, steps)


def verdict_counts(view: View) -> dict[str, int]:
    """How many (row, variant, column) verdicts each verdict word got."""
    counts = dict.fromkeys(VERDICTS, 0)
    for cell in _cells(view.rows):
        counts[cell.verdict] += 1
    return counts


def _cells(rows: Iterable[ShownRow]) -> Iterable[Verdict]:
    for row in rows:
        for variant in row.variants:
            yield from (cell for cell in variant.cells if cell is not None)
