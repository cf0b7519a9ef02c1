"""The real-world measure (issue 16): a corpus of public specs, fetched and run through us and a peer."""
