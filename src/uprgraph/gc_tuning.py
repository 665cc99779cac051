"""Garbage-collector settings for the commands that build or load a graph.

A build makes millions of small objects (terms, triples, dict entries), most of them alive until its
document is done. With CPython's default thresholds the cyclic collector walks them again and again as
they pile up: a fifth of a corpus build went to it (measured: 20 documents, 19.6 s -> 15.4 s). Freezing
what the imports made and collecting less often keeps that cost flat however large the build; the few
reference cycles a document leaves are collected once it is done (corpus.build_into_store).
"""

from __future__ import annotations

import gc


def for_long_lived_objects() -> None:
    """Move the objects alive now (modules, the shapes graph...) out of the collector's sight, and start a
    collection after 50,000 new objects instead of 700 (the older generations as CPython sets them)."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
