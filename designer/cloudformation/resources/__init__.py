"""One module per group of kinds: the resources each kind of node becomes."""
