"""Rights: the shared vocabularies (UHRI themes, groups of persons, SDGs), published thematic lists,
the tagger that infers rights where no list is given, and the triples that put them on recommendations."""
