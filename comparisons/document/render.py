"""The view rendered through Jinja2 templates: one HTML page and one Markdown file.

HTML is escaped by Jinja (autoescape for ``.html``/``.svg`` templates); code is
highlighted by Pygments; Markdown text goes through ``md`` so a ``<`` or ``|`` in a
difference cannot turn into markup or break a table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from comparisons.bench.results import Result, for_rows
from comparisons.databases.backends import ALL
from comparisons.document import coverage
from comparisons.document.chains import Tally
from comparisons.document.chains import coverage as chain_coverage
from comparisons.document.view import (
    STEP_KINDS,
    Marked,
    View,
    difference,
    one_line,
    verdict_counts,
)
from comparisons.values.verdicts import VERDICTS

#: What each verdict means, as the legend and the Markdown say it.
MEANINGS = {
    "identical": "nothing observable differs",
    "drop-in": "same results and state; only SQL text, statement count or warnings differ",
    "caller-changes": "same results and state; the kind of object returned or when the SQL "
                      "runs differs, so calling code must change",
    "behaviour-change": "in some cases the values, the exceptions or the database state differ",
    "breaks": "the 2.x code raises in every case where the legacy code does not",
    "both-fail": "both sides raise in every case",
}
#: A sign beside the word where colour is not available (Markdown on a code host).
SIGNS = {"identical": "🟢", "drop-in": "🟢", "caller-changes": "🟡", "behaviour-change": "🟠",
         "breaks": "🔴", "both-fail": "⚫"}

FORMATTER = HtmlFormatter(nowrap=True)
#: Pygments' colours for ``pre.code`` (types-Pygments leaves this method untyped).
CODE_CSS = Markup(FORMATTER.get_style_defs(".code"))  # type: ignore[no-untyped-call]
MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def python_html(code: str) -> Markup:
    """Pygments' highlighting of ``code`` (its output escapes the code's own text)."""
    return Markup(highlight(code, PythonLexer(), FORMATTER))


#: A URL in prose (its closing punctuation left out), or a GitHub issue named
#: ``owner/repo#123``.
URL = re.compile(r"https?://[^\s<>\"'`]+[^\s<>\"'`).,;:!?]|\b[\w.-]+/[\w.-]+#\d+\b")


def _href(found: str) -> str:
    if found.startswith("http"):
        return found
    repo, _, number = found.partition("#")
    return f"https://github.com/{repo}/issues/{number}"


def links(text: str) -> Markup:
    """``text`` escaped, each URL (and ``owner/repo#123``) in it a link."""
    out: list[str] = []
    last = 0
    for found in URL.finditer(text):
        out += [escape(text[last:found.start()]),
                Markup('<a href="{}">{}</a>').format(_href(found[0]), found[0])]
        last = found.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def marked(value: Marked) -> Markup:
    """A marked text as HTML: what differs in ``<mark>``."""
    return Markup("").join(Markup("<mark>{}</mark>").format(text) if differs else escape(text)
                           for text, differs in value.segments)


def _md_escape(text: str) -> str:
    return MD_SPECIAL.sub(r"\\\1", text)


def md(text: str) -> str:
    """Text for Markdown: characters that would become markup escaped, lines kept, and
    each URL an autolink (``<https://...>``)."""
    out: list[str] = []
    last = 0
    for found in URL.finditer(text):
        link = found[0]
        out.append(_md_escape(text[last:found.start()]))
        out.append(f"<{link}>" if link.startswith("http")
                   else f"[{_md_escape(link)}]({_href(link)})")
        last = found.end()
    out.append(_md_escape(text[last:]))
    return "".join(out).replace("\n", "<br>")


def md_code(text: str) -> str:
    """Inline code for a Markdown table cell: backticks that the text cannot close."""
    fence = "``" if "`" in text else "`"
    # GFM reads a pipe as a column break even inside a code span, unless escaped.
    return f"{fence} {text.replace('|', chr(92) + '|').replace(chr(10), ' ')} {fence}"


def counted(n: int, word: str) -> str:
    """``1 chain``, ``1,600 chains``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("comparisons.document", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "svg"), default=False),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(python=python_html, md=md, md_code=md_code, links=links,
                       marked=marked, difference=difference, one_line=one_line,
                       counted=counted)
    env.globals.update(meanings=MEANINGS, signs=SIGNS, verdicts=VERDICTS, step_kinds=STEP_KINDS)
    return env


ENV = _environment()


def context(view: View, bench: Mapping[str, Sequence[Result]] | None,
            chains: Tally | None = None) -> dict[str, Any]:
    ids = [row.id for row in view.rows]
    backends = list(dict.fromkeys(c.backend for c in view.columns))
    sections: dict[str, list[Any]] = {}
    for row in view.rows:
        sections.setdefault(row.section, []).append(row)
    return {
        "view": view,
        "sections": sections,
        "backends": backends,
        "not_selected": [name for name in ALL if name not in backends],
        "coverage": [coverage.coverage(ids, source) for source in coverage.SOURCES],
        "beyond": coverage.beyond(ids),
        "counts": verdict_counts(view),
        "bench": for_rows(bench),
        #: Benchmarks of no report row (migration patterns, writes): shown on their own.
        "bench_beyond": {key: found for key, found in for_rows(bench).items() if key not in ids},
        "pygments_css": CODE_CSS,
        "chains": None if chains is None else chain_coverage(
            chains, [(step.id, step.kind) for step in view.steps]),
    }


def html(view: View, bench: Mapping[str, Sequence[Result]] | None = None,
         chains: Tally | None = None) -> str:
    return ENV.get_template("index.html").render(context(view, bench, chains))


def markdown(view: View, bench: Mapping[str, Sequence[Result]] | None = None,
             chains: Tally | None = None) -> str:
    return ENV.get_template("report.md").render(context(view, bench, chains))
