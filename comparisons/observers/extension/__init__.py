"""Rows about the extension object itself, where Flask-SQLAlchemy-Lite differs from 3.1.

- :mod:`.scope`: what ``db.session`` is, per app context, thread and outside one;
- :mod:`.isolation`: ``db.test_isolation()`` against Flask-SQLAlchemy's rollback fixture;
- :mod:`.naming`: table names, generated or written;
- :mod:`.settings`: the app's configuration keys.

Every side is :class:`Extension`: a style's models module (its ``db`` and ``Person``),
shown in the report as the module of probes that ran on it.
"""
