"""Sections of the evidence pack: each turns plain pack data into flowables."""
