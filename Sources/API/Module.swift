// The API module.
