"""One module per page kind: index (list, search, live feed), article, tracker, add."""
