"""Diagrams of a design: PNG, SVG and PDF through Graphviz (the `auto` layout by `diagrams`, the `canvas` layout
as drawn), a draw.io file, and a `diagrams` script."""
