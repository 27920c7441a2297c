"""What mypy reports for each style's relationships (one run over every probe)."""

from __future__ import annotations

import pytest

from comparisons.catalog.typing_probe import WRONG, Probe, results

PROPERTY = "sqlalchemy.orm.relationships.RelationshipProperty[Any]"


def reported(source: str, style: str, kind: str) -> dict[str, str]:
    return results()[Probe(source, style).module(kind)]


@pytest.mark.parametrize("source", ["tutorial", "corrected"])
def test_modern_ends_are_precisely_typed(source: str) -> None:
    """``Mapped[List["Post"]]`` is a ``list[Post]`` on an instance, ``Mapped["User"]``
    a ``User``: both ends, for every relationship."""
    found = {kind: {label: answer for label, answer in reported(source, "modern", kind).items()
                    if "=" not in label and label != "errors in the models"}
             for kind in ("one_to_many", "many_to_many", "one_to_one")}
    write_only = "sqlalchemy.orm.writeonly.WriteOnlyCollection[Post]"
    assert found == {
        "one_to_many": {"User.posts": "list[Post]", "Post.author": "User"},
        "many_to_many": {"Post.tags": "list[Tag]",
                         "Tag.posts": "list[Post]" if source == "tutorial" else write_only},
        "one_to_one": {"User.profile": "Profile" if source == "tutorial" else "Profile | None",
                       "Profile.user": "User"},
    }


@pytest.mark.parametrize("source", ["tutorial", "corrected"])
def test_a_wrong_type_is_caught_in_modern_not_in_legacy(source: str) -> None:
    """``post.author = "nobody"``: mypy refuses it in modern; in legacy ``author`` is
    a backref, which mypy cannot see, so the assignment passes."""
    label = f"Post.author = {WRONG}"
    assert [reported(source, style, "one_to_many")[label] for style in ("legacy", "modern")] \
        == ["accepted", "error [assignment]"]


@pytest.mark.parametrize("source", ["tutorial", "corrected"])
def test_legacy_declared_relationship_is_typed_as_the_property(source: str) -> None:
    """A declared ``db.relationship(...)`` reads, for mypy, as the
    ``RelationshipProperty`` object rather than the list an instance holds: the
    correct ``user.posts = [post]`` is refused, backref ends are ``Any``."""
    found = reported(source, "legacy", "one_to_many")
    assert {key: found[key] for key in ("User.posts", "User.posts = [Post]", "Post.author",
                                         "Post.author = User")} == {
        "User.posts": PROPERTY, "User.posts = [Post]": "error [assignment]",
        "Post.author": "Any", "Post.author = User": "accepted"}


@pytest.mark.parametrize("style", ["legacy", "modern"])
def test_tutorial_db_model_base_is_invisible_to_mypy(style: str) -> None:
    """``class User(db.Model)``: Flask-SQLAlchemy's ``db.Model`` is not a type mypy
    accepts as a base ([name-defined]), in either style; the corrected modules say so
    with ``type: ignore`` and are clean."""
    for kind in ("one_to_many", "many_to_many", "one_to_one"):
        assert reported("tutorial", style, kind)["errors in the models"] == "name-defined"
        assert reported("corrected", style, kind)["errors in the models"] == "none"


def test_mypy_runs_once() -> None:
    """Every probe is checked by a single ``mypy.api.run``, cached for the session."""
    results()
    assert results.cache_info().misses == 1
