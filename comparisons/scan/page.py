"""``scan --out DIR``: the sites as a page in the reference's style (``index.html``, the
report's template, styles and search), with ``sites.json`` (what ``--json`` prints)
beside it, written whole into a temporary folder and moved into place as the report is.

Each site is linked to what proves its replacement in the reference: the catalog rows
that run its steps or its form (``<reference>#operations.get_by_id``) and the steps
themselves (``<reference>#step.filter_by``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from comparisons.document.folder import write
from comparisons.document.render import CODE_CSS, ENV
from comparisons.scan.sites import REMOVED, Site
from comparisons.translate.steps import BY_ID as STEPS
from comparisons.values.verdicts import VERDICTS

#: The files ``--out`` writes; a folder holding others is refused.
FILES = ("index.html", "sites.json")
#: Where the reference is, from the page: ``python -m comparisons`` writes it to
#: ``comparisons-report/``, beside the folder ``--out`` names when both run in one place.
REFERENCE = "../comparisons-report/index.html"

#: The catalog rows that run each step's legacy form beside its 2.x form (besides the
#: rows a step's ``why`` cites, which are linked too).
STEP_ROWS: dict[str, tuple[str, ...]] = {
    "filter": ("operations.complex_filter", "guide.join_filter"),
    "filter_by": ("operations.simple_filter", "guide.filter_by_first", "guide.filter_by_one"),
    "order_by": ("operations.sorting",),
    "join": ("guide.join_filter",),
    "options": ("guide.joinedload",),
    "all": ("operations.all_records",),
    "first": ("operations.first_result", "guide.filter_by_first"),
    "one": ("guide.filter_by_one", "transactions.by_name"),
    "count": ("operations.count_filter", "guide.count"),
    "get": ("operations.get_by_id",),
    "paginate": ("operations.pagination", "fsa.paginate"),
    "limit": ("operations.pagination",),
    "offset": ("operations.pagination",),
}
#: The rows about a site that is not a Query chain, by its shape.
SHAPE_ROWS: dict[str, tuple[str, ...]] = {
    "model.Column": ("model.person",),
    "model.Table": ("relationships.many_to_many",),
    "model.backref": ("relationships.one_to_many", "relationships.configuration"),
    "model.db_backref": ("relationships.configuration",),
    "model.uselist": ("relationships.one_to_one",),
    "model.dynamic": ("dynamic.relationship",),
    "removed.string_option": ("removed.joinedload_string", "removed.load_only_string"),
    "removed.from_self": ("removed.from_self",),
    "removed.engine_execute": ("removed.engine_execute",),
    "removed.raw_execute": ("removed.session_execute_string",),
    "removed.select_list": ("removed.select_list",),
    "removed.paginate_positional": ("fsa.paginate",),
}
COMMENT = re.compile(r"\s*#[^\"']*$")
CITED = re.compile(r"\b[a-z0-9]+\.[a-z0-9_]+\b")


@dataclass(frozen=True)
class Link:
    """One link of a site to the reference: a catalog row or a step."""

    href: str
    label: str
    title: str


#: A catalog row's id -> its title: the rows the page may link to.
Catalog = Mapping[str, str]


def cited(step: str, catalog: Catalog) -> list[str]:
    """The catalog rows a step's ``why`` names (``catalog row operations.get_by_id``)."""
    found = STEPS.get(step)
    return [] if found is None else [m for m in CITED.findall(found.why) if m in catalog]


def row_ids(site: Site, catalog: Catalog) -> list[str]:
    """The catalog rows behind ``site``: its steps' rows, else the rows of its shape or
    of the removed form its reason names."""
    ids: list[str] = []
    for step in site.rows:
        ids += [*cited(step, catalog), *STEP_ROWS.get(step, ())]
    if site.kind == "dynamic":
        ids.append("dynamic.relationship")
    ids += SHAPE_ROWS.get(site.shape, ())
    for form, reason in REMOVED.items():
        if site.reason == reason:
            ids += SHAPE_ROWS.get(f"removed.{form}", ())
    return [i for i in dict.fromkeys(ids) if i in catalog]


def links(site: Site, reference: str, catalog: Catalog) -> tuple[list[Link], list[Link]]:
    """The site's catalog rows and its steps, as links into the reference."""
    rows = [Link(f"{reference}#{i}", i, catalog[i]) for i in row_ids(site, catalog)]
    steps = [Link(f"{reference}#step.{s}", s, STEPS[s].modern if s in STEPS else "")
             for s in site.rows]
    return rows, steps


@dataclass(frozen=True)
class Shown:
    """A site as the page shows it."""

    site: Site
    anchor: str
    rows: list[Link]
    steps: list[Link]

    @property
    def line(self) -> str:
        """The legacy text on one line, for the index: each line's comment left out, a
        line that continues a chain (``.filter(...)``) joined without a space."""
        parts = [COMMENT.sub("", line).strip() for line in self.site.legacy.splitlines()]
        joined = ""
        for part in filter(None, parts):
            glue = "" if not joined or part.startswith((".", ")", "]")) \
                or joined.endswith(("(", "[")) else " "
            joined += glue + part
        return joined


#: The order of the groups: the calls to rewrite first, the model definitions last.
KINDS = ("query", "dynamic", "removed", "model")


def groups(sites: Iterable[Site], reference: str,
           catalog: Catalog) -> dict[str, list[Shown]]:
    """The sites by shape: by kind (``KINDS``), then the commonest shape first."""
    by_shape: dict[str, list[Shown]] = {}
    for site in sites:
        rows, steps = links(site, reference, catalog)
        by_shape.setdefault(site.shape, []).append(
            Shown(site, f"{site.path}:{site.line}:{site.column}", rows, steps))
    return dict(sorted(by_shape.items(), key=lambda item: (
        KINDS.index(item[1][0].site.kind) if item[1][0].site.kind in KINDS else len(KINDS),
        -len(item[1]), item[0])))


def common_folder(paths: Iterable[str]) -> str:
    """The folder every path is below (``""`` where there is none): the page names a
    site's file below it."""
    folders = [p.rpartition("/")[0] for p in paths]
    if not folders:
        return ""
    common = os.path.commonpath(folders) if all(folders) else ""
    return f"{common}/" if common else ""


def html(found: dict[str, Any], sites: list[Site], paths: list[str], catalog: Catalog,
         reference: str = REFERENCE) -> str:
    """The page: a header with the counts, then every site grouped by shape."""
    summary = found["summary"]
    return ENV.get_template("scan.html").render(
        paths=paths, summary=summary, below=common_folder(s.path for s in sites),
        skipped=found["skipped"],
        groups=groups(sites, reference, catalog), reference=reference,
        counts={v: summary["by_verdict"].get(v, 0) for v in VERDICTS},
        untranslated=summary["by_verdict"].get("not translated", 0),
        pygments_css=CODE_CSS)


def write_page(out: Path, found: dict[str, Any], sites: list[Site], paths: list[str],
               catalog: Catalog, reference: str = REFERENCE) -> Path:
    """``index.html`` and ``sites.json`` in ``out``, written whole or not at all (raises
    ``document.folder.OutError`` with one line). ``catalog``: each row's title by id."""
    return write(out, {"index.html": html(found, sites, paths, catalog, reference),
                       "sites.json": json.dumps(found, ensure_ascii=False, indent=1) + "\n"})
