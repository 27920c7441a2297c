"""The tutorial's relationships, both styles, on the same seeded data, on every backend.

The seeded graph (``comparisons.observers.relationships``): user 1 wrote posts 1 and 2, user 2
wrote post 3, user 3 wrote nothing; tag 1 is on posts 1, 2, 3 and tag 2 on post 1;
users 1 and 2 have profiles 1 and 2. Each model set lives in a namespace of its own.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import (
    DeclarativeBase,
    DynamicMapped,
    Mapped,
    Session,
    joinedload,
    mapped_column,
    relationship,
)

import legacy.relationships
import modern.relationships
from comparisons.catalog.model_sets import corrected, tutorial
from comparisons.engine.capture import recording
from comparisons.engine.lab import Lab
from comparisons.observers.relationships import scenarios as rel
from comparisons.observers.relationships.scenarios import run_scenario
from comparisons.observers.relationships.sets import ENDS, KINDS, Space, space_for
from comparisons.values.rows import Side

STYLES = ("legacy", "modern")


def as_written(lab: Lab, style: str, kind: str) -> Space:
    return space_for(lab, Side(style, tutorial(style, kind)))


def fixed(lab: Lab, style: str) -> Space:
    return space_for(lab, Side(style, corrected(style)))


@contextlib.contextmanager
def session(space: Space) -> Iterator[Any]:
    """The style's ``db.session`` on freshly seeded data, rolled back afterwards."""
    space.seed()
    with space.app.app_context():
        try:
            yield space.db.session
        finally:
            space.db.session.rollback()
            space.db.session.remove()


# --- The same object graph stores the same rows ---------------------------------------------

