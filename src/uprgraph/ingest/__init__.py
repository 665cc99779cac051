"""Ingest: raw report bytes -> clean lines -> the Document model."""

from .layout import parse_document
from .text import decode_report

__all__ = ["decode_report", "parse_document"]
