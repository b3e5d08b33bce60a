"""claimdesk: a fact-check tracker for the numbers in news articles."""
