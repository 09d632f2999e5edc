"""Reading indicator tables as people have them, checking them, and adding them to a store."""
