"""Rights on recommendations, as triples: the tags a published thematic list gives (PublishedTag, derived
from the list's entry for that recommendation) and the tags inferred from a recommendation's text or from
the section a national report lists it under (InferredTag, with the method and a confidence). A tag is one
node per recommendation, concept and origin, so published and inferred links never merge:

    review/SVN/2/recommendation/115.2/tag/published/uhri-theme-B32     upr:tagged rec ; upr:tagConcept theme
    review/SVN/2/recommendation/115.2/tag/tfidf-logreg-v1/sdg-10      ... ; upr:confidence 0.67

The concepts (vocabularies/*.ttl) are described in the graph that uses them.
"""

from __future__ import annotations

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from .. import registries
from ..graph.build import recommendation_node, review_node, state_node
from ..graph.iris import Minter, safe, symbol_slug
from ..graph.literals import decimal
from ..graph.triples import Triples
from ..namespaces import RESPONSE, UPR
from . import tagger
from .thematic_list import ThematicList
from .vocabulary import GROUP, SDG, THEME, Vocabularies, group_key, load

POSITIONS = {"supported": "supported", "supported/noted": "supported-in-part", "noted": "noted", "not accepted": "not-accepted",
             "rejected": "not-accepted"}


def _concept_slug(concept: URIRef) -> str:
    for ns, name in ((THEME, "uhri-theme-"), (GROUP, "uhri-group-"), (SDG, "sdg-")):
        if str(concept).startswith(str(ns)):
            return name + safe(str(concept).removeprefix(str(ns)))
    raise ValueError(f"{concept} is in none of the rights vocabularies")


def _tag(g: Triples, vocab: Vocabularies, rec: URIRef, concept: URIRef, origin: str) -> URIRef:
    node = URIRef(f"{rec}/tag/{safe(origin)}/{_concept_slug(concept)}")
    g.add((node, UPR.tagged, rec))
    g.add((node, UPR.tagConcept, concept))
    g.update(vocab.describe(concept))
    return node


def published_triples(listed: ThematicList, base_iri: str, state_code: str, cycle: int | str,
                      report_symbol: str | None) -> tuple[Triples, list[str]]:
    """The list as a document, an entry per recommendation (position and its source), and its tags."""
    vocab = load()
    g = Triples()
    warnings: list[str] = []
    slug = "thematic-list-" + (symbol_slug(report_symbol) if report_symbol else safe(listed.name))
    iri = Minter(base_iri, slug, state_code)
    state_node(g, iri, state_code)
    review = review_node(g, iri, state_code, cycle)
    doc = iri.document()
    g.add((doc, RDF.type, UPR.ThematicList))
    g.add((doc, UPR.sourceFile, Literal(listed.name)))
    g.add((doc, UPR.forReview, review))
    title = f"Thematic list of recommendations{' of ' + report_symbol if report_symbol else ''}"
    g.add((doc, RDFS.label, Literal(title, lang="en")))
    if report_symbol:
        g.add((doc, UPR.listsRecommendationsOf, Minter(base_iri, symbol_slug(report_symbol), state_code).document()))
    unknown: set[str] = set()
    for entry in listed.entries:
        rec = recommendation_node(g, iri, cycle, entry.number)
        node = URIRef(f"{doc}/entry/{safe(entry.number)}")
        g.add((node, RDF.type, UPR.ThematicListEntry))
        g.add((node, DCTERMS.isPartOf, doc))
        g.add((node, UPR.listedRecommendation, rec))
        g.add((node, UPR.textInList, Literal(entry.text)))
        status = POSITIONS.get(entry.position or "")
        if status:
            g.add((node, UPR.listedPosition, RESPONSE[status]))
        if entry.position_source:
            g.add((node, UPR.positionSource, Literal(entry.position_source)))
        if entry.source_document:
            g.add((node, UPR.positionStatedIn, Minter(base_iri, symbol_slug(entry.source_document), state_code).document()))
        if entry.source_paragraph is not None:
            g.add((node, UPR.positionParagraph, Literal(entry.source_paragraph, datatype=XSD.integer)))
        concepts: list[URIRef] = []
        if entry.heading:
            g.add((node, UPR.listedUnderTheme, _theme_of(g, vocab, entry.heading.code, entry.heading.label, listed.name, unknown)))
        for theme in entry.themes:
            concepts.append(_theme_of(g, vocab, theme.code, theme.label, listed.name, unknown))
        for label in entry.groups:
            found = vocab.group(label)
            concepts.append(found.iri if found else _new_concept(g, GROUP, None, label, listed.name, unknown, "group"))
        for goal in entry.sdgs:
            concepts.append(vocab.goals[goal].iri)
        for concept in concepts:
            tag = _tag(g, vocab, rec, concept, "published")
            g.add((tag, RDF.type, UPR.PublishedTag))
            g.add((tag, PROV.wasDerivedFrom, node))
    if unknown:
        warnings.append(f"{listed.name}: not in the vocabularies we hold, added as concepts of their own "
                        f"(tools/make_uhri_vocabulary.py adds them for good): {'; '.join(sorted(unknown))}")
    return g, warnings


