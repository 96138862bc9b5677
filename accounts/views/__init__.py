"""Views of the elector account flows (one module per flow); profile views live apart."""
