"""The coach's spaCy components. Importing this package registers their factories."""
from __future__ import annotations

from . import needs, qualifiers, roles  # noqa: F401

#: The coach's components, in pipeline order.
COMPONENTS = ("coach_roles", "coach_needs", "coach_qualifiers")