STORED = {
    "one_to_many": [["post", 1, 1], ["post", 2, 1], ["post", 3, 2], ["user", 1], ["user", 2]],
    "many_to_many": [["association", 1, 1], ["association", 1, 2], ["association", 2, 1],
                     ["association", 3, 1], ["post", 1], ["post", 2], ["post", 3],
                     ["tag", 1], ["tag", 2]],
    "one_to_one": [["profile", 1, 1], ["profile", 2, 2], ["user", 1], ["user", 2]],
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("style", STYLES)
def test_the_same_graph_stores_the_same_rows(lab: Lab, style: str, kind: str) -> None:
    """``user.posts.append(post)``, ``Post(author=user)``, ``post.tags.append(tag)``,
    ``user.profile = Profile()``: the same foreign keys and association rows in both
    styles (the association table is ``tags`` in legacy, ``post_tag`` in modern)."""
    observation = run_scenario(as_written(lab, style, kind), rel.store(kind))
    assert observation.error is None
    assert observation.state == STORED[kind]


# --- Navigation both ways ----------------------------------------------------------------

REACHED = {
    "one_to_many": {"User 1.posts": [1, 2], "User 2.posts": [3], "User 3.posts": [],
                    "Post 1.author": 1, "Post 2.author": 1, "Post 3.author": 2},
    "many_to_many": {"Post 1.tags": [1, 2], "Post 2.tags": [1], "Post 3.tags": [1],
                     "Tag 1.posts": [1, 2, 3], "Tag 2.posts": [1]},
    "one_to_one": {"User 1.profile": 1, "User 2.profile": 2, "User 3.profile": None,
                   "Profile 1.user": 1, "Profile 2.user": 2},
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("source", ["tutorial", "corrected"])
@pytest.mark.parametrize("style", STYLES)
def test_navigation_reaches_the_same_objects(lab: Lab, style: str, source: str,
                                             kind: str) -> None:
    """Both ends, from a fresh session, reach the seeded objects in every model set
    (the write-only ``Tag.posts`` of the corrected modern set through ``select()``)."""
    space = as_written(lab, style, kind) if source == "tutorial" else fixed(lab, style)
    observation = run_scenario(space, rel.navigate(kind))
    assert observation.value == REACHED[kind]


# --- What a collection is and what it supports ---------------------------------------------

LIST = {
    "type": "InstrumentedList", "len()": 2, "iterate": [1, 2],
    "statements": "1 on access, 0 on first iteration, 0 on the next",
    "count()": "raises TypeError", "filter_by(id=2)": "raises AttributeError",
    "append(post)": "accepted", "add(post)": "raises AttributeError",
}
DYNAMIC = {
    "type": "AppenderQuery", "len()": "raises TypeError", "iterate": [1, 2, 3],
    "statements": "0 on access, 1 on first iteration, 1 on the next",
    "count()": 3, "filter_by(id=2)": [2], "append(post)": "accepted", "add(post)": "accepted",
}
WRITE_ONLY = {
    "type": "WriteOnlyCollection", "len()": "raises TypeError", "iterate": "raises TypeError",
    "statements": "0 on access, 0 on first iteration, 0 on the next",
    "count()": "raises AttributeError", "filter_by(id=2)": "raises AttributeError",
    "append(post)": "raises AttributeError", "add(post)": "accepted",
}


@pytest.mark.parametrize(("style", "kind", "expected"), [
    ("legacy", "one_to_many", LIST),
    ("modern", "one_to_many", LIST),
    ("legacy", "many_to_many", DYNAMIC),
    ("modern", "many_to_many", {**LIST, "len()": 3, "iterate": [1, 2, 3]}),
])
def test_what_a_tutorial_collection_supports(lab: Lab, style: str, kind: str,
                                             expected: dict[str, Any]) -> None:
    """``User.posts`` is a list in both styles. ``Tag.posts`` is a query in legacy
    (``lazy='dynamic'``: ``count()``, ``filter_by()``, no ``len()``, a SELECT on every
    iteration) and a list in the tutorial's modern code (loaded once, on access)."""
    observation = run_scenario(as_written(lab, style, kind), rel.collection(kind))
    assert observation.value == expected


@pytest.mark.parametrize(("style", "expected"), [("legacy", DYNAMIC), ("modern", WRITE_ONLY)])
def test_write_only_replaces_dynamic(lab: Lab, style: str, expected: dict[str, Any]) -> None:
    """The corrected modern ``Tag.posts`` is ``WriteOnlyMapped``: no iteration, no
    ``len()``, no ``count()`` or ``filter_by()``, ``add()`` instead of ``append()``; it
    never loads by itself."""
    observation = run_scenario(fixed(lab, style), rel.collection("many_to_many"))
    assert observation.value == expected


@pytest.mark.parametrize("style", STYLES)
def test_mirrored_call_sites_give_the_same_answers(lab: Lab, style: str) -> None:
    """``tag.posts.all() / .count() / .filter_by() / .append()`` in legacy, and their
    write-only replacements in modern (``scalars(tag.posts.select())``, a COUNT over
    ``select()``, ``select().filter_by()``, ``add()``): the same answers and rows."""
    module = {"legacy": legacy.relationships, "modern": modern.relationships}[style]
    space = fixed(lab, style)
    with session(space) as db_session:
        tag = db_session.get(module.Tag, 2)
        before = ([p.id for p in module.posts_of(tag)], module.count_posts(tag),
                  [p.id for p in module.posts_titled(tag, "post 1")])
        module.link(tag, db_session.get(module.Post, 3))
        db_session.commit()
        after = [p.id for p in module.posts_of(tag)], module.count_posts(tag)
    assert (before, after) == (([1], 1, [1]), ([1, 3], 2))
    assert ["association", 3, 2] in space.state()


class DynamicBase(DeclarativeBase):
    pass


dynamic_post_tag = sa.Table(
    "post_tag", DynamicBase.metadata,
    sa.Column("post_id", sa.ForeignKey("post.id"), primary_key=True),
    sa.Column("tag_id", sa.ForeignKey("tag.id"), primary_key=True),
)


class DynamicPost(DynamicBase):
    """The corrected ``post`` table, mapped again for the DynamicMapped alternative."""

    __tablename__ = "post"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(120))
    user_id: Mapped[int]


class DynamicTag(DynamicBase):
    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(50))
    posts: DynamicMapped[DynamicPost] = relationship(secondary=dynamic_post_tag)


