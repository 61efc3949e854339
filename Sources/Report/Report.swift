// Report target.
