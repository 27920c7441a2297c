"""What ``db.session`` is: per app context, in other threads, outside any app context.

Flask-SQLAlchemy 3.1: ``db.session`` is a ``scoped_session`` "scoped to the current
Flask application context" (a registry keyed by the app context's ``id()``); it is
removed at the context's teardown. Lite: ``db.session`` is a property that creates the
context's ``Session`` in ``flask.g`` on first access and closes it at teardown ("The
default session for the current application context. It will be closed when the
context ends."). Each probe below is the same code for both; only ``db`` differs.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from comparisons.engine.datasets import seed
from comparisons.engine.lab import Lab
from comparisons.observers.extension.base import Extension, Probe, observe_probe
from comparisons.values.observation import Observation
from comparisons.values.rows import Case, Side

T = TypeVar("T")


def in_thread(function: Callable[[], T]) -> T:
    """``function()`` run in a new thread; its result, or its exception raised here."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = function()
        except Exception as exc:  # noqa: BLE001  # handed to the calling thread
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


def holds(session: Any, person: Any) -> str:
    return "the same session" if person in session else "another session"


def type_in_context(app: Any, db: Any, Person: type) -> str:
    with app.app_context():
        return type(db.session).__name__


def twice_in_one_context(app: Any, db: Any, Person: type) -> str:
    with app.app_context():
        person = db.session.get(Person, 1)
        return holds(db.session, person)


def nested_app_context(app: Any, db: Any, Person: type) -> dict[str, str]:
    with app.app_context():
        person = db.session.get(Person, 1)
        with app.app_context():
            inner = holds(db.session, person)
        return {"inner context": inner, "outer, afterwards": holds(db.session, person)}


def thread_with_its_own_context(app: Any, db: Any, Person: type) -> str:
    with app.app_context():
        person = db.session.get(Person, 1)

        def other() -> str:
            with app.app_context():
                return holds(db.session, person)

        return in_thread(other)


def thread_without_context(app: Any, db: Any, Person: type) -> Any:
    with app.app_context():
        return in_thread(lambda: db.session.get(Person, 1))


def thread_with_copied_context(app: Any, db: Any, Person: type) -> str:
    """``contextvars.copy_context()`` carries the app context into the thread, as
    ``asyncio.to_thread`` and Flask's ``copy_current_request_context`` do."""
    with app.app_context():
        person = db.session.get(Person, 1)
        copied = contextvars.copy_context()
        return in_thread(lambda: copied.run(lambda: holds(db.session, person)))


def outside_any_context(app: Any, db: Any, Person: type) -> str:
    return type(db.session).__name__


def query_outside_any_context(app: Any, db: Any, Person: type) -> Any:
    return db.session.get(Person, 1)


def kept_then_used_in_next_context(app: Any, db: Any, Person: type) -> dict[str, Any]:
    """``db.session`` stored once (as extensions such as Flask-Admin take it), then
    used in a later app context: which session is it, and what is left open?"""
    with app.app_context():
        kept = db.session
        kept.get(Person, 1)
    with app.app_context():
        person = kept.get(Person, 2)
        found = {"kept, in the next context": holds(db.session, person)}
    with app.app_context():
        found["connections checked out after both ended"] = db.engine.pool.checkedout()
        kept.close()  # let go of what the probe took
    return found


def kept_then_used_outside(app: Any, db: Any, Person: type) -> Any:
    with app.app_context():
        kept = db.session
    try:
        return kept.get(Person, 1)
    finally:
        with app.app_context():
            kept.close()  # let go of what the probe took


def calling_db_session(app: Any, db: Any, Person: type) -> str:
    with app.app_context():
        return type(db.session()).__name__


def removing_db_session(app: Any, db: Any, Person: type) -> str:
    with app.app_context():
        db.session.remove()
        return "removed"


PROBES: dict[str, Probe] = {
    "type of db.session": type_in_context,
    "twice in one app context": twice_in_one_context,
    "nested app context": nested_app_context,
    "second thread, its own app context": thread_with_its_own_context,
    "second thread, no app context": thread_without_context,
    "second thread, copied context": thread_with_copied_context,
    "db.session outside an app context": outside_any_context,
    "db.session.get outside an app context": query_outside_any_context,
    "kept db.session, next app context": kept_then_used_in_next_context,
    "kept db.session, outside an app context": kept_then_used_outside,
    "db.session()": calling_db_session,
    "db.session.remove()": removing_db_session,
}
CASES = tuple(Case(name, "many") for name in PROBES)


def observe_scope(lab: Lab, side: Side, case: Case) -> Observation:
    """Run the case's probe on the side's extension, people seeded."""
    extension: Extension = side.target
    lab.reset(side.style, seed(case.dataset), reuse=case.dataset)
    return observe_probe(lab, side.style, extension, PROBES[case.name], "session scope")
