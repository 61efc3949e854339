// Runner target.
