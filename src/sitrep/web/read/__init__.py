"""Read models of the web layer: storage rows in, API schemas out, in few queries per page."""
