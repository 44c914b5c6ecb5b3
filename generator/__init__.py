"""Office Handbook (办公室工作手册): records in YAML → handbook site, search and GB/T 9704 documents."""

__version__ = "0.1.0"
