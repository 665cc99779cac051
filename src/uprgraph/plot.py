"""Charts of a built graph (matplotlib, Agg, no pyplot state): PNG and SVG, byte-identical from run to run.

- ``instrument-timeline``: domestic instruments by the year of their own date, and events on
  instruments and treaties (adopted, amended, ratified...) by the year of the event, coloured by kind;
- ``coverage-by-theme``: per theme, its recommendations with a domestic instrument behind them, with only
  a treaty action or an institution behind them, and with nothing (``analyze.theme_coverage``);
- ``responses``: recommendations by the State's response, per document that records it;
- ``follow-up-status``: per State and review (cycle), its recommendations by follow-up status, stacked
  (the canned query ``follow-up-summary``; the statuses are the query's, not a list of ours).

``plot(g, out_dir)`` writes ``<name>.png`` and ``<name>.svg`` of each and returns their paths.
SVG text stays text (``svg.fonttype: none``): titles and labels can be searched and read by screen readers.
"""

from __future__ import annotations

import io
import textwrap
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from . import resources
from .analyze import recommendation_coverage, theme_coverage
from .namespaces import UPR
from .network import english, local_name

# Instrument kinds (instrument-kind scheme) grouped into families a chart can colour apart.
FAMILIES = (
    ("constitution, acts and laws", ("constitution", "constitutional-law", "act")),
    ("codes", ("code",)),
    ("bills", ("bill",)),
    ("decrees and decisions", ("presidential-decree", "government-decree", "decree", "government-decision")),
    ("orders, instructions, regulations", ("ministerial-order", "order", "instruction", "regulation", "directive")),
    ("programmes, plans, strategies", ("state-programme", "programme", "plan", "strategy", "policy-framework", "doctrine")),
    ("treaties and declarations", ("treaty", "declaration")),
)
FAMILY_OF = {kind: family for family, kinds in FAMILIES for kind in kinds}
OTHER = "other or unknown kind"
# Okabe-Ito colours, told apart with the common colour-vision deficiencies
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
FAMILY_COLOUR = {family: COLOURS[i] for i, (family, _) in enumerate(FAMILIES)} | {OTHER: COLOURS[-1]}

STYLE = {
    "svg.hashsalt": "uprgraph",  # the SVG's element ids, otherwise random
    "svg.fonttype": "none",  # text as <text>, not paths
    "font.family": "DejaVu Sans",  # shipped with matplotlib: the same glyphs everywhere
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "figure.titlesize": 14,
    "figure.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "path.simplify": True,
}
SVG_METADATA = {"Date": None, "Creator": "uprgraph"}
PNG_METADATA = {"Software": "uprgraph"}
TITLES = {
    "instrument-timeline": "Instruments by year and kind: instrument dates and event dates",
    "coverage-by-theme": "Coverage by theme: recommendations covered / not covered",
    "responses": "Recommendations by the State's response",
    "follow-up-status": "Follow-up status of the recommendations, per State and review",
}
NAMES = tuple(TITLES)


@lru_cache(maxsize=1)
def _vocabularies() -> Graph:
    return Graph().parse(data=resources.read_text("ontology", "vocabularies.ttl"), format="turtle")


def concept_label(concept: URIRef) -> str:
    return english(_vocabularies().objects(concept, SKOS.prefLabel)) or local_name(str(concept)).replace("-", " ")


def _year(value: object) -> int | None:
    text = str(value)
    return int(text[:4]) if text[:4].isdigit() else None


def _family(g: Graph, instrument: URIRef | None) -> str:
    kind = g.value(instrument, UPR.instrumentKind) if instrument is not None else None
    return FAMILY_OF.get(local_name(str(kind)), OTHER) if kind is not None else OTHER


# ---------------------------------------------------------------- the data behind each chart


def timeline_data(g: Graph) -> dict[str, object]:
    """Counts per (year, kind family): instruments by their own date, events by the event's date."""
    instruments = sorted(set(g.subjects(RDF.type, UPR.LegalInstrument)) | set(g.subjects(RDF.type, UPR.PolicyInstrument)))
    own: Counter[tuple[int, str]] = Counter()
    for i in instruments:
        years = sorted(y for y in (_year(d) for d in g.objects(i, DCTERMS.date)) if y is not None)
        if years:
            own[(years[0], _family(g, i))] += 1
    events = sorted(g.subjects(RDF.type, UPR.InstrumentEvent))
    dated: Counter[tuple[int, str]] = Counter()
    for e in events:
        years = sorted(y for y in (_year(d) for d in g.objects(e, DCTERMS.date)) if y is not None)
        if years:
            dated[(years[0], _family(g, g.value(e, UPR.onInstrument)))] += 1
    return {"instruments": len(instruments), "instruments_dated": sum(own.values()), "by_own_date": own,
            "events": len(events), "events_dated": sum(dated.values()), "by_event_date": dated}


