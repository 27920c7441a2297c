"""The legacy ``Query`` to ``select()`` translation: its steps as data (``steps.py``),
the static translator (``core.py``: ``translate(source, target)``) and its command
(``command.py``: ``python -m comparisons translate``)."""
