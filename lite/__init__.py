"""Flask-SQLAlchemy-Lite: a plain ``DeclarativeBase``, ``db.session`` bound to the app context."""
