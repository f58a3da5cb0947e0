"""Batch grading of a workshop's submissions (``coach grade``): readers, writers, the HTML report."""
from __future__ import annotations

from .readers import InputFileError, open_table
from .runner import GradeOptions, OutputError, OutputExistsError, atomic_output, check_target, grade_table
from .writers import output_format_of

__all__ = ["InputFileError", "open_table", "GradeOptions", "OutputError", "OutputExistsError", "atomic_output",
           "check_target", "grade_table", "output_format_of"]