def test_dynamic_mapped_keeps_the_legacy_call_sites(lab: Lab) -> None:
    """``DynamicMapped`` is the other 2.x spelling of ``lazy='dynamic'``: the legacy
    call sites run unchanged (``count()``, ``filter_by()``, ``append()``), iteration
    queries every time, and mypy sees an ``AppenderQuery[Post]``. SQLAlchemy calls
    the dynamic loader legacy, and emits no warning for it."""
    space = fixed(lab, "modern")
    space.seed()
    engine = sa.create_engine(space.outside.url)
    try:
        with Session(engine) as db_session, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            tag = db_session.get(DynamicTag, 1)
            assert tag is not None
            with recording(engine) as twice:
                first, second = [p.id for p in tag.posts], [p.id for p in tag.posts]
            assert (first, second, len(twice.statements)) == ([1, 2, 3], [1, 2, 3], 2)
            assert (tag.posts.count(), [p.id for p in tag.posts.filter_by(id=2)]) == (3, [2])
            tag.posts.append(DynamicPost(title="post 4", user_id=1))
            assert tag.posts.count() == 4
            assert type(tag.posts).__name__ == "AppenderQuery"
            # Flask-SQLAlchemy's Query (paginate) only comes with db.relationship/backref.
            assert not hasattr(tag.posts, "paginate")
        assert caught == []
    finally:
        engine.dispose()


def test_legacy_dynamic_backref_is_a_flask_sqlalchemy_query(lab: Lab) -> None:
    """``db.backref('posts', lazy='dynamic')`` gets Flask-SQLAlchemy's ``Query`` class,
    so legacy code may call ``tag.posts.paginate(...)``; a plain 2.x ``DynamicMapped``
    relationship (above) has no ``paginate``."""
    space = fixed(lab, "legacy")
    with session(space) as db_session:
        posts = db_session.get(space.models.Tag, 1).posts
        page = posts.order_by(space.models.Post.id).paginate(
            page=1, per_page=2, error_out=False)
        assert ([p.id for p in page.items], page.total) == ([1, 2], 3)


# --- Statements per loader strategy ---------------------------------------------------------

QUERIES = {"lazy loading": 4, "selectinload": 2, "joinedload": 1}
#: What each parent's relationship reached, by parent id.
LOADED = {"one_to_many": {1: [1, 2], 2: [3], 3: []},
          "many_to_many": {1: [1, 2], 2: [1], 3: [1]},
          "one_to_one": {1: 1, 2: 2, 3: None}}


@pytest.mark.parametrize("loader", list(QUERIES))
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("style", STYLES)
def test_queries_per_loader(lab: Lab, style: str, kind: str, loader: str) -> None:
    """Three parents: a lazy relationship costs 1 + N queries (4), ``selectinload`` 2,
    ``joinedload`` 1, in both styles and every model set. Legacy runs
    ``Model.query.options(...)``; modern ``select().options(...)``, with ``.unique()``
    for a joined collection."""
    for space in (as_written(lab, style, kind), fixed(lab, style)):
        with session(space):
            loaded = rel.loading(kind, rel.LOADERS[loader])(space)
        assert loaded.value == {"queries": QUERIES[loader], "reached": LOADED[kind]}


@pytest.mark.parametrize("loader", list(QUERIES))
def test_loader_sql_differs_only_by_the_association_table(lab: Lab, loader: str) -> None:
    """The tutorial's many-to-many loads with the same SQL in both styles, but for the
    association table's name: ``tags`` in legacy, ``post_tag`` in modern."""
    found = {}
    for style in STYLES:
        space = as_written(lab, style, "many_to_many")
        with session(space):
            loaded = rel.loading("many_to_many", rel.LOADERS[loader])(space)
        found[style] = [s.sql for s in loaded.statements]
    renamed = [sql.replace("post_tag", "tags") for sql in found["modern"]]
    assert renamed == found["legacy"]
    assert found["modern"] != found["legacy"]


