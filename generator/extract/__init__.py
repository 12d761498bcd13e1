"""Extract: from articles to stories, and from a story's articles to what the page says.

Grouping articles into stories (`grouping`), then for each story its key points (`keypoints`), the
people and bodies named in each article (`mentions`) and the speakers of its quotes (`speakers`,
`quotes`), its reservations, conflicting values, named entities and timeline.
"""
