"""Text utilities: normalisation, tokens, sentences, term lexicons, gazetteer, MiniLM encoder."""
