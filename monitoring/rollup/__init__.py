"""The municipality's rollup of its schools' figures."""
