"""Reference data: the countries. The /countries routes are in app/country_directory: each country is shown with
its record counts, which are counted above this layer (app/stats)."""
