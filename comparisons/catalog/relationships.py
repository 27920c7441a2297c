"""Rows of the tutorial's "Relationships in SQLAlchemy" section.

Each relationship row compares, case by case, the tutorial's two snippets (as written)
and the project's corrected pair (recommended) on the same seeded data; the cases are
the scenarios of :mod:`comparisons.observers.relationships`. The configuration and typing rows
are the tutorial's comparison table's last two lines. The ``lite`` variants are the
corrected pair on Flask-SQLAlchemy-Lite (``lite.relationships``) and the tutorial's
snippets with the table names Lite needs (``lite.tutorial_relationships.NAMED``).
"""

from __future__ import annotations

import legacy.tutorial_relationships as legacy_tutorial
import modern.tutorial_relationships as modern_tutorial
from comparisons.catalog import relationship_sql as sql
from comparisons.catalog.build import lite_form, recommended, row, variant, written
from comparisons.catalog.model_sets import TutorialSets, corrected, dynamic_mapped, tutorial
from comparisons.catalog.relationship_claims import (
    PERFORMANCE,
    SCALAR,
    same_queries,
    scalar_without_uselist,
)
from comparisons.catalog.typing_probe import Probe, observe_typing, start
from comparisons.databases.backends import ALL
from comparisons.observers.relationships.configuration import observe_configuration
from comparisons.observers.relationships.scenarios import observer, scenarios
from comparisons.observers.relationships.sets import KINDS
from comparisons.values.diff import Diff
from comparisons.values.rows import Case, Claim, On, Row, Side, Variant

SECTION = "relationships"
TITLES = {"one_to_many": "One-to-many", "many_to_many": "Many-to-many",
          "one_to_one": "One-to-one"}

def _cases(kind: str) -> tuple[Case, ...]:
    return tuple(Case(name, "relationships") for name in scenarios(kind))


def _side(style: str, kind: str) -> Side:
    return Side(style, tutorial(style, kind))


ON_LITE = ("On Lite as in 2.x: lite.relationships is modern.relationships on Lite's "
           "DeclarativeBase (same tables, same relationship() arguments, same call sites), "
           "and Lite's session is a plain Session. ")


def relationship_row(kind: str, as_written: Variant, recommended: Variant,
                     claim: Claim | None = None, others: tuple[Variant, ...] = ()) -> Row:
    """A relationship row: the tutorial's two snippets, the corrected pair, and that pair
    on Lite, declared to do exactly what the 2.x pair does."""
    return row(f"{SECTION}.{kind}", TITLES[kind],
               (legacy_tutorial.SNIPPETS[kind], modern_tutorial.SNIPPETS[kind]),
               _side("legacy", kind), _cases(kind),
               as_written, recommended, *others, lite_form(Side("lite", corrected("lite")), why=ON_LITE),
               observer=observer(scenarios(kind)), claim=claim)


#: Each as-written variant's SQL differences, and where a backend's differ.
WRITTEN_SQL = {
    "one_to_many": (sql.ONE_TO_MANY_AS_WRITTEN, sql.ONE_TO_MANY_AS_WRITTEN_ON),
    "many_to_many": (sql.MANY_TO_MANY_AS_WRITTEN, sql.MANY_TO_MANY_AS_WRITTEN_ON),
    "one_to_one": (sql.ONE_TO_ONE_AS_WRITTEN, sql.ONE_TO_ONE_AS_WRITTEN_ON),
}


def _written(kind: str, verdict: str, differences: tuple[Diff, ...], why: str) -> Variant:
    statements, on = WRITTEN_SQL[kind]
    return written(_side("modern", kind), verdict, *differences, *statements, why=why, on=on)


def _recommended(verdict: str, differences: tuple[Diff, ...], why: str,
                 on: tuple[On, ...] = ()) -> Variant:
    return recommended(Side("modern", corrected("modern")), verdict, *differences, why=why,
                       on=on, baseline=Side("legacy", corrected("legacy")))


# --- The three relationships ----------------------------------------------------------------

NOT_NULL_WHY = (
    "The tutorial's modern foreign key is Mapped[int], which SQLAlchemy makes NOT NULL; "
    "the legacy db.Column(db.Integer, db.ForeignKey(...)) is nullable. So the modern "
    "set refuses a child without a parent (IntegrityError at the flush) where the legacy "
    "one stores NULL, and deleting a parent, or taking a child out of its parent's "
    "collection, fails in modern where legacy sets the child's key to NULL and keeps "
    "it (the default cascade is save-update, merge: no delete-orphan)."
)