def response_data(g: Graph) -> list[tuple[str, str, int]]:
    """(document, status label, recommendations) in the order of the documents' dates, then most first."""
    recs: dict[tuple[URIRef, URIRef], set[URIRef]] = defaultdict(set)
    for response in g.subjects(RDF.type, UPR.StateResponse):
        for status in g.objects(response, UPR.responseStatus):
            for document in g.objects(response, UPR.statedInDocument):
                recs[(document, status)].update(g.objects(response, UPR.respondsTo))  # type: ignore[index, arg-type]

    def document_label(d: URIRef) -> str:
        symbol = english(g.objects(d, RDFS.label)) or str(g.value(d, DCTERMS.identifier) or local_name(str(d)))
        year = _year(g.value(d, DCTERMS.issued) or g.value(d, DCTERMS.date) or "")
        return f"{symbol} ({year})" if year else symbol

    def document_order(d: URIRef) -> tuple:  # type: ignore[type-arg]
        # the review, its addendum, then the follow-up
        kind = 0 if (d, RDF.type, UPR.WorkingGroupReport) in g else 1 if (d, RDF.type, UPR.Addendum) in g else 2
        return (kind, str(g.value(d, DCTERMS.issued) or ""), str(d))

    rows = [(d, s, len(r)) for (d, s), r in recs.items()]
    rows.sort(key=lambda row: (document_order(row[0]), -row[2], str(row[1])))
    return [(document_label(d), concept_label(s), n) for d, s, n in rows]


def follow_up_status_data(g: Graph) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    """(reviews in the query's order, statuses sorted, (review, status) -> recommendations) from the canned
    query ``follow-up-summary`` (its counts by response added up per status)."""
    from .follow_up import records, run_all

    rows = records(run_all(g, ("follow-up-summary",))["follow-up-summary"])
    counts: Counter[tuple[str, str]] = Counter()
    for row in rows:
        counts[(str(row["review"]), str(row["status"]))] += int(str(row["recommendations"]))
    reviews = list(dict.fromkeys(review for review, _ in counts))
    statuses = sorted({status for _, status in counts})
    return reviews, statuses, dict(counts)


# ---------------------------------------------------------------- the charts


def _figure(width: float, height: float):  # type: ignore[no-untyped-def]
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(figure)
    return figure


def _timeline(g: Graph):  # type: ignore[no-untyped-def]
    data = timeline_data(g)
    own: Counter = data["by_own_date"]  # type: ignore[assignment]
    dated: Counter = data["by_event_date"]  # type: ignore[assignment]
    years = sorted({y for y, _ in own} | {y for y, _ in dated})
    span = list(range(years[0], years[-1] + 1)) if years else []
    families = [f for f, _ in FAMILIES] + [OTHER]
    used = [f for f in families if any(f == fam for _, fam in own) or any(f == fam for _, fam in dated)]
    figure = _figure(11, 8.5)
    axes = figure.subplots(2, 1, sharex=True)
    panels = (
        (axes[0], own, f"Domestic instruments by the year of their own date (dcterms:date of the instrument): "
                       f"{data['instruments_dated']} of {data['instruments']} are dated"),
        (axes[1], dated, f"Events on instruments and treaties by the year of the event (dcterms:date of the event: "
                         f"adopted, amended, ratified...): {data['events_dated']} of {data['events']} are dated"),
    )
    for ax, counts, title in panels:
        bottom = [0] * len(span)
        for family in used:
            heights = [counts.get((y, family), 0) for y in span]
            if any(heights):
                ax.bar(span, heights, bottom=bottom, color=FAMILY_COLOUR[family], label=family,
                       edgecolor="white", linewidth=0.5, width=0.8)
                bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        for x, total in zip(span, bottom, strict=True):
            if total:
                ax.annotate(str(total), (x, total), ha="center", va="bottom", fontsize=8,
                            xytext=(0, 2), textcoords="offset points")
        ax.set_title("\n".join(textwrap.wrap(title, 95)), loc="left", fontsize=10.5)
        ax.set_ylabel("count")
        ax.set_ylim(0, max(bottom + [1]) * 1.18)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    axes[1].set_xticks(span)
    axes[1].set_xticklabels([str(y) for y in span], rotation=60, ha="right")
    axes[1].set_xlabel("year")
    handles, labels = axes[0].get_legend_handles_labels()
    handles2, labels2 = axes[1].get_legend_handles_labels()
    merged = dict(zip(labels + labels2, handles + handles2, strict=True))
    ordered = [f for f in used if f in merged]
    figure.legend([merged[f] for f in ordered], ordered, title="kind of instrument", loc="outside right center",
                  frameon=False)
    figure.suptitle(TITLES["instrument-timeline"], x=0.02, ha="left")
    figure.set_layout_engine("constrained")
    return figure


