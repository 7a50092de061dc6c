"""HTTP delivery, apart from the domain's vocabulary: the public response cache, compression, ETags and
preconditions, and the request body limit."""
