"""What one article says, read off its sentences: actors, quotes and their speakers, numbers."""