def test_joinedload_of_a_collection_needs_unique_in_2x(lab: Lab) -> None:
    """``select(User).options(joinedload(User.posts))``: the 2.x result refuses to
    hand out entities until ``.unique()`` is called; the legacy ``Query`` makes the
    joined rows unique by itself (3 users from 4 joined rows)."""
    space = as_written(lab, "modern", "one_to_many")
    users = space.models.User
    with session(space) as db_session, pytest.raises(sa.exc.InvalidRequestError,
                                                     match=r"unique\(\) method must be"):
        db_session.scalars(sa.select(users).options(joinedload(users.posts))).all()
    legacy_space = as_written(lab, "legacy", "one_to_many")
    legacy_users = legacy_space.models.User
    with session(legacy_space):
        found = sorted(u.id for u in
                       legacy_users.query.options(joinedload(legacy_users.posts)).all())
    assert found == [1, 2, 3]


def test_joinedload_of_a_scalar_needs_no_unique(lab: Lab) -> None:
    """``joinedload(User.profile)`` (a one-to-one) joins one row per user: 2.x asks
    for ``.unique()`` only for collections."""
    space = as_written(lab, "modern", "one_to_one")
    users = space.models.User
    with session(space) as db_session:
        found = [u.id for u in
                 db_session.scalars(sa.select(users).options(joinedload(users.profile)))]
    assert found == [1, 2, 3]


# --- Edge cases -------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["one_to_many", "one_to_one"])
def test_a_child_without_parent(lab: Lab, kind: str) -> None:
    """The legacy key is nullable and stores NULL; the modern ``Mapped[int]`` key is
    NOT NULL: IntegrityError at the flush, nothing stored."""
    child = "post" if kind == "one_to_many" else "profile"
    new_id = 4 if kind == "one_to_many" else 3
    legacy_seen = run_scenario(as_written(lab, "legacy", kind), rel.orphan(kind))
    modern_seen = run_scenario(as_written(lab, "modern", kind), rel.orphan(kind))
    assert (legacy_seen.error, modern_seen.error) == (None, "IntegrityError")
    assert [child, new_id, None] in legacy_seen.state
    assert [row for row in modern_seen.state if row[1] == new_id and row[0] == child] == []


@pytest.mark.parametrize("kind", ["one_to_many", "one_to_one"])
def test_deleting_a_parent(lab: Lab, kind: str) -> None:
    """Default cascade (save-update, merge): legacy sets the children's keys to NULL
    and keeps them; modern tries the same UPDATE and the NOT NULL key refuses it. The
    corrected pair (``all, delete-orphan``) deletes the children in both styles."""
    child = "post" if kind == "one_to_many" else "profile"
    legacy_seen = run_scenario(as_written(lab, "legacy", kind), rel.delete_parent(kind))
    modern_seen = run_scenario(as_written(lab, "modern", kind), rel.delete_parent(kind))
    assert (legacy_seen.error, modern_seen.error) == (None, "IntegrityError")
    assert [child, 1, None] in legacy_seen.state
    assert ["user", 1] in modern_seen.state
    for style in STYLES:
        seen = run_scenario(fixed(lab, style), rel.delete_parent(kind))
        assert seen.error is None
        assert [row for row in seen.state if row[0] in (child, "user") and
                (row[1] == 1 if row[0] == "user" else row[-1] == 1)] == []


def test_replacing_a_one_to_one_partner(lab: Lab) -> None:
    """``user.profile = Profile()``: legacy orphans the old profile (user_id NULL),
    modern refuses (NOT NULL). The corrected pair's UNIQUE key refuses it in both
    styles too: the unit of work INSERTs the new profile before it DELETEs the
    orphan. Deleting the old profile and flushing first works in both."""
    legacy_seen = run_scenario(as_written(lab, "legacy", "one_to_one"), rel.replace_partner)
    modern_seen = run_scenario(as_written(lab, "modern", "one_to_one"), rel.replace_partner)
    assert (legacy_seen.error, modern_seen.error) == (None, "IntegrityError")
    assert {"profile 1 orphaned": ["profile", 1, None] in legacy_seen.state,
            "profile 3 is user 1's": ["profile", 3, 1] in legacy_seen.state} == {
        "profile 1 orphaned": True, "profile 3 is user 1's": True}
    for style in STYLES:
        space = fixed(lab, style)
        assert run_scenario(space, rel.replace_partner).error == "IntegrityError"
        with session(space) as db_session:
            user = db_session.get(space.models.User, 1)
            db_session.delete(user.profile)
            db_session.flush()
            user.profile = space.models.Profile(bio="new")
            db_session.commit()
        assert [r for r in space.state() if r[0] == "profile"] == [
            ["profile", 2, None, 2], ["profile", 3, "new", 1]]


