"""Running the notebooks: papermill runs, HTML rendering, and checking notebook parameters."""
