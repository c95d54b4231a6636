"""The note editor: plain text with simple emphasis, autosaved while typing."""
