"""diptych: compare two versions of a prose document side by side."""

__version__ = "0.1.0"
