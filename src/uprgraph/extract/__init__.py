"""Extract: Document -> mentions, one module per entity family, each tied to its paragraph and quote."""
