"""Links that need two documents: a later review's recommendations that repeat an earlier review's."""
