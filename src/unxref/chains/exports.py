"""The citation graph written out: Cytoscape.js JSON, GraphML, GEXF, Graphviz DOT and SVG, a text tree."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import networkx as nx

from unxref.chains.graph import ChainError, paragraph_order
from unxref.chains.jobs import Direction
from unxref.rdf.iris import Iris


def cytoscape(graph: nx.DiGraph, root: str | None = None) -> dict[str, Any]:
    """Cytoscape.js elements: nodes with symbol, kind, body, date, title; edges with functions.
    In the shape `networkx.cytoscape_graph` reads back too (``value`` and ``name`` of a node,
    ``directed``, ``multigraph`` and ``data`` at the top). A node's ``href`` opens its page at
    the first paragraph where it cites another node of the chain; an edge's at the citing paragraph."""
    iris = Iris.configured()
    nodes = [
        {
            "data": {
                "id": n,
                "value": n,
                "name": d["symbol"],
                "label": d["short"] or d["symbol"],
                "kind": d["kind"],
                "body": d["body"] or "other",
                "date": d["date"],
                "title": d["title"],
                "inCorpus": d["in_corpus"],
                "href": iris.page(n) + _fragment(_first_paragraph(graph, n)),
                "root": n == root,
            }
        }
        for n, d in sorted(graph.nodes(data=True))
    ]
    edges = [
        {
            "data": {
                "id": f"{s} -> {t}",
                "source": s,
                "target": t,
                "function": d["function"],
                "functions": list(d["functions"]),
                "paragraphs": list(d["paragraphs"]),
                "notes": list(d["notes"]),
                "href": iris.page(s) + _fragment(d["paragraphs"][0] if d["paragraphs"] else ""),
            }
        }
        for s, t, d in sorted(graph.edges(data=True))
    ]
    return {"data": [], "directed": True, "multigraph": False, "elements": {"nodes": nodes, "edges": edges}}


def _first_paragraph(graph: nx.DiGraph, node: str) -> str:
    """The first paragraph, in printed order, where a node cites another node of the graph."""
    paragraphs = [p for _, _, d in graph.out_edges(node, data=True) for p in d["paragraphs"][:1] if p]
    return min(paragraphs, key=paragraph_order, default="")


def _fragment(paragraph: str) -> str:
    return f"#{paragraph}" if paragraph else ""


def _flat(graph: nx.DiGraph) -> nx.DiGraph:
    """Attributes as scalars, as GraphML and GEXF need; each node labelled with its symbol
    (Gephi and yEd show ``label``), the IRI kept as its id."""
    flat = nx.DiGraph()
    for n, d in graph.nodes(data=True):
        scalars = {k: v if not isinstance(v, tuple) else "; ".join(v) for k, v in d.items()}
        flat.add_node(n, label=d["symbol"], **{k: "" if v is None else v for k, v in scalars.items()})
    for s, t, d in graph.edges(data=True):
        flat.add_edge(s, t, **{k: v if not isinstance(v, tuple) else "; ".join(v) for k, v in d.items()})
    return flat


def graphml(graph: nx.DiGraph) -> bytes:
    out = BytesIO()
    nx.write_graphml(_flat(graph), out)
    return out.getvalue()


def gexf(graph: nx.DiGraph) -> bytes:
    out = BytesIO()
    nx.write_gexf(_flat(graph), out)
    return out.getvalue()


