"""Derive the campaign map's coastline from Natural Earth, once.

Natural Earth's 1:10m land polygons (public domain) come as TopoJSON in the npm
package world-atlas. Fetch it without installing anything, then run this script:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/make_coastline.py package/land-10m.json

It decodes the TopoJSON arcs, clips the land to the map's box (Sutherland-Hodgman
against each edge) and writes data/geo/coastline.geojson, rounded to 0.001 degree.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "data" / "geo" / "coastline.geojson"
#: west, east, south, north (degrees): from Shanhaiguan to beyond Changchun
BOX = (117.5, 127.0, 38.0, 45.5)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Turn quantized, delta-encoded TopoJSON arcs into lists of (lon, lat)."""
    (sx, sy), (tx, ty) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """Join arcs into one ring; a negative index ~i means arc i reversed."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def clip(points: list[tuple[float, float]], box=BOX) -> list[tuple[float, float]]:
    """Clip a ring to the box, edge by edge (Sutherland-Hodgman)."""
    west, east, south, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    ]
    for inside, cross in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
            previous = current
        points = result
    return points


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def main() -> None:
    """Write data/geo/coastline.geojson from world-atlas land-10m.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas land-10m.json")
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            outer = clip(ring(arcs, polygon[0]))
            if len(outer) < 4:
                continue
            coords = [[round(x, 3), round(y, 3)] for x, y in outer]
            coords.append(coords[0])
            features.append(
                {
                    "type": "Feature",
                    "properties": {},
                    "geometry": {"type": "Polygon", "coordinates": [coords]},
                }
            )
    collection = {
        "type": "FeatureCollection",
        "properties": {
            "source": "Natural Earth 1:10m land, version 4.1.0 (public domain), "
            "via the npm package world-atlas 2.0.2",
            "box": dict(zip(["west", "east", "south", "north"], BOX, strict=False)),
            "made_by": "tools/make_coastline.py",
        },
        "features": features,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(f["geometry"]["coordinates"][0]) for f in features)
    print(f"{len(features)} polygons, {points} points -> {OUTPUT}")


if __name__ == "__main__":
    main()
