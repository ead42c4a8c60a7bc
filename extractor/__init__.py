"""extractor: Chinese incident-response statements to tables of remediation measures."""
