"""The pricing engine: reading AWS Price List files, looking prices up, and estimating a design's monthly
cost. Plain Python; the database side lives in `designer.services.prices`."""
