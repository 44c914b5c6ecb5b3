"""The private parts of other libraries this project relies on, one module per library.

Each adapter names the private symbols it uses (``PRIVATE_SYMBOLS``), offers a small public function
with a fallback for when a symbol is gone, and tests/test_adapters.py checks that every symbol still
exists in the installed version. The versions relied on are pinned in pyproject.toml.
"""
