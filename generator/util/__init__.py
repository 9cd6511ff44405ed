"""Helpers with no stage logic: ``files`` (reading content files safely, atomic writes),
``frontmatter`` (YAML front matter), ``lock`` (one build at a time), ``forked`` (work split
over forked processes), ``progress`` (the progress bar and summary).
"""
