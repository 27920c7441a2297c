"""The legacy Flask-SQLAlchemy style: ``db.Column``, ``Model.query``, ``backref=``."""
