"""The citation graph written out: Cytoscape.js JSON, GraphML, GEXF, Graphviz DOT and SVG, a text tree."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO
from typing import Any

import networkx as nx

from unxref.chains.graph import ChainError, Direction
from unxref.rdf.iris import Iris


def cytoscape(graph: nx.DiGraph, root: str | None = None) -> dict[str, Any]:
    """Cytoscape.js elements: nodes with symbol, kind, body, date, title; edges with functions.
    In the shape `networkx.cytoscape_graph` reads back too (``value`` and ``name`` of a node,
    ``directed``, ``multigraph`` and ``data`` at the top)."""
    iris = Iris.configured()
    nodes = [
        {
            "data": {
                "id": n,
                "value": n,
                "name": d["symbol"],
                "label": d["symbol"],
                "kind": d["kind"],
                "body": d["body"] or "other",
                "date": d["date"],
                "title": d["title"],
                "inCorpus": d["in_corpus"],
                "href": iris.page(n),
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
                "functions": d["functions"],
                "paragraphs": d["paragraphs"],
                "notes": d["notes"],
            }
        }
        for s, t, d in sorted(graph.edges(data=True))
    ]
    return {"data": [], "directed": True, "multigraph": False, "elements": {"nodes": nodes, "edges": edges}}


def _flat(graph: nx.DiGraph) -> nx.DiGraph:
    """Attributes as scalars, as GraphML and GEXF need; each node labelled with its symbol
    (Gephi and yEd show ``label``), the IRI kept as its id."""
    flat = nx.DiGraph()
    for n, d in graph.nodes(data=True):
        scalars = {k: v if not isinstance(v, list) else "; ".join(v) for k, v in d.items()}
        flat.add_node(n, label=d["symbol"], **{k: "" if v is None else v for k, v in scalars.items()})
    for s, t, d in graph.edges(data=True):
        flat.add_edge(s, t, **{k: v if not isinstance(v, list) else "; ".join(v) for k, v in d.items()})
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


def text_tree(graph: nx.DiGraph, root: str, direction: Direction, depth: int) -> str:
    """A readable tree, breadth first: each citation with its functions, each node with its date;
    a node already shown is not expanded again."""

    def label(node: str) -> str:
        d = graph.nodes[node]
        return " ".join(part for part in (d["symbol"], d["date"], f"· {d['title']}" if d["title"] else "") if part)

    lines = [label(root)]
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

    def children(node: str, forward: bool) -> list[tuple[str, bool]]:
        found = graph.predecessors(node) if forward else graph.successors(node)
        near = [c for c in found if levels.get(c, 0) == levels[node] + 1]
        return [(c, forward) for c in sorted(near, key=lambda n: graph.nodes[n]["date"], reverse=True)]

    def walk(branches: list[tuple[str, bool]], parent: str, prefix: str, shown: set[str]) -> None:
        for index, (child, forward) in enumerate(branches):
            last = index == len(branches) - 1
            edge = graph.edges[child, parent] if forward else graph.edges[parent, child]
            verb = ("cited by: " if forward else "") + ", ".join(edge["functions"])
            repeated = child in shown
            lines.append(
                f"{prefix}{'└── ' if last else '├── '}{verb}: {label(child)}{' (see above)' if repeated else ''}"
            )
            shown.add(child)
            if not repeated:
                walk(children(child, forward), child, prefix + ("    " if last else "│   "), shown)

    roots = (children(root, False) if direction != "forward" else []) + (
        children(root, True) if direction != "back" else []
    )
    walk(roots, root, "", {root})
    return "\n".join(lines) + "\n"
