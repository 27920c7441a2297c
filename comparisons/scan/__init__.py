"""``python -m comparisons scan PATH...``: an application's legacy call sites, each with
its replacement from ``comparisons.translate`` (read statically, never imported)."""
