"""The SQLAlchemy 2.x style: ``Mapped[...]``, ``select()``, ``back_populates=``."""
