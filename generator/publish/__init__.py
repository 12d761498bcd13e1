"""Publish: a built digest out to disk.

How outlets are named (`labels`), the Markdown pages rendered with Jinja2 (`render`, `templates/`),
`digest.json` (`serialize`), the Atom feed (`feed`), the state that pins story ids between builds
(`state`), and the atomic writer that swaps the new site in (`write`).
"""
