"""Catalog logic that is not HTTP: text normalisation, media files, search, sample data and the sync."""
