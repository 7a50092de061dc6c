"""The interactive API documentation, served without any other host."""
