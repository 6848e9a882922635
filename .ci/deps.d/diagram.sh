# Diagrams (internal/diagram): assure lays out its SVG itself, but
# TestDOTGraphviz feeds every test graph's DOT output to Graphviz's dot to
# prove users can lay it out with their own Graphviz.
need_pkg dot graphviz
