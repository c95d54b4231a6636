"""Item delegates: painting snippets with highlighted words, never as markup."""