@pytest.mark.parametrize("style", STYLES)
def test_two_profiles_for_one_user(lab: Lab, style: str) -> None:
    """Neither tutorial set makes ``profile.user_id`` UNIQUE: a second profile for
    user 1 is stored, and loading ``user.profile`` then warns (SAWarning) and picks
    one. The corrected pair refuses the second profile (IntegrityError)."""
    space = as_written(lab, style, "one_to_one")
    with session(space) as db_session:
        db_session.add(space.models.Profile(user_id=1))
        db_session.commit()
        db_session.expunge_all()
        with pytest.warns(sa.exc.SAWarning, match="Multiple rows returned with uselist=False"):
            assert db_session.get(space.models.User, 1).profile is not None
    corrected_space = fixed(lab, style)
    with session(corrected_space) as db_session:
        db_session.add(corrected_space.models.Profile(user_id=1))
        with pytest.raises(sa.exc.IntegrityError):
            db_session.commit()


@pytest.mark.parametrize("source", ["tutorial", "corrected"])
@pytest.mark.parametrize("style", STYLES)
def test_deleting_a_shared_tag(lab: Lab, backend: Any, style: str, source: str) -> None:
    """Tag 1 is on three posts. The ORM deletes its association rows when it can load
    them: a list, or the legacy dynamic query. The corrected write-only ``Tag.posts``
    leaves it to ``ON DELETE CASCADE`` (``passive_deletes=True``), which SQLite does
    not enforce by default: there, the three links stay behind."""
    space = (as_written(lab, style, "many_to_many") if source == "tutorial"
             else fixed(lab, style))
    seen = run_scenario(space, rel.delete_shared_tag)
    assert seen.error is None
    links = [row[1:] for row in seen.state if row[0] == "association"]
    dangling = source == "corrected" and style == "modern" and backend.name == "sqlite"
    assert links == ([[1, 1], [1, 2], [2, 1], [3, 1]] if dangling else [[1, 2]])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("style", STYLES)
def test_no_warning_from_backref_or_dynamic(lab: Lab, style: str, kind: str) -> None:
    """SQLAlchemy 2.1 and Flask-SQLAlchemy 3.1 call ``backref`` and ``lazy='dynamic'``
    legacy in their documentation, but warn about neither: building, configuring and
    loading the tutorial's sets warns nothing in either style."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        models = tutorial(style, kind).load()
        parent = getattr(models, ENDS[kind][0])
        sa.inspect(parent).registry.configure()
        observation = run_scenario(as_written(lab, style, kind), rel.navigate(kind))
    assert (caught, observation.warnings) == ([], ())


# --- Configuration: backref against back_populates ------------------------------------------

def test_a_backref_end_exists_only_once_mappers_are_configured() -> None:
    """``backref='author'`` creates ``Post.author`` when the mappers are configured
    (first query, or ``configure()``); ``back_populates`` declares it in the class."""
    legacy_models = tutorial("legacy", "one_to_many").load()
    modern_models = tutorial("modern", "one_to_many").load()
    assert not hasattr(legacy_models.Post, "author")
    assert hasattr(modern_models.Post, "author")
    sa.inspect(legacy_models.Post).registry.configure()
    assert hasattr(legacy_models.Post, "author")


@pytest.mark.parametrize("style", STYLES)
def test_both_ends_stay_in_sync_before_a_flush(style: str) -> None:
    """Appending to ``user.posts`` sets ``post.author``, and setting ``post.author``
    appends to ``user.posts``, in Python, with no session: backref and
    back_populates behave the same once configured."""
    models = tutorial(style, "one_to_many").load()
    user, first, second = models.User(), models.Post(), models.Post()
    user.posts.append(first)
    second.author = user
    assert (first.author is user, user.posts == [first, second]) == (True, True)
