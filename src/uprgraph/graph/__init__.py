"""Graph: mentions -> rdflib Graph under deterministic IRIs."""