def _theme_of(g: Triples, vocab: Vocabularies, code: str | None, label: str, source: str, unknown: set[str]) -> URIRef:
    found = vocab.theme(code, label)
    return found.iri if found else _new_concept(g, THEME, code, label, source, unknown, "theme")


def _new_concept(g: Triples, ns: Namespace, code: str | None, label: str, source: str, unknown: set[str], kind: str) -> URIRef:
    """A theme or group a list prints that the vocabularies do not hold yet (the UHRI vocabulary is renamed
    from cycle to cycle): kept as printed, a concept of the scheme under the IRI tools/make_uhri_vocabulary.py
    would give it, rather than dropped."""
    concept = ns[code or group_key(label)]
    scheme = URIRef(str(ns).rstrip("/"))
    g.add((concept, RDF.type, SKOS.Concept))
    g.add((concept, SKOS.inScheme, scheme))
    g.add((concept, SKOS.prefLabel, Literal(label, lang="en")))
    if code:
        g.add((concept, SKOS.notation, Literal(code)))
    g.add((concept, DCTERMS.source, Literal(source)))
    g.update((scheme, p, o) for p, o in load().graph.predicate_objects(scheme) if p in (RDF.type, SKOS.prefLabel))
    unknown.add(f"{kind} {code or ''} {label}".replace("  ", " "))
    return concept


def inferred_triples(recommendations: list[tuple[URIRef, str]], later: set[URIRef] | None = None) -> Triples:
    """Tags inferred from each recommendation's text (IRI, text); those in ``later`` (all, when None) are tagged
    as the lists of the 3rd cycle on tag, the others as the 2nd cycle's did."""
    vocab = load()
    g = Triples()
    tagged: dict[URIRef, list[tagger.Tag]] = {}
    for convention in (True, False):
        chosen = [(rec, text) for rec, text in recommendations if (later is None or rec in later) == convention]
        tagged.update(zip((rec for rec, _ in chosen), tagger.tag_many([text for _, text in chosen], convention), strict=True))
    for rec, _ in recommendations:
        for found in tagged[rec]:
            concept = {"theme": vocab.themes, "group": vocab.groups}.get(found.kind)
            target = concept.get(found.key) if concept is not None else vocab.goals.get(int(found.key))
            if target is None:
                continue
            _inferred(g, vocab, rec, target.iri, tagger.METHOD, found.confidence)
    return g


def _inferred(g: Triples, vocab: Vocabularies, rec: URIRef, concept: URIRef, method: str, confidence: float) -> None:
    tag = _tag(g, vocab, rec, concept, method)
    g.add((tag, RDF.type, UPR.InferredTag))
    g.add((tag, UPR.inferenceMethod, Literal(method)))
    g.add((tag, UPR.confidence, decimal(confidence, 2)))


def heading_triples(sections: list[tuple[URIRef, str, list[URIRef]]]) -> Triples:
    """A national report's section themes mapped onto UHRI themes by the heading's words (the same rules),
    and the recommendations listed under the section tagged with those themes (method section-heading).
    ``sections``: (the section's theme concept, its heading, the recommendations it lists)."""
    vocab = load()
    g = Triples()
    for theme, heading, recs in sections:
        exact = vocab.theme(None, heading)
        matched = [exact.iri] if exact else [vocab.themes[t.key].iri for t in tagger.heading_tags(heading)
                                              if t.kind == "theme" and t.key in vocab.themes]
        for concept in matched:
            g.add((theme, SKOS.exactMatch if exact else SKOS.closeMatch, concept))
            g.update(vocab.describe(concept))
            for rec in recs:
                _inferred(g, vocab, rec, concept, tagger.SECTION_METHOD, 0.5)
    return g


def review_of(state_code: str | None, session: int | None) -> tuple[str, int | str]:
    cycle: int | str = (registries.cycle_of_session(session) if session else None) or "unknown"
    return state_code or "unknown", cycle
