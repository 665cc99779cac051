"""Literals written in one lexical form, the canonical one, so a graph reads the same wherever it is kept: a
store such as Oxigraph keeps an xsd:decimal in its canonical form ("0.5", "1"), and "0.50" written by a
build would come back from the store as "0.5"."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import XSD


def decimal(value: float, places: int) -> Literal:
    """``value`` rounded to ``places`` decimals, as an xsd:decimal in its canonical form (XML Schema 1.1): no
    trailing zeros, and no decimal point for a whole number (0.50 -> "0.5", 1.00 -> "1")."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return Literal("0" if text in ("", "-0") else text, datatype=XSD.decimal)
