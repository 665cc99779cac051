"""HTML documentation: the ontology's page, rendered by pyLODE, and an overview page of our own.

``write_docs(out_dir)`` writes

- ``ontology.html``: every class and property of ``ontology/uprgraph.ttl`` with its label, comment,
  domain, range and super-classes, rendered by pyLODE (the optional extra ``docs``);
- ``index.html``: what the graph holds, the controlled vocabularies of ``ontology/vocabularies.ttl``
  and every canned query (title, description, parameters, SPARQL), linking the ontology page.

The same ontology and queries give byte-identical pages: pyLODE writes no date, and the one thing
it leaves to chance (the order of the classes in an ``owl:unionOf``) is put in order here.

The ``uprgraph docs -o site/`` command calls :func:`write_docs`.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from . import resources
from .errors import UprgraphError

ONTOLOGY_PAGE = "ontology.html"
INDEX_PAGE = "index.html"
INSTALL_HINT = "the docs command needs: pip install 'uprgraph[docs]'"


def write_docs(out_dir: Path) -> list[Path]:
    """Write the documentation pages into ``out_dir`` (created if missing); return their paths."""
    OntPub = _ontpub()
    out_dir.mkdir(parents=True, exist_ok=True)
    # pyLODE adds inferred triples to the graph it is given: give it its own copy.
    page = OntPub(ontology=ontology_graph(), sort_subjects=True).make_html(include_css=True)
    ontology_path = out_dir / ONTOLOGY_PAGE
    ontology_path.write_text(_sort_set_classes(page), encoding="utf-8")
    index_path = out_dir / INDEX_PAGE
    index_path.write_text(index_html(ontology_graph(), vocabularies_graph()), encoding="utf-8")
    return [index_path, ontology_path]


def _ontpub():  # type: ignore[no-untyped-def]
    """pyLODE's OntPub class. Importing pyLODE (3.3) calls logging.basicConfig(level=DEBUG) (in
    pylode/profiles/supermodel/loader.py), which would print its debug lines from then on: the root
    logger is put back as it was."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        from pylode import OntPub
    except ImportError as error:  # pyLODE is the optional extra "docs"
        raise UprgraphError(INSTALL_HINT) from error
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub


def ontology_graph() -> Graph:
    return Graph().parse(data=resources.read_text("ontology", "uprgraph.ttl"), format="turtle")


def vocabularies_graph() -> Graph:
    return Graph().parse(data=resources.read_text("ontology", "vocabularies.ttl"), format="turtle")


# pyLODE (3.3) collects the members of an owl:unionOf / owl:intersectionOf in a Python set of HTML
# elements, so "A or B" comes out as "B or A" on another run. Each member is one <span> holding a
# link and its class marker; the members are sorted by their text and joined as before.
_MEMBER = r'<span>\s*<a [^>]*>[^<]*</a>\s*(?:<sup [^>]*>[^<]*</sup>\s*)?</span>'
_JOIN = r'\s*<span class="cardinality">(?:or|and)</span>\s*'
_SET_CLASS = re.compile(rf"{_MEMBER}(?:{_JOIN}{_MEMBER})+")


def _sort_set_classes(page: str) -> str:
    def put_in_order(match: re.Match[str]) -> str:
        text = match.group(0)
        joins = re.findall(_JOIN, text)
        members = sorted(re.findall(_MEMBER, text), key=lambda m: (re.sub(r"<[^>]+>|\s+", "", m), m))
        out = members[0]
        for join, member in zip(joins, members[1:], strict=False):
            out += join + member
        return out

    return _SET_CLASS.sub(put_in_order, page)


# ---------------------------------------------------------------------------------- the overview page

def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _label(graph: Graph, node: URIRef) -> str:
    return str(graph.value(node, RDFS.label) or graph.value(node, SKOS.prefLabel) or node)


def _local(iri: URIRef) -> str:
    return re.split(r"[#/]", str(iri))[-1]


