"""Questionnaires: their templates, lifecycle, audience, answers and results."""
