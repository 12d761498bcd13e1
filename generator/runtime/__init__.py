"""Runtime: the content-addressed cache, the process pool and the safety limits.

How the build runs rather than what it computes. Stages above hand their pure functions to
`parallel.Runner`, which maps them over worker processes and keeps their results in the `cache`;
`limits` bounds what any one source may cost.
"""
