"""Rule data files (JSON Lines). Shipped inside the wheel as the ``extractor.rules`` package."""