ONE_TO_MANY = relationship_row(
    "one_to_many",
    _written(
        "one_to_many", "behaviour-change",
        (
            Diff('state', 'database afterwards', 'also has [["post", 1, null], ["post", 2, null]]', 'also has [["post", 1, 1], ["post", 2, 1], ["user", 1]]', 'delete parent'),
            Diff('state', 'database afterwards', 'also has [["post", 4, null]]', 'also has []', 'child without parent'),
            Diff('raises', '', 'nothing', 'IntegrityError', 'child without parent, delete parent, remove child'),
            Diff('state', 'database afterwards', 'also has [["post", 1, null]]', 'also has [["post", 1, 1]]', 'remove child'),
            Diff('values', 'post.user_id', 'INTEGER NULL', 'INTEGER NOT NULL', 'schema'),
        ),
        NOT_NULL_WHY + " Storing, navigating both ways, what User.posts is (a list in both) "
        "and the queries per loader (lazy 1 + N, selectinload 2, joinedload 1) are the same.",
    ),
    _recommended(
        "identical", (),
        "Both corrected models declare user_id NOT NULL and cascade 'all, delete-orphan' "
        "from User.posts: a post without an author is refused in both, and deleting a "
        "user deletes their posts in both.",
    ),
    Claim(PERFORMANCE, same_queries, holds={name: False for name in ALL}),
)

MANY_TO_MANY = relationship_row(
    "many_to_many",
    _written(
        "many_to_many", "behaviour-change",
        (
            Diff('values', 'add(post)', 'accepted', 'raises AttributeError', 'collection'),
            Diff('values', 'count()', '3', 'raises TypeError', 'collection'),
            Diff('values', 'filter_by(id=2)', '[2]', 'raises AttributeError', 'collection'),
            Diff('values', 'len()', 'raises TypeError', '3', 'collection'),
            Diff('values', 'statements', '0 on access, 1 on first iteration, 1 on the next', '1 on access, 0 on first iteration, 0 on the next', 'collection'),
            Diff('values', 'tables', 'post, tag, tags', 'post, post_tag, tag', 'schema'),
            Diff('values', 'type', 'AppenderQuery', 'InstrumentedList', 'collection'),
        ),
        "The legacy backref is lazy='dynamic': Tag.posts is a query (count(), filter_by(), "
        "add(), no len()), which runs a SELECT on every iteration; the modern Tag.posts "
        "is a plain list, loaded once on first access (len(), no count() or filter_by()). "
        "The association table is named tags in legacy, post_tag in modern; its columns "
        "are the same (two nullable INTEGER keys, no primary key). The loaders' SQL "
        "differs only by that name. The tutorial's table says 'Table as object' for the "
        "modern style, but its code names the table by string (secondary=\"post_tag\"), "
        "defined after the classes: that works, as the string is resolved only when the "
        "mappers are configured.",
    ),
    _recommended(
        "behaviour-change",
        (
            Diff('values', 'append(post)', 'accepted', 'raises AttributeError', 'collection'),
            Diff('values', 'count()', '3', 'raises AttributeError', 'collection'),
            Diff('values', 'filter_by(id=2)', '[2]', 'raises AttributeError', 'collection'),
            Diff('values', 'iterate', '[1, 2, 3]', 'raises TypeError', 'collection'),
            Diff('values', 'statements', '0 on access, 1 on first iteration, 1 on the next', '0 on access, 0 on first iteration, 0 on the next', 'collection'),
            Diff('values', 'type', 'AppenderQuery', 'WriteOnlyCollection', 'collection'),
            *sql.MANY_TO_MANY_RECOMMENDED,
        ),
        "WriteOnlyMapped replaces lazy='dynamic': tag.posts.add(post) for append, "
        "db.session.scalars(tag.posts.select()) for iterating, a COUNT over select() for "
        "count() (see posts_of, count_posts, posts_titled, link in both modules). It "
        "never loads, so it cannot unlink a deleted tag itself: passive_deletes=True "
        "leaves that to post_tag's ON DELETE CASCADE, which SQLite does not enforce "
        "unless PRAGMA foreign_keys=ON, so there the deleted tag's links stay behind.",
        on=(*sql.MANY_TO_MANY_RECOMMENDED_ON, On(backend="sqlite", add=(
            Diff("state", "database afterwards", "also has []",
                 'also has [["association", 1, 1], ["association", 2, 1], '
                 '["association", 3, 1]]', "delete shared tag"),
        )),),
    ),
    others=(variant(
        "dynamic_mapped", Side("modern", dynamic_mapped()), "identical",
        why="DynamicMapped[Post] = relationship(secondary=post_tag, back_populates="
            "'tags', query_class=db.Query) is the drop-in for backref('posts', "
            "lazy='dynamic'): Tag.posts is the same AppenderQuery over Flask-SQLAlchemy's "
            "Query (db.backref sets query_class=db.Query as db.relationship does), so "
            "legacy.relationships' call sites run unchanged (modern.relationships_dynamic "
            "repeats them letter for letter), with the same SQL, statements and tables. "
            "WriteOnlyMapped (recommended) remains the long-term form: SQLAlchemy's "
            "'Dynamic Relationship Loaders' section is marked legacy.",
        baseline=Side("legacy", corrected("legacy"))),),
)

