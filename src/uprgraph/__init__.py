"""uprgraph: UN Universal Periodic Review documents as a validated RDF knowledge graph."""

__version__ = "0.1.0"
