"""What a reader sees: charts, captions, summary sentences, the report page, exported tables."""
