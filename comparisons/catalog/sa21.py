"""What SQLAlchemy 2.1 changes under a migration: ``filter_by`` after a join, and a
``Query`` handed to ``Session.execute()``. Verdicts are declared per version."""

from __future__ import annotations

import legacy.guide as old
import modern.guide as new
import modern.guide_alternatives as other
import modern.guide_as_written as written_
from comparisons.catalog.build import lite_form, recommended, row, variant, written
from comparisons.catalog.guide_common import ON_LITE, QUERY_UNIQUES
from comparisons.catalog.guide_data import register
from comparisons.values.diff import Diff
from comparisons.values.rows import Case, On, Row

register()

SA = "https://github.com/sqlalchemy/sqlalchemy/issues"
JOINED = "FROM author JOIN address ON author.id = address.author_id"
TWICE = Diff("values", "value", "1 items", "2 items", "a name only Address has")
BOTH = "a name both have"
AUTHOR_ONLY = "a name only Author has"
FILTER_BY_21 = (
    Diff("raises", "", "InvalidRequestError", "nothing", AUTHOR_ONLY),
    Diff("raises", "", "nothing", "AmbiguousColumnError", BOTH),
    Diff("sql", "only one side sent",
         f"SELECT author.id, author.name, author.fullname {JOINED} WHERE address.id = :id_1",
         "nothing else", BOTH),
    Diff("sql", "only one side sent", "nothing else",
         f"SELECT author.id, author.name, author.fullname {JOINED} "
         "WHERE author.name = :name_1", AUTHOR_ONLY),
    Diff("statements", "", "0", "1", AUTHOR_ONLY),
    Diff("statements", "", "1", "0", BOTH),
)
IN_SQL = ("SELECT author.id, author.name, author.fullname FROM author WHERE author.id IN "
          "(SELECT address.author_id FROM address WHERE address.email = :email_1) "
          "ORDER BY author.id")

#: Lite has no ``Model.query``: a half-migrated Lite app's ``Query`` is
#: ``db.session.query(Author)``, which is what the ``as_written`` variant hands over.
NO_QUERY_PROPERTY = (
    "Lite's models have no Author.query (a plain DeclarativeBase has no query property): "
    "half-migrated code there builds its Query with db.session.query(Author), as the "
    "as_written variant does, and meets the same refusal on 2.1. "
)

ROWS: list[Row] = [
    row(
        "sa21.filter_by_after_join", "filter_by after a join",
        ("session.query(User).join(User.addresses).filter_by(email=e).all()",
         "session.scalars(select(User).join(User.addresses).filter_by(email=e)).all()"),
        old.filter_by_after_join,
        (Case("a name only Address has", "guide", ("email", "alex@example.com")),
         Case(BOTH, "guide", ("id", 4)),
         Case(AUTHOR_ONLY, "guide", ("name", "carol"))),
        written(written_.filter_by_after_join, "behaviour-change", TWICE,
                on=(On(sqlalchemy="2.1", add=FILTER_BY_21),),
                why="Query.filter_by names a column of 'the last entity that was the "
                    "target of a call to Query.join' (Address), as Select.filter_by did "
                    "up to 2.0. In 2.1 Select.filter_by 'searches across all FROM clause "
                    "entities': a name both have (id) raises AmbiguousColumnError, and a "
                    "name only Author has (name), which the legacy refuses, now filters "
                    f"on Author ({SA}/8601, change_8601 in 'What's New in SQLAlchemy "
                    "2.1'). On both versions the author matched through two rows comes "
                    "back twice. " + QUERY_UNIQUES),
        recommended(new.filter_by_after_join, "behaviour-change",
                    Diff("raises", "", "InvalidRequestError", "AttributeError", AUTHOR_ONLY),
                    why="Naming the joined entity's column (getattr(Address, column)) and "
                        "adding .unique() gives the legacy result on 2.0 and 2.1 alike. "
                        "The one difference is where the legacy itself fails: a name "
                        "Address lacks raises AttributeError, not InvalidRequestError."),
        lite_form(why=ON_LITE),
        document="guide",
    ),
    row(
        "sa21.query_in_execute", "A Query handed to execute(), or inside in_()",
        ("Author.query.filter(Author.id.in_(\n"
         "    db.session.query(Address.author_id).filter(...))).all()",
         "db.session.execute(Author.query.filter(...)).scalars().all()"),
        old.query_in_execute,
        (Case("two authors", "guide", ("shared@example.com",)),
         Case("one author, two rows", "guide", ("alex@example.com",)),
         Case("no match", "guide", ("nobody@example.com",))),
        written(written_.query_in_execute, "drop-in",
                Diff("warnings", "", "none", "SADeprecationWarning"),
                on=(On(sqlalchemy="2.1", verdict="breaks",
                       drop=(Diff("warnings", "", "none", "SADeprecationWarning"),),
                       add=(Diff("raises", "", "nothing", "ObjectNotExecutableError"),
                            Diff("sql", "only one side sent", IN_SQL, "nothing else"),
                            Diff("statements", "", "1", "0"))),),
                why="Half-migrated code hands a legacy Query to session.execute(). "
                    "SQLAlchemy 2.0 coerces it with SADeprecationWarning ('should not "
                    "be used directly in a SQL statement context ... This usage will "
                    "be disallowed in a future release'); 2.1 refuses it: "
                    f"ObjectNotExecutableError ({SA}/11139, {SA}/12218)."),
        variant("query_inside_in", other.query_in_execute_inside_in, "identical",
                why="A Query inside in_() is still coerced to a subquery on 2.0 and "
                    "2.1, without warning: the same SQL and authors."),
        recommended(new.query_in_execute, "identical",
                    why="select() for both the outer and the inner query: the same SQL "
                        "on both versions."),
        lite_form(why=ON_LITE + NO_QUERY_PROPERTY),
        document="project",
        warnings={"legacy": (), "as_written@2.0": ("SADeprecationWarning",)},
    ),
]
