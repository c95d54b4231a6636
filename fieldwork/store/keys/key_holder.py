"""The notebook's 32-byte data key in one wipeable buffer, handed out only as late as possible."""

from __future__ import annotations

import hmac
import threading
from types import TracebackType
from typing import NoReturn

from fieldwork.domain.errors import NotebookLocked

DATA_KEY_BYTES = 32


class KeyHolder:
    """Owns the data key in a `bytearray`; after `zero()` every request raises `NotebookLocked`.

    Python can only wipe buffers it owns and mutates (SECURITY.md §5), so the key lives in exactly
    one `bytearray` here. Callers get short-lived derived forms (`pragma_key`, `copy_bytes`) and
    should drop them as soon as they are used.
    """

    __slots__ = ("__weakref__", "_guard", "_key", "_zeroed")

    def __init__(self, key: bytearray) -> None:
        """Take ownership of `key` (not copied): the caller must not keep or reuse the buffer."""
        if not isinstance(key, bytearray):
            raise TypeError("KeyHolder needs a bytearray so the key can be wiped later")
        if len(key) != DATA_KEY_BYTES:
            raise ValueError(f"a data key has {DATA_KEY_BYTES} bytes")
        self._key = key
        self._zeroed = False
        # Lane threads ask for the key while the lock action may be zeroing it.
        self._guard = threading.Lock()

    @property
    def is_zeroed(self) -> bool:
        """True once the key has been wiped (the notebook is locked)."""
        return self._zeroed

    def pragma_key(self) -> str:
        """The `x'<64 hex>'` literal for `PRAGMA key`; pass it straight on and drop it."""
        with self._guard:
            self._refuse_if_zeroed()
            return "x'" + self._key.hex() + "'"

    def copy_bytes(self) -> bytearray:
        """A new buffer with the key, for wrapping into a slot; the caller wipes it after use."""
        with self._guard:
            self._refuse_if_zeroed()
            return bytearray(self._key)

    def same_key_as(self, other: KeyHolder) -> bool:
        """Whether two holders carry the same data key (constant-time comparison)."""
        mine = self.copy_bytes()
        theirs = other.copy_bytes()
        try:
            return hmac.compare_digest(mine, theirs)
        finally:
            wipe(mine)
            wipe(theirs)

    def zero(self) -> None:
        """Overwrite the key in place; further requests raise `NotebookLocked`. Safe to repeat."""
        with self._guard:
            wipe(self._key)
            self._zeroed = True

    def __enter__(self) -> KeyHolder:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.zero()

    def __del__(self) -> None:
        # A holder dropped without an explicit lock still leaves no key behind in its buffer.
        if hasattr(self, "_key"):
            wipe(self._key)

    def __repr__(self) -> str:
        return f"KeyHolder({'zeroed' if self._zeroed else 'holding a key'})"

    __str__ = __repr__

    def __reduce__(self) -> NoReturn:
        # Copying or serialising would make a second, unwipeable copy of the key.
        raise TypeError("a KeyHolder cannot be copied or serialised")

    def _refuse_if_zeroed(self) -> None:
        if self._zeroed:
            raise NotebookLocked()


def wipe(buffer: bytearray) -> None:
    """Overwrite a buffer with zeros in place (same length, so no reallocation)."""
    buffer[:] = bytes(len(buffer))
