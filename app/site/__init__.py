"""The public micro-site: the directory as server-rendered HTML pages under /directory."""