ONE_TO_ONE = relationship_row(
    "one_to_one",
    _written(
        "one_to_one", "behaviour-change",
        (
            Diff('state', 'database afterwards', 'also has [["profile", 1, null], ["profile", 3, 1]]', 'also has [["profile", 1, 1]]', 'replace partner'),
            Diff('state', 'database afterwards', 'also has [["profile", 1, null]]', 'also has [["profile", 1, 1], ["user", 1]]', 'delete parent'),
            Diff('state', 'database afterwards', 'also has [["profile", 3, null]]', 'also has []', 'child without parent'),
            Diff('raises', '', 'nothing', 'IntegrityError', 'child without parent, delete parent, remove child, replace partner'),
            Diff('state', 'database afterwards', 'also has [["profile", 1, null]]', 'also has [["profile", 1, 1]]', 'remove child'),
            Diff('values', 'profile.user_id', 'INTEGER NULL', 'INTEGER NOT NULL', 'schema'),
        ),
        NOT_NULL_WHY + " Replacing a user's profile orphans the old one the same way: "
        "legacy keeps it with user_id NULL, modern refuses. Mapped[\"Profile\"] does "
        "infer uselist=False, as uselist=False does in legacy: both ends are scalars. "
        "Neither set makes profile.user_id UNIQUE, so the database does not hold a "
        "one-to-one in either.",
    ),
    _recommended(
        "identical", (),
        "Both corrected models make profile.user_id NOT NULL and UNIQUE, and cascade "
        "'all, delete-orphan' from User.profile. Replacing a profile in one step then "
        "fails in both styles alike (the unit of work INSERTs the new profile before it "
        "DELETEs the old one, so the UNIQUE key refuses it): delete the old profile and "
        "flush first.",
    ),
    Claim(SCALAR, scalar_without_uselist, holds={name: True for name in ALL}),
)


# --- Configuration and typing, the comparison table's last two lines ----------------------

KIND_CASES = tuple(Case(kind, "none") for kind in KINDS)

ENDS_BEFORE_CONFIGURE = (
    Diff('values', 'ends before configure', 'Post.tags', 'Post.tags, Tag.posts', 'many_to_many'),
    Diff('values', 'ends before configure', 'User.posts', 'User.posts, Post.author', 'one_to_many'),
    Diff('values', 'ends before configure', 'User.profile', 'User.profile, Profile.user', 'one_to_one'),
)
WHY_CONFIGURATION = (
    "A backref creates the other end only when the mappers are configured (at the "
    "first query, or configure()): until then Post.author does not exist, and code "
    "that reads it at import time fails. back_populates declares both ends in the "
    "class bodies. Once configured, both keep the two ends in sync in Python, "
    "before any flush, in both directions."
)

CONFIGURATION = row(
    f"{SECTION}.configuration", "Configuration",
    ("Implicit in backref: relationship('Post', backref='author')",
     'Explicit with back_populates: Mapped[List["Post"]] = '
     'relationship(back_populates="author")'),
    Side("legacy", TutorialSets("legacy")), KIND_CASES,
    written(Side("modern", TutorialSets("modern")), "behaviour-change",
            *ENDS_BEFORE_CONFIGURE, why=WHY_CONFIGURATION),
    lite_form(Side("lite", TutorialSets("lite", named=True)), "behaviour-change",
              *ENDS_BEFORE_CONFIGURE,
              why="On Lite as in 2.x, once each class names its table (without "
                  "__tablename__ a class on Lite's Base cannot be defined at all: row "
                  "lite.table_naming). " + WHY_CONFIGURATION),
    observer=observe_configuration,
)


