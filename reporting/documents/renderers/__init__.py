"""The renderers every document shares: a format whose renderer is here, and not in a
document's own layouts package, reaches every document the registry names for it."""
