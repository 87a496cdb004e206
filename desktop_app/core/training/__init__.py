"""Head training: a generator of frozen events with a cancel token (ARCHITECTURE rule 2)."""
