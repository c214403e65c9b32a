"""sitrep: turn reporting on armed conflict into a sourced knowledge base."""

__version__ = "0.1.0"
