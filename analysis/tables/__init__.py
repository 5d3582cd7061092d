"""The processed tables built from the documents, and tables computed from them (KPI scorecard)."""
