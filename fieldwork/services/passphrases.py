"""Advice on a new passphrase: refuse an empty one, warn about weak ones."""

from __future__ import annotations

from fieldwork.domain.passphrase import passphrase_refusal, passphrase_warnings


def passphrase_advice(passphrase: str) -> tuple[str | None, list[str]]:
    """(why it is refused, or None; warnings to show) for a new passphrase."""
    return passphrase_refusal(passphrase), passphrase_warnings(passphrase)
