"""The contract at the bottom: every allowed value, the processed tables' schemas, the error type.

Imports nothing else of the package; every other stage may import it.
"""
