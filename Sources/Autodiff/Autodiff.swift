// Autodiff target.
