"""Which rows of the two sources the report covers, and which it does not.

The sources' rows are listed here as the sources write them; whether one is covered is
read from the report (a row id present in it), never declared.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

TUTORIAL = "tutorial"
GUIDE = "guide"


@dataclass(frozen=True)
class Entry:
    """A row of a source: where it stands, its legacy call, the report row that checks it."""

    place: str
    legacy: str
    row_id: str | None  # None: nothing to compare, see ``reason``
    reason: str = ""


@dataclass(frozen=True)
class Source:
    key: str
    title: str  # as a sentence names it: "rows of the tutorial"
    heading: str
    where: str
    entries: tuple[Entry, ...]


#: The tutorial (shared/source/tutorial.md), top to bottom.
TUTORIAL_SOURCE = Source(TUTORIAL, "the tutorial", "The tutorial",
                         "Everything You Need to Know About SQLAlchemy", (
    Entry("For example", "db.session.add(user); db.session.commit()", None,
          "the same code in both styles (the INSERT row checks it)"),
    Entry("Importing and initializing the application", "db = SQLAlchemy(app)", None,
          "the same code in both styles"),
    Entry("Creating our database", "class Person(db.Model)", "model.person"),
    Entry("INSERT", "db.session.add(person)", "crud.insert"),
    Entry("SELECT", "Person.query.all()", "select.all_people"),
    Entry("SELECT", "Person.query.get(3)", "select.get_by_id"),
    Entry("SELECT", 'Person.query.filter_by(name = "alex")', "select.filter"),
    Entry("SELECT", "Model.query.filter(or_(...))", "select.advanced_filter"),
    Entry("Comparison Table: All records", "Model.query.all()", "operations.all_records"),
    Entry("Comparison Table: Get by ID", "Model.query.get(id)", "operations.get_by_id"),
    Entry("Comparison Table: Get by ID (execute)", "Model.query.get(id)",
          "operations.get_by_id_execute"),
    Entry("Comparison Table: Simple filters", 'Model.query.filter_by(name="x")',
          "operations.simple_filter"),
    Entry("Comparison Table: Complex filters", "Model.query.filter(or_(...))",
          "operations.complex_filter"),
    Entry("Comparison Table: First result", "Model.query.first()", "operations.first_result"),
    Entry("Comparison Table: Sorting", "Model.query.order_by(Model.name.desc())",
          "operations.sorting"),
    Entry("Comparison Table: Pagination", "Model.query.paginate(page=1, per_page=10)",
          "operations.pagination"),
    Entry("DELETE", "db.session.delete(person)", "crud.delete"),
    Entry("UPDATE", 'person.name = "Bob"', "crud.update"),
    Entry("COMMIT", "session.commit()", "transactions.commit"),
    Entry("ROLLBACK", "db.session.rollback()", "transactions.rollback"),
    Entry("SAVEPOINT", "db.session.begin_nested()", "transactions.savepoint"),
    Entry("SAVEPOINT: the pizza", "checkpoint_b.rollback()", "transactions.pizza"),
    Entry("Relationships: One-to-Many", "relationship('Post', backref='author')",
          "relationships.one_to_many"),
    Entry("Relationships: Many-to-Many", "secondary=tags, backref=db.backref(..., lazy='dynamic')",
          "relationships.many_to_many"),
    Entry("Relationships: One-to-One", "uselist=False", "relationships.one_to_one"),
    Entry("Relationships: Configuration", "backref=", "relationships.configuration"),
    Entry("Relationships: Typing", "no annotations", "relationships.typing"),
))

#: SQLAlchemy's "Migrating to 2.0", table "Overview of Major ORM Querying Patterns"
#: (docs.sqlalchemy.org/en/20/changelog/migration_20.html#migration-orm-usage), in order.
GUIDE_SOURCE = Source(GUIDE, "SQLAlchemy's migration guide", "SQLAlchemy's migration guide",
                      'Migrating to SQLAlchemy 2.0, "Overview of Major ORM Querying Patterns"', (
    Entry("get", "session.query(User).get(42)", "operations.get_by_id"),
    Entry("all", "session.query(User).all()", "operations.all_records"),
    Entry("filter_by one", 'session.query(User).filter_by(name="some user").one()',
          "guide.filter_by_one"),
    Entry("filter_by first", 'session.query(User).filter_by(name="some user").first()',
          "guide.filter_by_first"),
    Entry("joinedload", "session.query(User).options(joinedload(User.addresses)).all()",
          "guide.joinedload"),
    Entry("join and filter",
          'session.query(User).join(Address).filter(Address.email == "e@sa.us").all()',
          "guide.join_filter"),
    Entry("from_statement", 'session.query(User).from_statement(text("select * from users")).all()',
          "guide.from_statement"),
    Entry("contains_eager", "session.query(User).join(User.addresses)"
          ".options(contains_eager(User.addresses)).populate_existing().all()",
          "guide.contains_eager"),
    Entry("bulk update", 'session.query(User).filter(User.name == "foo")'
          '.update({"fullname": "Foo Bar"}, synchronize_session="evaluate")', "guide.bulk_update"),
    Entry("count", "session.query(User).count()", "guide.count"),
))

SOURCES = (TUTORIAL_SOURCE, GUIDE_SOURCE)


@dataclass(frozen=True)
class Coverage:
    source: Source
    covered: tuple[Entry, ...]
    missing: tuple[Entry, ...]  # a row id this report does not have
    not_compared: tuple[Entry, ...]  # nothing to compare: same code in both styles

    @property
    def comparable(self) -> int:
        return len(self.covered) + len(self.missing)


def coverage(row_ids: Collection[str], source: Source) -> Coverage:
    comparable = [e for e in source.entries if e.row_id is not None]
    return Coverage(
        source,
        tuple(e for e in comparable if e.row_id in row_ids),
        tuple(e for e in comparable if e.row_id not in row_ids),
        tuple(e for e in source.entries if e.row_id is None),
    )


def beyond(row_ids: Collection[str]) -> tuple[str, ...]:
    """Report rows that answer to neither source's table (Flask-SQLAlchemy helpers, Lite...)."""
    listed = {e.row_id for source in SOURCES for e in source.entries}
    return tuple(i for i in row_ids if i not in listed)
