"""Notebook keys: the data key in memory, its wrapped slots in notebook.key, and the OS keyring."""
