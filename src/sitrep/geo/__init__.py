"""Geocoding: every place to coordinates, with the precision the text supports."""