def _coverage(g: Graph):  # type: ignore[no-untyped-def]
    recs = recommendation_coverage(g)
    rows = theme_coverage(g, recs)
    numbers = {r for r in g.subjects(RDF.type, UPR.Recommendation)}
    unreported = len(numbers - set(recs))
    labels, instrument, other, nothing = [], [], [], []
    by_iri = {str(k): v for k, v in recs.items()}
    themed: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for section, theme in g.subject_objects(UPR.theme):
        themed[str(theme)].extend(by_iri[str(r)] for r in g.objects(section, UPR.reportsOn) if str(r) in by_iri)
    for row in rows:
        members = {m.iri: m for m in themed[row.iri]}.values()
        labels.append(_wrap(row.theme))
        instrument.append(sum(1 for m in members if m.instruments))
        other.append(sum(1 for m in members if not m.instruments and m.covered))
        nothing.append(row.not_covered)
    if unreported:
        labels.append("(no section of the national\nreport reports on them)")
        instrument.append(0)
        other.append(0)
        nothing.append(unreported)
    figure = _figure(11, 0.42 * len(labels) + 2.6)
    ax = figure.subplots()
    ys = list(range(len(labels)))[::-1]
    series = (("covered: a domestic instrument behind it", instrument, "#0072B2"),
              ("covered: only a treaty action or an institution", other, "#56B4E9"),
              ("not covered: nothing behind it", nothing, "#D55E00"))
    left = [0] * len(labels)
    for name, values, colour in series:
        ax.barh(ys, values, left=left, color=colour, label=name, edgecolor="white", linewidth=0.5, height=0.7)
        left = [a + b for a, b in zip(left, values, strict=True)]
    for y, total, bad in zip(ys, left, nothing, strict=True):
        ax.annotate(f"{total - bad}/{total} covered", (total, y), va="center", ha="left", fontsize=8,
                    xytext=(3, 0), textcoords="offset points")
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=8.5)
    ax.set_xlim(0, max(left + [1]) * 1.25)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("recommendations (a recommendation reported under two themes counts under each)")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    figure.legend(loc="outside lower center", ncols=3, frameon=False, fontsize=9)
    figure.suptitle(TITLES["coverage-by-theme"], x=0.02, ha="left")
    ax.set_title("covered = a domestic instrument, a treaty action or an institution is mentioned in a paragraph\n"
                 "of a section of the national report that reports on the recommendation", loc="left",
                 fontsize=10, fontweight="normal")
    figure.set_layout_engine("constrained")
    return figure


