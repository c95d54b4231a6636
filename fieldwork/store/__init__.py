"""The encrypted notebook: SQLCipher database, models, keys, search and history."""
