"""Diagrams people can paste: the map's view (filters applied) as SVG, Mermaid and draw.io.
Docker's text is hostile in every format: each writer escapes it its own way."""
