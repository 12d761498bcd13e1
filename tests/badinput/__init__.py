"""The bad-input corpus, generated at test time (nothing binary or huge is committed)."""
