// The CRM module.
