"""Text utilities: normalisation and tokens, sentence splitting, term lexicons, the MiniLM encoder."""