def _probe(source: str, style: str) -> Side:
    return Side(style, Probe(source, style))


PROPERTY = "sqlalchemy.orm.relationships.RelationshipProperty[Any]"
ASSIGNMENT = "error [assignment]"

#: What mypy answers differently, per relationship: (check, legacy, modern as written).
#: The recommended modern answers differ only where RECOMMENDED_TYPES says.
TYPES = {
    "one_to_many": (("User.posts", PROPERTY, "list[Post]"),
                    ("User.posts = [Post]", ASSIGNMENT, "accepted"),
                    ("Post.author", "Any", "User"),
                    ('Post.author = "nobody"', "accepted", ASSIGNMENT)),
    "many_to_many": (("Post.tags", PROPERTY, "list[Tag]"),
                     ("Post.tags = [Tag]", ASSIGNMENT, "accepted"),
                     ("Tag.posts", "Any", "list[Post]"),
                     ('Tag.posts = "nobody"', "accepted", ASSIGNMENT)),
    "one_to_one": (("User.profile", PROPERTY, "Profile"),
                   ("Profile.user", "Any", "User"),
                   ('Profile.user = "nobody"', "accepted", ASSIGNMENT)),
}
RECOMMENDED_TYPES = {"Tag.posts": "sqlalchemy.orm.writeonly.WriteOnlyCollection[Post]",
                     "User.profile": "Profile | None"}


def _typing(recommended: bool) -> tuple[Diff, ...]:
    return tuple(
        Diff("types", check, legacy_answer,
             RECOMMENDED_TYPES.get(check, modern_answer) if recommended else modern_answer,
             kind)
        for kind, checks in TYPES.items() for check, legacy_answer, modern_answer in checks
    )


TYPING_WHY = (
    "mypy, run on the models and on a function that reads and assigns both ends. "
    "Legacy: a declared db.relationship(...) is typed as the RelationshipProperty "
    "object itself, not what an instance holds, so a correct list assignment is "
    "refused ([assignment]) and a wrong string one is refused for the wrong reason; "
    "a backref end (Post.author, Tag.posts, Profile.user) does not exist for mypy, "
    "and is Any on a class whose db.Model base mypy cannot see. Assigning a Profile "
    "to User.profile is accepted for the same reason (a class with an Any base fits "
    "anything). Modern: both ends are typed from Mapped[...] and wrong types are "
    "caught; Mapped[\"Profile\"] is a Profile, never None, to mypy."
)


TYPING = row(
    f"{SECTION}.typing", "Typing", ("No native support", "Typing with Mapped[T]"),
    _probe("tutorial", "legacy"), KIND_CASES,
    written(_probe("tutorial", "modern"), "caller-changes", *_typing(recommended=False),
            why=TYPING_WHY),
    recommended(_probe("corrected", "modern"), "caller-changes", *_typing(recommended=True),
                why=TYPING_WHY + " Corrected: User.profile is Mapped[Profile | None], so mypy "
                    "makes callers handle a user without a profile; Tag.posts is a "
                    "WriteOnlyCollection.",
                baseline=_probe("corrected", "legacy")),
    lite_form(_probe("named", "lite"), "caller-changes", *_typing(recommended=False),
              Diff("types", "errors in the models", "name-defined", "none"),
              why="On Lite as in 2.x, with one difference in Lite's favour: its models "
                  "subclass a real class, Base, where mypy reports every db.Model base as "
                  "[name-defined] (db.Model is made at run time), so the tutorial's legacy "
                  "and 2.x models need that error silenced, and Lite's do not. "
                  + TYPING_WHY, name="tutorial"),
    lite_form(_probe("corrected", "lite"), why="On Lite as in 2.x: the same annotations give "
                                               "the same types. "),
    observer=observe_typing, start=start,
)

ROWS: list[Row] = [ONE_TO_MANY, MANY_TO_MANY, ONE_TO_ONE, CONFIGURATION, TYPING]
