"""Text primitives every stage shares: sentences, words, lexicons, names."""
