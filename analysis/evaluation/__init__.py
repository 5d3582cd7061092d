"""How far to trust the readers: label files, agreement measures and the accuracy report."""
