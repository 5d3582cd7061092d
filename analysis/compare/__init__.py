"""Comparisons across years, one module per question: judgements, findings, performance."""