def _wrap(text: str, width: int = 48, lines: int = 2) -> str:
    wrapped = textwrap.wrap(text, width)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def _responses(g: Graph):  # type: ignore[no-untyped-def]
    rows = response_data(g)
    documents = list(dict.fromkeys(d for d, _, _ in rows))
    colours = {d: COLOURS[i % len(COLOURS)] for i, d in enumerate(documents)}
    figure = _figure(10, 5.5)
    ax = figure.subplots()
    xs = list(range(len(rows)))
    ax.bar(xs, [n for _, _, n in rows], color=[colours[d] for d, _, _ in rows], width=0.65)
    for x, (_, _, n) in zip(xs, rows, strict=True):
        ax.annotate(str(n), (x, n), ha="center", va="bottom", xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(xs)
    ax.set_xticklabels([_wrap(status, 22, 3) for _, status, _ in rows])
    ax.set_ylabel("recommendations")
    ax.set_ylim(0, max([n for _, _, n in rows] + [1]) * 1.15)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    from matplotlib.patches import Patch

    ax.legend([Patch(color=colours[d]) for d in documents], documents, title="response recorded in",
              loc="upper right", frameon=False)
    total = len(set(g.subjects(RDF.type, UPR.Recommendation)))
    figure.suptitle(TITLES["responses"], x=0.02, ha="left")
    ax.set_title(f"{total} recommendations; one can carry several responses (e.g. supported and already "
                 "implemented),\neach counted under the document that records it", loc="left",
                 fontsize=10, fontweight="normal")
    figure.set_layout_engine("constrained")
    return figure


def _status_colours(statuses: list[str]) -> dict[str, str]:
    """A colour per status taken from its name (CRC-32), the next free one on a clash: a status keeps its
    colour from chart to chart whatever other statuses a graph has, as long as they do not clash."""
    import zlib

    palette = COLOURS[:-1]  # grey stands for "other" in the other charts
    colours: dict[str, str] = {}
    for status in statuses:
        slot = zlib.crc32(status.encode("utf-8")) % len(palette)
        for step in range(len(palette)):
            if palette[(slot + step) % len(palette)] not in colours.values():
                slot = (slot + step) % len(palette)
                break
        colours[status] = palette[slot]
    return colours


def _follow_up_status(g: Graph):  # type: ignore[no-untyped-def]
    reviews, statuses, counts = follow_up_status_data(g)
    colours = _status_colours(statuses)
    figure = _figure(max(7.5, 1.6 * len(reviews) + 4.5), 6)
    ax = figure.subplots()
    xs = list(range(len(reviews)))
    bottom = [0] * len(reviews)
    for status in statuses:
        heights = [counts.get((review, status), 0) for review in reviews]
        bars = ax.bar(xs, heights, bottom=bottom, color=colours[status], label=status, edgecolor="white",
                      linewidth=0.5, width=0.6)
        for bar, height in zip(bars, heights, strict=True):
            if height:
                ax.annotate(str(height), (bar.get_x() + bar.get_width() / 2, bar.get_y() + height / 2),
                            ha="center", va="center", fontsize=8.5)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for x, total in zip(xs, bottom, strict=True):
        ax.annotate(str(total), (x, total), ha="center", va="bottom", xytext=(0, 2), textcoords="offset points",
                    fontweight="bold")
    if not reviews:
        ax.text(0.5, 0.5, "no recommendation in the graph", transform=ax.transAxes, ha="center", va="center")
    ax.set_xticks(xs)
    ax.set_xticklabels([review.replace(", ", "\n", 1) for review in reviews])
    ax.set_ylabel("recommendations")
    ax.set_ylim(0, max(bottom + [1]) * 1.12)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    handles, labels = ax.get_legend_handles_labels()
    figure.legend(handles[::-1], labels[::-1], title="follow-up status", loc="outside right center", frameon=False)
    figure.suptitle(TITLES["follow-up-status"], x=0.02, ha="left")
    ax.set_title("what the documents in the dataset say became of each recommendation by the next review\n"
                 "(canned query follow-up-summary; 'no later report': the next national report is not in the dataset)",
                 loc="left", fontsize=9.5, fontweight="normal")
    figure.set_layout_engine("constrained")
    return figure


CHARTS = {"instrument-timeline": _timeline, "coverage-by-theme": _coverage, "responses": _responses,
          "follow-up-status": _follow_up_status}


def render(g: Graph, name: str, fmt: str) -> bytes:
    """One chart as PNG or SVG bytes."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        figure = CHARTS[name](g)
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, dpi=110 if fmt == "png" else None,
                       metadata=SVG_METADATA if fmt == "svg" else PNG_METADATA)
    return buffer.getvalue()


def plot(g: Graph, out_dir: Path | str) -> list[Path]:
    """Write each chart as ``<name>.png`` and ``<name>.svg`` into ``out_dir`` (created if missing)."""
    from .output import write_atomically

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in NAMES:
        for fmt in ("png", "svg"):
            path = out / f"{name}.{fmt}"
            write_atomically(path, render(g, name, fmt))
            paths.append(path)
    return paths
