"""Developer tools, each run as ``python -m extractor.tools.<name>``; nothing in the package imports them."""
