"""One screen per area of the workbook, and the dialogs they open."""
