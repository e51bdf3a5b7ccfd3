"""Evaluation of the program by Kirkpatrick's four levels: observations, indicators."""
