"""The build cache (``content/.digest/.cache/``): what earlier builds worked out, around the
stages.

``store`` the SQLite store, its keys and the code version of cached pages; ``memo`` what each
stage keeps (parses, leads, terms, feeds, story pages, stamps, edition days); ``reach`` the
import closure of a stage, which its code version hashes.
"""
