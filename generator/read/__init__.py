"""Read: sources in, clean articles out.

Listing and opening source files safely (`sources`), decoding bytes (`decode`), the formats a source
may come in (`formats`: text, Markdown with front matter, web pages, feeds), fetching new items from
the web (`fetch`), and cleaning a document into an article of sentences (`clean`).
"""
