"""Linked-data pages: what ``GET /id/<path>`` shows for the resource ``<base IRI><path>``.

The worker gathers the resource's links and quotes (:func:`uprgraph.serve.worker.describe`); this
module turns them into the context of ``templates/resource.html``: every IRI under the base becomes
a link to its own page, others link out, and each quote is shown inside the paragraph it comes from.
"""

from __future__ import annotations

from typing import Any

PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "upr": "https://w3id.org/uprgraph/ns#",
    "oa": "http://www.w3.org/ns/oa#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "wd": "http://www.wikidata.org/entity/",
}
RDF_TYPE = PREFIXES["rdf"] + "type"
ID_PATH = "/id/"

# The resource's description as RDF: its triples both ways, and one level of blank nodes below it.
DESCRIPTION = """CONSTRUCT { {THIS} ?p ?o . ?b ?p2 ?o2 . ?s ?p3 {THIS} } WHERE {
  { {THIS} ?p ?o }
  UNION { {THIS} ?q ?b . FILTER(isBlank(?b)) ?b ?p2 ?o2 }
  UNION { ?s ?p3 {THIS} }
}"""


def iri_for_path(base_iri: str, raw_path: str) -> str:
    """``/id/review/KAZ/1`` -> ``<base>review/KAZ/1``; the path's percent-encoding is kept as minted."""
    return base_iri + raw_path[len(ID_PATH):]


def path_for_iri(base_iri: str, iri: str) -> str | None:
    return ID_PATH + iri[len(base_iri):] if iri.startswith(base_iri) and len(iri) > len(base_iri) else None


def compact(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def term(value: dict[str, Any] | None, base_iri: str, label: dict[str, Any] | None = None) -> dict[str, Any]:
    """A SPARQL JSON term -> what the template's ``term`` macro shows."""
    if value is None:
        return {"text": ""}
    if value["type"] == "uri":
        iri = value["value"]
        local = path_for_iri(base_iri, iri)
        text = label["value"] if label else (iri[len(base_iri):] if local else compact(iri))
        if local:
            return {"iri": iri, "href": local, "text": text}
        external = iri.startswith(("http://", "https://"))
        return {"iri": iri, "href": iri if external else None, "text": text, "external": external}
    if value["type"] == "bnode":
        return {"text": f"_:{value['value']}"}
    note = value.get("xml:lang") or (compact(value["datatype"]) if "datatype" in value else None)
    return {"text": value["value"], "note": note}


def context(data: dict[str, Any], base_iri: str, path: str) -> dict[str, Any]:
    """The template context of a resource page from the worker's ``describe`` data."""
    outgoing = data["outgoing"]
    label = _own_label(outgoing) or path_for_iri(base_iri, data["iri"]) or data["iri"]
    types = [term(row["o"], base_iri, row.get("label")) for row in outgoing if row["p"]["value"] == RDF_TYPE]
    quotes = []
    for q in data["quotes"]:
        exact = q["exact"]["value"]
        text = q["text"]["value"] if q.get("text") else None
        before = after = None
        if text is not None:
            prefix = q["prefix"]["value"] if q.get("prefix") else ""
            start = text.find(prefix + exact) + len(prefix) if prefix and prefix + exact in text else text.find(exact)
            if start >= 0:
                before, after = text[:start], text[start + len(exact):]
        paragraph = q["paragraph"]["value"] if q.get("paragraph") else q["source"]["value"]
        quotes.append({
            "exact": exact, "before": before, "after": after,
            "document": q["document"]["value"] if q.get("document") else "",
            "number": q["number"]["value"] if q.get("number") else "",
            "paragraph_href": path_for_iri(base_iri, paragraph),
        })
    reported = [{"href": path_for_iri(base_iri, r["paragraph"]["value"]),
                 "number": r["number"]["value"] if r.get("number") else "",
                 "text": r["text"]["value"] if r.get("text") else ""} for r in data["reported"]]
    return {
        "iri": data["iri"], "path": path, "base_iri": base_iri, "label": label, "types": types,
        "outgoing": [{"property": term(row["p"], base_iri), "value": term(row["o"], base_iri, row.get("label"))}
                     for row in outgoing],
        "outgoing_cut": len(outgoing) >= data["limit"],
        "incoming": [{"property": term(row["p"], base_iri), "value": term(row["s"], base_iri, row.get("label"))}
                     for row in data["incoming"]],
        "incoming_total": data["incoming_total"],
        "quotes": quotes, "reported": reported, "limit": data["limit"],
    }


def _own_label(outgoing: list[dict[str, Any]]) -> str | None:
    wanted = [PREFIXES["skos"] + "prefLabel", PREFIXES["rdfs"] + "label", PREFIXES["dcterms"] + "title",
              PREFIXES["foaf"] + "name"]
    for prop in wanted:
        for row in outgoing:
            if row["p"]["value"] == prop and row["o"]["type"] == "literal":
                return row["o"]["value"]
    return None
