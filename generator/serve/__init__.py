"""``digest serve``: ``server`` the watch loop and rebuilds, ``web`` the HTTP side and the
reload script, ``preview`` the quick preview of an edit before the full rebuild.
"""
