"""Pure topology: records, the per-engine store, patches and address arithmetic.

Knows neither Django nor docker.
"""
