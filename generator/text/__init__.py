"""Text: words, terms and stems, sentences and paragraphs, quotation marks, dates and quantities.

The lowest working layer. It knows nothing of sources, stories or pages: every function takes a
string (or an article's text) and returns positions or values in it. Everything above builds on it.
"""