_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.45; color: #222; }
h1, h2, h3 { line-height: 1.2; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.92em; }
pre { background: #f5f5f5; padding: 0.8em; overflow-x: auto; border-radius: 4px; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { text-align: left; vertical-align: top; padding: 0.25em 0.8em 0.25em 0; border-bottom: 1px solid #ddd; }
section.query { border-top: 1px solid #ccc; margin-top: 1.5em; }
nav ul { columns: 2; }
"""


def index_html(ontology: Graph, vocabularies: Graph) -> str:
    """The overview page: what the graph holds, the ontology's classes, the controlled vocabularies,
    and every canned query with its parameters and SPARQL."""
    from .query.catalog import load_catalog

    header = next(iter(sorted(ontology.subjects(RDF.type, OWL.Ontology))), None)
    title = str(ontology.value(header, DCTERMS.title) or "uprgraph ontology") if header else "uprgraph ontology"
    version = ontology.value(header, OWL.versionInfo) if header else None
    catalog = load_catalog()
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>uprgraph: ontology and canned queries</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<h1>uprgraph</h1>",
        "<p>uprgraph reads UN Universal Periodic Review documents (national reports and Working Group "
        "reports) into an RDF graph: the review, the report's sections and paragraphs, the recommendations "
        "and the State's responses, the laws, policies and treaties the report cites and what happened to "
        "them, the institutions it names, the visits of special procedures. Every extracted fact points "
        "back to the paragraph and the exact words it was read from.</p>",
        f'<p>The terms of the graph are described in <a href="{ONTOLOGY_PAGE}">{_e(title)}</a>'
        + (f" (version {_e(version)})" if version else "")
        + f", namespace <code>{_e(_namespace(ontology, header))}</code>.</p>",
        "<nav><h2>Contents</h2><ul>",
        '<li><a href="#classes">Classes</a></li>',
        '<li><a href="#vocabularies">Controlled vocabularies</a></li>',
        '<li><a href="#queries">Canned queries</a></li>',
        "</ul></nav>",
    ]
    out += _classes_section(ontology)
    out += _vocabularies_section(vocabularies)
    out.append('<h2 id="queries">Canned queries</h2>')
    out.append("<p>Run one with <code>uprgraph query NAME</code> and its parameters as "
               "<code>--param name=value</code>; <code>uprgraph queries</code> lists them.</p>")
    out.append("<ul>")
    out += [f'<li><a href="#query-{_e(q.name)}"><code>{_e(q.name)}</code></a>: {_e(q.title)}</li>'
            for q in catalog.values()]
    out.append("</ul>")
    for query in catalog.values():
        out.append(f'<section class="query" id="query-{_e(query.name)}">')
        out.append(f"<h3><code>{_e(query.name)}</code>: {_e(query.title)}</h3>")
        if query.description:
            out.append(f"<p>{_e(query.description)}</p>")
        if query.params:
            out.append("<table><tr><th>parameter</th><th>type</th><th></th><th>meaning</th></tr>")
            for p in query.params:
                out.append(f"<tr><td><code>{_e(p.name)}</code></td><td>{_e(p.type)}</td>"
                           f"<td>{'required' if p.required else 'optional'}</td><td>{_e(p.description)}</td></tr>")
            out.append("</table>")
        else:
            out.append("<p>No parameters.</p>")
        out.append(f"<pre><code>{_e(query.text.rstrip())}</code></pre>")
        out.append("</section>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _namespace(ontology: Graph, header: URIRef | None) -> str:
    from rdflib.namespace import VANN

    value = ontology.value(header, VANN.preferredNamespaceUri) if header is not None else None
    return str(value) if value else "https://w3id.org/uprgraph/ns#"


def _classes_section(ontology: Graph) -> list[str]:
    classes = sorted((c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)), key=str)
    out = ['<h2 id="classes">Classes</h2>', "<table>", "<tr><th>class</th><th>label</th><th>comment</th></tr>"]
    for cls in classes:
        out.append(f"<tr><td><code>upr:{_e(_local(cls))}</code></td><td>{_e(_label(ontology, cls))}</td>"
                   f"<td>{_e(ontology.value(cls, RDFS.comment) or '')}</td></tr>")
    out.append("</table>")
    return out


def _vocabularies_section(vocabularies: Graph) -> list[str]:
    out = ['<h2 id="vocabularies">Controlled vocabularies</h2>',
           "<p>SKOS concept schemes whose concepts are the values of <code>upr:instrumentKind</code>, "
           "<code>upr:eventType</code>, <code>upr:responseStatus</code> and <code>upr:visitStatus</code>.</p>"]
    for scheme in sorted(vocabularies.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        out.append(f"<h3>{_e(_label(vocabularies, scheme))} <small><code>{_e(scheme)}/</code></small></h3>")
        concepts = sorted(vocabularies.subjects(SKOS.inScheme, scheme), key=str)
        out.append("<table><tr><th>concept</th><th>label</th></tr>")
        out += [f"<tr><td><code>{_e(_local(c))}</code></td><td>{_e(_label(vocabularies, c))}</td></tr>" for c in concepts]
        out.append("</table>")
    return out
