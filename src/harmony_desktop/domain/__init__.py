"""Domain vocabulary shared by every layer: statuses, kinds and errors. No I/O, no Qt."""
