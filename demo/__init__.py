"""The demonstration municipality and school (`manage.py seed_demo`): one module per app whose
rows it builds, in dependency order, each step idempotent. Not part of the running portal: no
model, no page; production settings refuse the command."""
