"""The pure domain core: targets, periods, judging, the report model. No I/O, no typer, no rich."""
