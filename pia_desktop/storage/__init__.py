"""The only package that imports sqlite_utils: the local store behind a small repository API."""
