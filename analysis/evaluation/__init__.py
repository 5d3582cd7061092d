"""How far to trust the readers: hand-label files, agreement measures and the accuracy report."""
