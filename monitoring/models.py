"""Questionnaires, Kirkpatrick evaluation, the semester report and the municipal rollup."""
