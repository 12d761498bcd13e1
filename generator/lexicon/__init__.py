"""Lexicon: the word lists every rule reads, kept once, as data files beside this module.

The lowest layer: it imports nothing from the package.
"""
