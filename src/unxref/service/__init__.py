"""The web service: `app` builds it, `routes` answer, `workers` run the queries."""
