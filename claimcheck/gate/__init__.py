"""The CI gate: compare new articles with an indexed corpus, leave out what a baseline holds, and decide
whether the build fails."""
