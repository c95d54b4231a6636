"""Fieldwork: an encrypted, offline notebook for inspectors of children's services."""

# A literal, so `fieldwork --version` needs no package metadata look-up (fast, and works frozen).
__version__ = "0.1.0"
