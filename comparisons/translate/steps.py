"""The translation as data: one step per legacy ``Query`` method and terminal, plus the
chain-level rules a method-by-method rewrite loses.

Each step names its legacy form, its 2.x form, the verdict it is declared to have (the
README's "Verdicts"), the aspects that make that verdict, and why, citing SQLAlchemy's
or Flask-SQLAlchemy's documentation. ``always`` are the aspects that differ whenever
the step runs and both sides return; ``sometimes`` those that differ on some data or
arguments only. A chain's declared verdict is the worst of its steps' (in the order of
``VERDICTS``: identical < drop-in < caller-changes < behaviour-change), its aspects the
union of theirs; ``comparisons/tests/test_chains.py`` checks both on generated chains.

A ``lazy="dynamic"`` relationship's collection (``author.articles``) is a base too
(``DYNAMIC_STEPS``, checked by ``comparisons/tests/test_chains_dynamic.py``): its
builders and terminals are the Query's, on the select ``WriteOnlyMapped``'s
``.select()`` builds, plus the collection's own ``append``/``extend``/``remove``.
``types``, the aspect the model change makes differ, is a type checker's to see: the
chain tests observe every other aspect.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from comparisons.values.verdicts import BEHAVIOUR, CALLER, VERDICTS

SA = "https://docs.sqlalchemy.org/en/20"
SA21 = "https://docs.sqlalchemy.org/en/21"
FSA = "https://flask-sqlalchemy.readthedocs.io/en/stable"


@dataclass(frozen=True)
class Step:
    """One method, terminal or rule of the translation."""

    id: str
    kind: str  # "base", "builder", "terminal" or "rule"
    legacy: str
    modern: str
    verdict: str
    why: str
    always: frozenset[str] = frozenset()
    sometimes: frozenset[str] = frozenset()
    caller_changes: tuple[str, ...] = ()
    #: Drawn by the chain test's generator (``test_chains.py`` checks the two agree).
    proven: bool = True

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"{self.id}: unknown verdict {self.verdict!r}")
        if self.verdict != verdict_of(self.always | self.sometimes):
            raise ValueError(f"{self.id}: aspects {sorted(self.always | self.sometimes)} "
                             f"make {verdict_of(self.always | self.sometimes)!r}, "
                             f"not {self.verdict!r}")


def verdict_of(aspects: Iterable[str]) -> str:
    """The verdict a set of differing aspects makes (``values.verdicts.grade``'s rule
    for cases where both sides return)."""
    found = set(aspects)
    if found & BEHAVIOUR:
        return "behaviour-change"
    if found & CALLER:
        return "caller-changes"
    return "drop-in" if found else "identical"


def worst(verdicts: Iterable[str]) -> str:
    """The worst of ``verdicts``: a chain is as far from its legacy code as its worst step."""
    return max(verdicts, key=VERDICTS.index, default="identical")


def _builder(name: str, modern: str, why: str, legacy: str = "") -> Step:
    return Step(name, "builder", legacy or f".{name}(...)", modern, "identical", why)


UNIQUE_WHY = (
    "The legacy Query de-duplicates whenever it returns ORM entities: its docs say it "
    "'will deduplicate entries based on primary key' (Query.count(); the FAQ 'My Query "
    "does not return the same number of objects as query.count() tells me'), and "
    "Query._iter() calls result.unique() when the compiled query has mapper entities. "
    "2.x does not: 'ORM Rows not uniquified by default' (Migrating to 2.0). After a "
    "join a row per match comes back, so the translation adds .unique(); after "
    "options(joinedload(collection)) 2.x raises InvalidRequestError ('The unique() "
    "method must be invoked on this Result, as it contains results that include "
    f"joined eager loads against collections') without it. {SA}/changelog/migration_20"
    ".html#orm-rows-not-uniquified-by-default (catalog rows guide.join_filter, "
    "guide.joinedload)."
)

STEPS: tuple[Step, ...] = (
    _builder("filter", ".where(*criteria)",
             f"Select.filter() is 'A synonym for the Select.where() method' ({SA}/core/"
             "selectable.html#sqlalchemy.sql.expression.Select.filter); where() is the "
             "2.x spelling. The same WHERE, ANDed with any before it."),
    _builder("filter_by", ".where(Entity.key == value, ...)",
             "Query.filter_by() names the last joined entity, else the query's first "
             "(Query._filter_by_zero). Select.filter_by() did the same in 2.0, but in "
             "2.1 it 'searches across all entities present in the FROM clause ... If a "
             "keyword name is present in more than one entity, AmbiguousColumnError is "
             f"raised' ({SA21}/core/selectable.html#sqlalchemy.sql.expression.Select."
             "filter_by): written as columns of the entity the legacy call named, the "
             "filter is the same on both versions. A key that entity lacks fails in both, "
             "differently: InvalidRequestError ('Entity namespace for \"address\" has no "
             "property \"name\"') in the legacy Query, AttributeError in the translation "
             "(found by the chain test; test_chains asserts both)."),
    _builder("order_by", ".order_by(*clauses)",
             "Query.order_by and Select.order_by take the same clauses; order_by(None) "
             "cancels the ordering in both."),
    _builder("join", ".join(target, onclause)",
             "Select.join() takes Query.join()'s arguments in 2.x (a relationship "
             f"attribute, an entity, an ON clause: {SA}/orm/queryguide/select.html"
             "#joins); the results then need .unique() (rule.unique)."),
    _builder("outerjoin", ".outerjoin(target, onclause)",
             "Select.outerjoin() is Query.outerjoin(); rule.unique as for join."),
    _builder("limit", ".limit(n)", "Select.limit is Query.limit: the same LIMIT."),
    _builder("offset", ".offset(n)",
             "Select.offset is Query.offset: the same OFFSET (MariaDB: LIMIT "
             "18446744073709551615 OFFSET n, in both)."),
    _builder("distinct", ".distinct()", "Select.distinct() is Query.distinct()."),
    _builder("options", ".options(*options)",
             "Select.options takes the same loader options (joinedload, selectinload...); "
             "a joined eager load of a collection needs .unique() (rule.unique)."),
    _builder("with_entities", ".with_only_columns(*entities)",
             "Query.with_entities() replaces the SELECT list, as Select.with_only_columns"
             "() does ('Return a new select() construct with its columns clause "
             f"replaced with the given entities', {SA}/core/selectable.html#sqlalchemy."
             "sql.expression.Select.with_only_columns); joins and criteria stay. "
             "Entities in, entities out; columns in, rows out (rule.rows)."),
    _builder("group_by", ".group_by(*clauses)", "Select.group_by is Query.group_by."),
    _builder("having", ".having(*criteria)", "Select.having is Query.having."),
    Step("all", "terminal", ".all()",
         "db.session.scalars(stmt).all() | db.session.execute(stmt).all()", "identical",
         "Query.all() returns a list of entities for one entity and of Rows otherwise; "
         "Session.scalars(stmt).all() and Session.execute(stmt).all() return those "
         f"lists ({SA}/changelog/migration_20.html#orm-query-unified-with-core-select)."),
    Step("first", "terminal", ".first()",
         "db.session.scalars(stmt.limit(1)).first()", "identical",
         "Query.first() 'applies a limit of one within the generated SQL' (its docs); "
         "Result.first() does not: 'the LIMIT is not applied' — 2.x writes "
         "stmt.limit(1) (rule.limit_first; without it the statement differs, catalog "
         "row guide.filter_by_first variant without_limit)."),
    Step("one", "terminal", ".one()", "db.session.scalars(stmt).one()", "identical",
         "Result.one() / ScalarResult.one() raise NoResultFound and MultipleResultsFound "
         "as Query.one() does; after a join only with .unique() (rule.unique), since "
         "the legacy Query counts de-duplicated entities."),
    Step("one_or_none", "terminal", ".one_or_none()",
         "db.session.scalars(stmt).one_or_none()", "identical",
         "Query.one_or_none() and Result.one_or_none(): None for no row, "
         "MultipleResultsFound for two."),
    Step("scalar", "terminal", ".scalar()",
         "db.session.execute(stmt).scalar_one_or_none()", "identical",
         "Query.scalar() 'Return the first element of the first result or None if no "
         "rows present. If multiple rows are returned, raises MultipleResultsFound' (it "
         "calls one()). Session.scalar() does not: it returns the first column of the "
         "first row and ignores the rest, so a query of two rows would return where "
         "the legacy code raised. Result.scalar_one_or_none() is the exact form."),
    Step("count", "terminal", ".count()",
         "db.session.scalar(select(func.count()).select_from(stmt.subquery()))",
         "drop-in",
         "Query.count() counts the rows of the whole query: 'SELECT count(1) AS count_1 "
         "FROM (SELECT <rest of query follows...>) AS anon_1' (its docs), DISTINCT, "
         "LIMIT and joins included. select(func.count()).select_from(stmt.subquery()) "
         "is that statement; only the subquery's column labels differ (catalog row "
         "guide.count_join). select(func.count()).select_from(Model) with distinct() "
         "added would count the joined rows instead (behaviour-change there). Of a "
         "query whose columns are labelled already (with_entities(func.count(...))) "
         "the two statements are the same: the SQL differs only sometimes.",
         sometimes=frozenset({"sql"})),
    Step("get", "terminal", ".get(ident)", "db.session.get(Model, ident)", "drop-in",
         "'The Query.get() method is considered legacy' (LegacyAPIWarning); "
         "Session.get() is the same identity-map lookup, then the same SELECT "
         "(catalog row operations.get_by_id). Query.get() ignores an order_by() or "
         "distinct() before it and applies options(), as Session.get(..., options=[...]) "
         "does; on a query with criteria (filter, join, limit...) it raises "
         "InvalidRequestError ('Query.get() being called on a Query with existing "
         "criterion'): no translation there.",
         always=frozenset({"warnings"})),
    Step("paginate", "terminal", ".paginate(page=..., per_page=...)",
         "db.paginate(stmt, page=..., per_page=...)", "drop-in",
         "Flask-SQLAlchemy 3.1's db.paginate(select) pages a select of one entity as "
         "Query.paginate pages the query: the same items, page, total, 404s; its count "
         "query's subquery labels differ (catalog row fsa.paginate). It 'applies "
         "unique() and scalars() modifiers to the result', so a query of columns has "
         "no translation (catalog row fsa.paginate_columns); nor has Lite, which 'does "
         f"not provide ... pagination' ({FSA}/api/#flask_sqlalchemy.SQLAlchemy.paginate"
         ").", always=frozenset({"sql"})),
    Step("slice", "terminal", "[start:stop]",
         "db.session.scalars(stmt.slice(start, stop)).all()", "identical",
         "Query[start:stop] runs Query.slice(start, stop) and returns a list; Select."
         "slice() computes the same OFFSET and LIMIT. With literal bounds only: the "
         "legacy query raises IndexError ('negative indexes are not accepted by SQL "
         "index / slice operators') for a negative one, and before that returns [] "
         "without SQL where stop <= start, negative bounds included ([0:-1]) "
         "(rule.empty_slice: Select.slice() would not)."),
    Step("index", "terminal", "[i]",
         "db.session.scalars(stmt.slice(i, i + 1)).all()[0]", "identical",
         "Query[i] is list(query[i:i + 1])[0]: the same SELECT with LIMIT 1 OFFSET i, "
         "and IndexError where there is no such row; a literal i >= 0 only (negative: "
         "the legacy query always raises IndexError)."),
    Step("iterate", "terminal", "for x in query (no terminal)",
         "db.session.scalars(stmt)", "caller-changes",
         "A Query runs its SELECT when it is iterated; Session.scalars(stmt) runs it at "
         "the call and returns a ScalarResult, which iterates once (Result: 'a Result "
         "object ... is consumed as rows are fetched'). A stored query that is "
         "continued later (q = ...; q.filter(...)) should keep the select instead: "
         "stmt = select(...).where(...), executed where the query was.",
         always=frozenset({"kind", "timing"}),
         caller_changes=("The result is a ScalarResult (Result for rows) that runs its "
                         "SELECT at once and can be iterated only once: keep the select "
                         "where the code stores the query, or call .all() for a list.",)),
    Step("rule.unique", "rule", "(implicit de-duplication of entity rows)", ".unique()",
         "identical", UNIQUE_WHY),
    Step("rule.limit_first", "rule", ".first() (implicit LIMIT 1)", "stmt.limit(1)",
         "identical", "Query.first() sends LIMIT 1; Result.first() fetches the first row "
                      "of whatever the statement returns, so the select carries limit(1)."),
    Step("rule.rows", "rule", "(entities or Rows, by what is selected)",
         "scalars() for one entity, execute() for Rows", "identical",
         "A legacy Query of one entity returns the entity; of several entities or of "
         "columns (even one) it returns Rows. Session.scalars() returns the first "
         "column of each row, Session.execute() the Rows: which one follows the select."),
    Step("rule.empty_slice", "rule", "[start:stop] with literal stop <= start", "[]",
         "drop-in",
         "Query's __getitem__ returns [] without SQL where 'stop - start <= 0'. "
         "Select.slice() has no such check: _make_slice() sends LIMIT stop - start, a "
         "negative LIMIT, which SQLite reads as no limit (select(Author).slice(3, 1) "
         "returned 5 authors where Author.query[3:1] returned none; found by the chain "
         "test). The exact translation is the empty list. It builds no query: a warning "
         "the legacy expression's arguments raise as it is built (Author.id.in_(q.subquery"
         "()): 'Coercing Subquery object into a select() for use in IN()', SAWarning) is "
         "not raised (found by the chain test).", sometimes=frozenset({"warnings"})),
)

STEPS += (
    Step("rule.row_keys", "rule", "Rows of an unlabeled SQL expression",
         "the same select; its Rows have a key more", "behaviour-change",
         "A legacy Query of an unlabeled SQL function (with_entities(func.count("
         "Author.id)), session.query(func.count(...))) returns Rows without a key for it: "
         "row._fields == () and row._mapping is empty. The 2.x select names the column "
         "after the function: row._fields == ('count',). row[0] is the same; the Rows "
         "are not (found by the chain test). Label the expression (.label('n')) on both "
         "sides to make them equal.", sometimes=frozenset({"values"}),
         caller_changes=("Rows of an unlabeled SQL expression gain a key named after "
                         "the function (row.count): code reading row[0] is unchanged, "
                         "code comparing whole Rows or their _mapping is not.",)),
)

STEPS += (
    Step("rule.unordered_subset", "rule", "limit(), offset() or a slice without order_by()",
         "the same select", "behaviour-change",
         "Which rows a LIMIT or OFFSET keeps is the database's choice where no ORDER BY "
         "fixes their order ('When using LIMIT, it is important to use an ORDER BY clause "
         "that constrains the result rows into a unique order. Otherwise you will get an "
         "unpredictable subset of the query's rows', PostgreSQL's manual, LIMIT and "
         "OFFSET), in either style, and the legacy statement and its translation may be "
         "answered differently: on MariaDB, Author.query.options(joinedload("
         "Author.addresses)).offset(2).all() and its select() skipped other authors (found "
         "by the chain test; both put the LIMIT/OFFSET in a subquery the eager load joins "
         "to). Nothing the translation changes: the legacy code was never deterministic.",
         sometimes=frozenset({"values"}),
         caller_changes=("Without an order_by() that orders the rows totally, neither "
                         "style promises which rows limit(), offset() or a slice keep: "
                         "add one (ending in the primary key) before relying on them.",)),
)

STEPS += (
    Step("rule.ties", "rule", "order_by() that leaves ties (not ending in the primary key), "
         "or joinedload() and no order_by()",
         "the same select", "behaviour-change",
         "SQL orders rows only by what ORDER BY names: 'If two rows are equal according "
         "to the leftmost expression, they are compared according to the next expression "
         "and so on. If they are equal according to all specified expressions, they are "
         "returned in an implementation-dependent order' (PostgreSQL's manual, SELECT, "
         "https://www.postgresql.org/docs/current/sql-select.html#SQL-ORDERBY); 'If "
         "multiple rows have identical values in the ORDER BY columns, the server is free "
         "to return those rows in any order, and may do so differently depending on the "
         "overall execution plan' (MySQL's manual, https://dev.mysql.com/doc/refman/8.4/"
         "en/limit-optimization.html, the server MariaDB forked). The legacy statement and "
         "its translation are two statements, and their ties may come back in two "
         "orders: on MariaDB, Author.query.outerjoin(Address).order_by(Address.email)"
         ".all() and its select() listed the two authors without an address (NULL "
         "emails) in opposite orders, on every run (which side listed which first changed "
         "from one set of databases to the next), and Author.query.outerjoin(Address)"
         ".distinct().order_by(Author.fullname).first() returned another author whose "
         "fullname is NULL (found by the chain test, kept as its examples; the SQL "
         "differs in column labels only, and the same SQL text also ordered those ties "
         "differently in two databases holding the same rows). Read from the expression: "
         "the order is total when it ends in Entity.id (asc or desc) and the query "
         "selects that entity or its columns only; a joined entity's key is not enough "
         "(an outer join leaves it NULL on several rows). With no order_by(), a "
         "joinedload() of an ordered collection sends ORDER BY its order_by "
         "(address_1.id), which orders the children and leaves the parents tied: "
         "Author.query.options(joinedload(Author.addresses)).all() and its select() "
         "returned bob and grace, who have no address, in opposite orders on MariaDB "
         "(selectinload() loads apart and sends none). Only where the result shows "
         "the order: all(), first(), iteration, a slice or index, paginate(), and one(), "
         "one_or_none() or scalar() after limit() or offset(); never count() or get(). "
         "Nothing the translation changes: the legacy code was never deterministic.",
         sometimes=frozenset({"values"}),
         caller_changes=("The order_by() leaves ties, which neither style promises to "
                         "return in one order: order totally (end it in the primary key, "
                         "order_by(Author.name, Author.id)) before relying on the order "
                         "or on which rows a limit, slice or page keeps.",)),
)

STEPS += (
    _builder("add_columns", ".add_columns(*columns)",
             "Select.add_columns() is Query.add_columns(): 'Add one or more column "
             f"expressions to the list of result columns to be returned' ({SA}/orm/queryguide/"
             "query.html#sqlalchemy.orm.Query.add_columns: 'Select.add_columns() - v2 "
             "comparable method'). The query then returns Rows, not entities (rule.rows)."),
    _builder("add_entity", ".add_columns(entity)",
             "Query.add_entity() 'add[s] a mapped entity to the list of result columns'; "
             "Select.add_columns() takes an entity as well (Query.add_entity's docs: "
             "'Select.add_columns() - v2 comparable method'). Rows of the two entities "
             "(rule.rows).", legacy=".add_entity(Model)"),
    Step("with_parent", "builder", ".with_parent(instance, Model.relationship)",
         ".where(with_parent(instance, Model.relationship))", "drop-in",
         "'The Query.with_parent() method is considered legacy as of the 1.x series of "
         "SQLAlchemy and becomes a legacy construct in 2.0. Use the with_parent() "
         f"standalone construct' (its LegacyAPIWarning; {SA}/orm/queryguide/query.html"
         "#sqlalchemy.orm.Query.with_parent). with_parent(instance, prop) is the same "
         "criterion ('Create filtering criterion that relates this query's primary "
         f"entity to the given related instance', {SA}/orm/queryguide/api.html"
         "#sqlalchemy.orm.with_parent); only the warning goes. The property must be "
         "written: Query.with_parent(instance) searches the mapper for it, the "
         "standalone function does not.", always=frozenset({"warnings"})),
    Step("select_from", "builder", ".select_from(*froms)", ".select_from(*froms)", "drop-in",
         "Select.select_from() is Query.select_from() ('Set the FROM clause of this Query "
         f"explicitly', {SA}/orm/queryguide/query.html#sqlalchemy.orm.Query.select_from: "
         "'Select.select_from() - v2 comparable method'): the same FROM. An entity "
         "selected from another table repeats per row of it, which the legacy Query "
         "de-duplicates: rule.unique, as after a join; filter_by() then names the "
         "select_from() entity (Query._filter_by_zero: 'if the user called query."
         "select_from(some selectable).filter_by(some_attr=value)'). Where the FROM "
         "is a table nothing joins (select_from(Address) on a query of Author "
         "columns), both statements are a cartesian product; the select warns 'SELECT "
         "statement has a cartesian product between FROM element(s)' (SAWarning, its FROM "
         f"linting: {SA}/changelog/migration_14.html#change-4737), and so does the legacy "
         "Query, except after with_entities(), where it does not (found by the chain test).",
         sometimes=frozenset({"warnings"})),
    _builder("reset_joinpoint", "(nothing)",
             "Query.reset_joinpoint() survives in 2.x (SQLAlchemy 2.0 and 2.1 still have "
             "it: 'Return a new Query, where the \"join point\" has been reset back to "
             "the base FROM entities of the query'); with aliased joins gone, all it "
             "does is reset the entity filter_by() names to the query's first. The "
             "translation writes filter_by() as that entity's columns, so the call "
             "goes.", legacy=".reset_joinpoint()"),
    Step("correlate", "builder", ".correlate(*froms)", ".correlate(*froms)", "identical",
         "Select.correlate() is Query.correlate() ('Return a Query construct which "
         "will correlate the given FROM clauses to that of an enclosing Query or "
         f"select()', {SA}/orm/queryguide/query.html#sqlalchemy.orm.Query.correlate: "
         "'Select.correlate() - v2 comparable method'). The chain test draws it where it "
         "means something: in a query used as exists() inside another's filter(), "
         "Address.query.filter(Address.author_id == Author.id).correlate(Author).exists()."),
    Step("exists", "terminal", "<query>.exists() (inside another query)",
         "stmt.with_only_columns(1, maintain_column_froms=True).exists()", "identical",
         "Query.exists() wraps the query as EXISTS (SELECT 1 FROM <its FROM> ...): it "
         "replaces the columns with 1 and keeps the FROM of the first entity "
         f"('with_only_columns(1)' then 'select_from(ezero)' in its source; {SA}/orm/"
         "queryguide/query.html#sqlalchemy.orm.Query.exists, used as session.query(q."
         "exists()).scalar()). Select.exists() ('Return an Exists representation of "
         f"this selectable', {SA}/core/selectable.html#sqlalchemy.sql.expression."
         "SelectBase.exists) keeps the query's columns: EXISTS (SELECT author.id, "
         "author.name, ...). with_only_columns(1, maintain_column_froms=True) first "
         "gives the legacy statement exactly; without it the answer is the same and only "
         "the SQL differs."),
    Step("subquery", "terminal", "<query>.subquery() (inside another query)",
         "stmt.subquery()", "identical",
         "Query.subquery() 'Return[s] the full SELECT statement represented by this Query, "
         f"embedded within an Alias' ({SA}/orm/queryguide/query.html#sqlalchemy.orm.Query."
         "subquery: 'Select.subquery() - v2 comparable method'): the same anon_1 alias and "
         "column names, so used as an expression (IN, a FROM), the same SQL. As IN's "
         "operand both styles warn 'Coercing Subquery object into a select() for use in "
         "IN(); please pass a select() construct explicitly' (SAWarning, SQLAlchemy 2.0 "
         "and 2.1): pass the select itself there, q.statement in the legacy code."),
    Step("first_or_404", "terminal", ".first_or_404()",
         "db.first_or_404(stmt.limit(1)) | db.session.execute(stmt.limit(1)).first() or "
         "abort(404)", "identical",
         "Flask-SQLAlchemy's Query.first_or_404() is 'Like Query.first() but aborts with "
         f"a 404 Not Found error instead of returning None' ({FSA}/api/#flask_sqlalchemy."
         "query.Query.first_or_404): LIMIT 1, the first entity or Row. SQLAlchemy."
         "first_or_404(statement) runs session.execute(statement).scalar(): it adds no "
         "LIMIT (the translation writes limit(1): rule.limit_first, catalog row "
         "fsa.first_or_404) and returns the first column only, so a query of Rows "
         "becomes execute(stmt.limit(1)).first() or abort(404) (a Row is never false). "
         "Lite has no first_or_404: scalars(stmt.limit(1)).first() or abort(404), the "
         "catalog row's Lite form (its one_or_abort would abort on two rows). The "
         "'or' form is exact for models that define neither __bool__ nor __len__."),
    Step("one_or_404", "terminal", ".one_or_404()",
         "db.one_or_404(stmt) | Lite: db.one_or_abort(stmt)", "identical",
         "Query.one_or_404() is 'Like Query.one() but aborts with a 404 Not Found error "
         f"instead of raising NoResultFound or MultipleResultsFound' ({FSA}/api/"
         "#flask_sqlalchemy.query.Query.one_or_404); SQLAlchemy.one_or_404(statement) "
         "does that around session.execute(statement).scalar_one() (catalog row "
         "fsa.one_or_404), Lite's db.one_or_abort(statement) too (scalar=False keeps the "
         "Rows). Neither de-duplicates, so after a join or an eager load there is no "
         "translation (the joined query's two rows of one author would be 404 there)."),
    Step("get_or_404", "terminal", ".get_or_404(ident)",
         "db.get_or_404(Model, ident) | Lite: db.get_or_abort(Model, ident)", "drop-in",
         "Query.get_or_404() calls Query.get(), which warns ('The Query.get() method is "
         "considered legacy', LegacyAPIWarning), and aborts with 404 on None; "
         "SQLAlchemy.get_or_404(entity, ident) runs Session.get (its **kwargs go to it: "
         f"options=), Lite's db.get_or_abort(entity, ident, options=...) too ({FSA}/api/"
         "#flask_sqlalchemy.SQLAlchemy.get_or_404; catalog row fsa.get_or_404). The "
         "refusals are Query.get()'s (step get).", always=frozenset({"warnings"})),
    Step("update", "terminal", ".update({...})",
         "db.session.execute(update(Model).where(*criteria).values({...})).rowcount",
         "identical",
         "Query.update() builds update(*entities) with the query's WHERE criteria and "
         "runs it through Session.execute with "
         "execution_options(synchronize_session=...), returning 'the count of rows "
         f"matched as returned by the database's \"row count\" feature' ({SA}/orm/"
         "queryguide/query.html#sqlalchemy.orm.Query.update). Its synchronize_session "
         "defaults to 'auto', as an ORM-enabled UPDATE's does ("
         f"{SA}/orm/queryguide/dml.html#selecting-a-synchronization-strategy); the "
         "CursorResult's rowcount is the same number (catalog row guide.bulk_update). "
         "Only after filter() and filter_by(): Query.update() drops a join, and an "
         "ORDER BY or a LIMIT is no part of an UPDATE."),
    Step("delete", "terminal", ".delete()",
         "db.session.execute(delete(Model).where(*criteria)).rowcount", "identical",
         "Query.delete() is update()'s twin: delete(entity) with the query's WHERE, "
         "synchronize_session 'auto' by default as for an ORM-enabled DELETE, and the "
         f"rowcount returned ({SA}/orm/queryguide/query.html#sqlalchemy.orm.Query.delete; "
         "catalog row guide.bulk_delete)."),
)

STEPS += (
    Step("rule.repeated_key", "rule", "Rows that select one column twice",
         "the same select; the second column's key gains a suffix", "behaviour-change",
         "A legacy Query of the same column twice (db.session.query(Author.id, Author.name)"
         ".add_columns(Author.id)) returns Rows keyed ('id', 'name', 'id'); the 2.x select "
         "labels the repeat apart, SELECT author.id, author.name, author.id AS id_1, and its "
         "Rows are keyed ('id', 'name', 'id_1') (found by the chain test; Author.id with "
         "Address.id gives ('id', 'id') and ('id', 'id_1') too). A select's default label "
         "style, LABEL_STYLE_DISAMBIGUATE_ONLY, labels 'columns with a name that conflicts "
         "with an existing name ... with a semi-anonymizing label' "
         f"({SA}/core/selectable.html#sqlalchemy.sql.expression.SelectLabelStyle). row[i] "
         "is the same; row.id and row._mapping are not.", sometimes=frozenset({"values"}),
         caller_changes=("A column selected twice has a second key (id_1) in the 2.x Rows: "
                         "code reading row[i] is unchanged, code comparing whole Rows or "
                         "their _mapping is not.",)),
)

UNION_WHY = (
    "Query.union(*q) selects its entity from the set operation as a subquery (x.union(y, "
    "z) 'produces: SELECT * FROM (SELECT * FROM X UNION SELECT * FROM y UNION SELECT * "
    f"FROM Z)', its docs; {SA}/orm/queryguide/query.html#sqlalchemy.orm.Query.union). "
    "The 2.x form selects from the same subquery: "
    "select(aliased(Model, union(stmt, other).subquery())) for an entity, as 'Selecting "
    f"Entities from UNIONs and other set operations' writes it ({SA}/orm/queryguide/"
    "select.html#selecting-entities-from-unions-and-other-set-operations), "
    "select(*union(...).subquery().c) for columns. The "
    "same rows; the legacy subquery's columns are labelled author_id, author_name... "
    "where 2.x keeps id, name: only the SQL differs, in every statement sent (an empty "
    "slice, rule.empty_slice, sends none). An entity is de-duplicated as after "
    "a join (rule.unique: union_all repeats it). Later builders would need that alias: "
    "translated as the last builder only.")
STEPS += (
    Step("union", "builder", ".union(*queries)",
         "select(aliased(Model, union(stmt, *others).subquery()))", "drop-in", UNION_WHY,
         sometimes=frozenset({"sql"})),
    Step("union_all", "builder", ".union_all(*queries)",
         "select(aliased(Model, union_all(stmt, *others).subquery()))", "drop-in",
         UNION_WHY, sometimes=frozenset({"sql"})),
)

#: The model change every dynamic-base translation needs; ``{relationship}`` is the
#: relationship as translate() was told it (``Author.articles``, or ``articles``).
DYNAMIC_MODEL_CHANGE = (
    "Declare {relationship} as WriteOnlyMapped[...] = relationship(...) (lazy="
    "'write_only'), the successor of lazy='dynamic': the translation runs the select "
    "its .select() builds, and every other use of {relationship} must be rewritten the "
    "same way. To keep this call site unchanged instead, declare it DynamicMapped[...] "
    "= relationship(query_class=db.Query) on Flask-SQLAlchemy 3.1 (identical: catalog "
    "row dynamic.relationship, variant query_class); on Lite DynamicMapped[...] = "
    "relationship() keeps every call but paginate(), which SQLAlchemy's own Query "
    "lacks.")

DYNAMIC_WHY = (
    "A lazy='dynamic' relationship's attribute is an AppenderQuery: a Query with the "
    "relationship's criterion (and its order_by) already applied. WriteOnlyMapped, its "
    "successor ('Dynamic Relationship Loaders' is marked legacy: "
    f"{SA}/orm/large_collections.html#dynamic-relationship-loaders), gives the same "
    "statement as author.articles.select(): 'a Select construct that represents the "
    "rows within this instance-local WriteOnlyCollection' (WriteOnlyCollection.select), "
    "the same WHERE :param = article.author_id and ORDER BY. Each builder and terminal "
    "then translates as on Model.query. Select.filter_by() on that single-entity select "
    "names the relationship's class on 2.0 (the first FROM entity) and on 2.1 (every "
    "FROM entity: only that one, the parent's key being a bound parameter), as the "
    "legacy filter_by() did: it is kept as written until a join. The model change is "
    "the caller's (the attribute's type is WriteOnlyMapped, which a type checker "
    "checks). On an instance with no identity in a session (transient), the "
    "AppenderQuery answers from the objects appended in memory, and the select cannot: "
    "flush the instance first (comparisons/tests/test_chains_dynamic.py asserts what "
    "each does). Catalog row dynamic.relationship.")

DYNAMIC_STEPS: tuple[Step, ...] = (
    Step("dynamic", "base", "instance.relationship (lazy='dynamic')",
         "instance.relationship.select() (WriteOnlyMapped)", "caller-changes", DYNAMIC_WHY,
         always=frozenset({"types"}), caller_changes=(DYNAMIC_MODEL_CHANGE,)),
    Step("dynamic.append", "terminal", ".append(obj)", "instance.relationship.add(obj)",
         "identical",
         "AppenderQuery.append() and WriteOnlyCollection.add() both call "
         "_AbstractCollectionWriter._add_all_impl: the object is added to the "
         "collection's history and INSERTed (its foreign key set) at the next flush "
         "(sqlalchemy/orm/dynamic.py and writeonly.py; catalog row dynamic.relationship, "
         "case append())."),
    Step("dynamic.extend", "terminal", ".extend(objs)",
         "instance.relationship.add_all(objs)", "identical",
         "AppenderQuery.extend() and WriteOnlyCollection.add_all() are the same "
         "_add_all_impl (sqlalchemy/orm/dynamic.py, writeonly.py)."),
    Step("dynamic.remove", "terminal", ".remove(obj)", "instance.relationship.remove(obj)",
         "identical",
         "AppenderQuery.remove() and WriteOnlyCollection.remove() are the same "
         "_remove_impl: at the next flush the object's foreign key is set to NULL (a NOT "
         "NULL key refuses it in both), or the object is deleted with "
         "cascade='delete-orphan' (sqlalchemy/orm/writeonly.py)."),
)

STEPS += DYNAMIC_STEPS

BY_ID: dict[str, Step] = {step.id: step for step in STEPS}

#: Why a translation is null, by key: the chain test accepts no other reason.
UNTRANSLATABLE: dict[str, str] = {
    "too long": "longer than {limit} characters: not translated",
    "not a query": "not a legacy Query: {detail}",
    "unknown method": "no step for Query.{detail}() (the steps are: {steps})",
    "arguments": "{detail}: the translation needs the arguments written out",
    "filter_by entity": ("filter_by() after {detail}: the entity it names is not read from "
                         "the expression, and 2.1's Select.filter_by() searches every "
                         "entity; write .filter(Entity.column == value)"),
    "get with criteria": ("Query.get() on a query with {detail}: the legacy code raises "
                          "InvalidRequestError; use db.session.get(Model, id)"),
    "after limit": ("Query.{detail}() after limit() or offset(): the legacy Query raises "
                    "InvalidRequestError ('Query.{detail}() being called on a Query which "
                    "already has LIMIT or OFFSET applied'); Select.{detail} would apply it "
                    "before the LIMIT. Call it before limit() or offset()"),
    "paginate after limit": ("paginate() after limit() or offset(): the legacy Query raises "
                             "InvalidRequestError when it counts the page "
                             "(query.order_by(None) on a Query which already has LIMIT or "
                             "OFFSET applied), unless error_out's 404 comes first"),
    "get after": ("Query.get() after {detail}: what the legacy Query sends for the id "
                  "depends on it (it keeps a HAVING in that SELECT; after join()."
                  "with_entities() it drops the join and raises nothing), and Session.get() "
                  "has no such argument; write db.session.get(Model, id) or a select"),
    "negative index": ("negative index {detail}: the legacy Query raises IndexError "
                       "('negative indexes are not accepted by SQL index / slice operators')"),
    "slice": "{detail}: only [start:stop] with literal integers (or none) is translated",
    "paginate columns": ("paginate() of {detail}: db.paginate 'applies unique() and scalars()' "
                         "and would page the first column only; page an entity"),
    "paginate lite": ("Flask-SQLAlchemy-Lite has no paginate ('It does not provide query "
                      "recording, pagination, query methods'); see lite/pagination.py"),
    "session": ("{detail}: paginate and the *_or_404 helpers need the Flask-SQLAlchemy (or "
                "Lite) object (db.paginate, db.one_or_404)"),
    "select_from after": ("Query.select_from() after {detail}: the legacy Query raises "
                          "InvalidRequestError ('Query.select_from() being called on a Query "
                          "with existing criterion'); call it first"),
    "with_parent after join": ("Query.with_parent() after {detail}: it relates the instance "
                               "to the entity filter_by() would name "
                               "(_legacy_filter_by_entity_zero), the joined one, and after "
                               "join(Model) SQLAlchemy 2.x raises AttributeError ("
                               "\"'AnnotatedTable' object has no attribute 'entity'\"); "
                               "call it before the join: .where(with_parent(instance, "
                               "Model.relationship))"),
    "after union": ("Query.{detail}() after union(): the legacy Query adapts it to the "
                    "union's subquery; in 2.x, name the alias: u = aliased(Model, "
                    "union(...).subquery()), then select(u).where(u.column ...)"),
    "union entities": ("union() of a query of {detail}: the legacy Query selects each "
                       "entity from the union's subquery; name one alias per entity "
                       "(aliased(Model, subq)) and select them"),
    "union options": ("{detail}() after options(): the legacy Query applies the loader "
                      "options to the entity it selects from the union, a select inside "
                      "union() would ignore them; write them on the outer select: "
                      "select(u).options(...) with u = aliased(Model, union(...).subquery())"),
    "with_parent property": ("{detail}: Query.with_parent(instance) finds the relationship "
                             "itself, the with_parent() function needs it written: "
                             "with_parent(instance, Model.relationship)"),
    "404 rows": ("{detail} of Rows: db.one_or_404 and db.first_or_404 'return the first "
                 "column' (execute().scalar_one()/scalar()); one_or_404 of Rows has no "
                 "Flask-SQLAlchemy 3.1 form, Lite's is db.one_or_abort(stmt, scalar=False)"),
    "one_or_404 unique": ("one_or_404() after {detail}: the legacy Query de-duplicates the "
                          "entities, db.one_or_404 and Lite's one_or_abort do not (two rows of "
                          "one author would be a 404); write db.session.scalars(stmt).unique()"
                          ".one() and abort(404) on NoResultFound or MultipleResultsFound"),
    "bulk": ("Query.{detail}: only a query of one entity with filter() or filter_by() is "
             "translated to an UPDATE or DELETE statement (Query.update() and delete() "
             "drop joins; LIMIT and ORDER BY are no part of them)"),
    "removed string option": ("{detail}: SQLAlchemy 2.0 removed loader options by string "
                              "name, the legacy code raises ArgumentError ('Strings are not "
                              "accepted for attribute names in loader options; please use "
                              "class-bound attributes directly' for a relationship loader, "
                              "'expected ORM mapped attribute for loader strategy argument' "
                              "for load_only(), catalog rows removed.joinedload_string and "
                              "removed.load_only_string); write the attribute, {example}, "
                              "which runs in both styles"),
    "removed string join": ("{detail}: SQLAlchemy 2.0 removed joining by a relationship's "
                            "name, the legacy code raises ArgumentError ('Join target, "
                            "typically a FROM expression, or ORM relationship attribute "
                            "expected, got ...'); write the attribute, {example}"),
    "removed from_self": ("from_self(): removed in SQLAlchemy 2.0, the legacy code raises "
                          "AttributeError (\"'Query' object has no attribute 'from_self'\"); "
                          "write subq = stmt.subquery(), then select(aliased(Model, subq)) "
                          "and .unique() (catalog row removed.from_self)"),
    "removed session execute": ("{detail}: SQLAlchemy 2.0 no longer coerces a plain string "
                                "to SQL, the legacy code raises ArgumentError ('Textual SQL "
                                "expression ... should be explicitly declared as text(...)'); "
                                "write {example} (from sqlalchemy import text; catalog row "
                                "removed.session_execute_string)"),
    "removed engine execute": ("{detail}: SQLAlchemy 2.0 removed Engine.execute(), the legacy "
                               "code raises AttributeError (\"'Engine' object has no "
                               "attribute 'execute'\"); write with {engine}.begin() as "
                               "connection: connection.execute(text(...)), which commits as "
                               "1.x's autocommit did (catalog row removed.engine_execute)"),
    "dynamic get": ("Query.get() on the dynamic relationship {detail}: the legacy code "
                    "raises InvalidRequestError ('Query.get() being called on a Query "
                    "with existing criterion', the relationship's); use "
                    "db.session.get(Model, id)"),
    "dynamic class": ("{detail} is the class's relationship attribute, not an instance's "
                      "collection: only an instance's (author.articles) is a query"),
    "dynamic empty slice": ("{detail}: an empty slice of a dynamic relationship returns [] "
                            "without a SELECT, but only after evaluating the instance and "
                            "flushing the session (AppenderQuery.__getitem__ reads its "
                            "session first): [] alone would skip both (found by the chain "
                            "test); write the [] by hand if that is meant"),
    "dynamic bulk": ("no step for Query.{detail}() on a dynamic relationship's collection: "
                     "the legacy Query runs a bulk {detail} of the collection's rows, and "
                     "WriteOnlyCollection has no such method; write an ORM-enabled "
                     "{detail}(Model) whose WHERE is with_parent(instance, "
                     "Parent.relationship), run by the session"),
    "dynamic write": ("{detail}() after a builder: a dynamic relationship's {detail}() "
                      "belongs to the collection itself (the legacy Query a builder "
                      "returns has none)"),
}

BUILDERS = tuple(step.id for step in STEPS if step.kind == "builder")
TERMINALS = ("all", "first", "one", "one_or_none", "scalar", "count", "get", "paginate",
             "first_or_404", "one_or_404", "get_or_404", "update", "delete")
#: What ends a query used as an expression inside another (session.query(q.exists())).
EXPRESSIONS = ("exists", "subquery")
#: What only a dynamic relationship's collection itself has, and its 2.x method.
DYNAMIC_WRITES = {"append": "add", "extend": "add_all", "remove": "remove"}