def _dot_id(text: str) -> str:
    """A DOT string; a line break becomes DOT's backslash-n escape."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


EDGE_LABELS_UP_TO = 100  # edges: past this, an edge's functions are its tooltip, not a label


def dot(graph: nx.DiGraph) -> str:
    """Graphviz DOT, time left to right. A large chain has its functions as edge tooltips and
    a bounded layout effort: edge labels made ``dot`` take 23 s on the 469 citations of
    S/RES/186 (1964) forward, against 0.6 s without them."""
    large = graph.number_of_edges() > EDGE_LABELS_UP_TO
    lines = ["digraph citations {", "  rankdir=RL;", '  node [shape=box, fontname="Helvetica", fontsize=10];']
    if large:
        lines.append("  nslimit=2; mclimit=0.5;")
    edge_text = "tooltip" if large else "label"
    for n, d in sorted(graph.nodes(data=True)):
        label = d["symbol"] + (f"\n{d['date']}" if d["date"] else "")
        shape = {"treaty": "hexagon", "document": "note"}.get(d["kind"], "box")
        lines.append(f"  {_dot_id(n)} [label={_dot_id(label)}, shape={shape}];")
    for s, t, d in sorted(graph.edges(data=True)):
        lines.append(f"  {_dot_id(s)} -> {_dot_id(t)} [{edge_text}={_dot_id(', '.join(d['functions']))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def svg(graph: nx.DiGraph) -> bytes:
    if not shutil.which("dot"):
        raise ChainError("SVG needs Graphviz's 'dot' (Debian package graphviz; 'make install' installs it)")
    return subprocess.run(["dot", "-Tsvg"], input=dot(graph).encode(), capture_output=True, check=True).stdout


@dataclass(frozen=True)
class TreeRow:
    """One line of the chain's tree: the node, and the citation that leads to it from its parent."""

    branch: str  # the tree drawn before the entry, e.g. "│   ├── "
    node: str
    cited_by: bool  # the node cites its parent (a forward step), rather than being cited by it
    functions: tuple[str, ...]
    paragraphs: tuple[str, ...]  # of the citing one
    repeated: bool  # shown above already, not expanded again


def tree(graph: nx.DiGraph, root: str, direction: Direction, depth: int) -> list[TreeRow]:
    """The chain as a tree, breadth first, newest first among siblings; a node already shown
    is listed again but not expanded."""
    levels = _levels(graph, root, direction, depth)

    def children(node: str, forward: bool) -> list[tuple[str, bool]]:
        found = graph.predecessors(node) if forward else graph.successors(node)
        near = [c for c in found if levels.get(c, 0) == levels[node] + 1]
        return [(c, forward) for c in sorted(near, key=lambda n: (graph.nodes[n]["date"], n), reverse=True)]

    rows = [TreeRow("", root, False, (), (), False)]
    shown = {root}

    def walk(branches: list[tuple[str, bool]], parent: str, prefix: str) -> None:
        for index, (child, forward) in enumerate(branches):
            last = index == len(branches) - 1
            edge = graph.edges[child, parent] if forward else graph.edges[parent, child]
            repeated = child in shown
            branch = prefix + ("└── " if last else "├── ")
            rows.append(TreeRow(branch, child, forward, tuple(edge["functions"]), tuple(edge["paragraphs"]), repeated))
            shown.add(child)
            if not repeated:
                walk(children(child, forward), child, prefix + ("    " if last else "│   "))

    walk(
        [*children(root, False), *children(root, True)]
        if direction == "both"
        else children(root, direction == "forward"),
        root,
        "",
    )
    return rows


def _levels(graph: nx.DiGraph, root: str, direction: Direction, depth: int) -> dict[str, int]:
    """Each node's first distance from the root, back then forward."""
    levels = {root: 0}
    for forward in (False, True):
        if direction == ("forward" if not forward else "back"):
            continue
        frontier = [root]
        for level in range(1, depth + 1):
            for node in frontier:
                for child in sorted(graph.predecessors(node) if forward else graph.successors(node)):
                    levels.setdefault(child, level)
            frontier = [n for n, lv in levels.items() if lv == level]
    return levels


def text_tree(graph: nx.DiGraph, root: str, direction: Direction, depth: int) -> str:
    """The tree as text: each citation with its functions and paragraphs, each node with its date."""

    def label(node: str) -> str:
        d = graph.nodes[node]
        return " ".join(part for part in (d["symbol"], d["date"], f"· {d['title']}" if d["title"] else "") if part)

    lines = []
    for row in tree(graph, root, direction, depth):
        if not row.branch:
            lines.append(label(row.node))
            continue
        verb = ("cited by: " if row.cited_by else "") + ", ".join(row.functions)
        where = f" ({', '.join(row.paragraphs)})" if row.paragraphs else ""
        lines.append(f"{row.branch}{verb}{where}: {label(row.node)}{' (see above)' if row.repeated else ''}")
    return "\n".join(lines) + "\n"
