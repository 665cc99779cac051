"""The State's own word on recommendations it does not accept ("does not accept recommendations 97.1, ...")."""

from __future__ import annotations

import re

from ..document import Document
from ..ingest.refs import REF_LIST, expand_refs
from .model import ResponseMention
from .text import span

NOT_ACCEPTED = re.compile(
    rf"\b(?:does|do|did|could|can|cannot)\s*(?:not\s+)?(?:accept|support)\s+(?:the\s+)?recommendations?\s+(?P<refs>{REF_LIST.pattern})"
    rf"|\b(?:rejects?|rejected)\s+(?:the\s+)?recommendations?\s+(?P<refs2>{REF_LIST.pattern})"
)


def extract_responses(document: Document) -> list[ResponseMention]:
    found = []
    for paragraph in document.paragraphs:
        for match in NOT_ACCEPTED.finditer(paragraph.text):
            phrase = match.group(0)
            if not re.search(r"\bnot\b|cannot|reject", phrase):
                continue
            refs = match.group("refs") or match.group("refs2")
            found.append(
                ResponseMention(span(paragraph.number, paragraph.text, match.start(), match.end()), tuple(expand_refs(refs)), "not-accepted")
            )
    return found
