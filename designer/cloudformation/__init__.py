"""CloudFormation: exporting a design as a template (`export`), and importing a template as a design."""
