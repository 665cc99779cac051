"""Export: the graph in every RDF format, with dataset metadata; network formats and HTML come later."""
